import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

/**
 * Where a police-employed victim works in her force (the force is the case's `victim_employer_force_id`):
 * what her colleagues' conflicts are derived from, as `case_suspects` is for the suspect's. When she has
 * an account, the account's current organisation data is used instead, so conflicts follow changes to it.
 * A row exists only while the case records her employer as a police force.
 */
@Entity({ name: 'case_victim_workers' })
export class CaseVictimWorkerEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @OneToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Index('case_victim_workers_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  @Column({ name: 'line_manager_id', type: 'uuid', nullable: true })
  lineManagerId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_manager_id' })
  lineManager?: UserEntity;
}
