import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

/**
 * Where the suspect sits in their force: what conflicts are derived from. When the suspect has an
 * account, the account's current organisation data is used instead, so conflicts follow changes to it.
 */
@Entity({ name: 'case_suspects' })
export class CaseSuspectEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @OneToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Index('case_suspects_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'force_id', type: 'uuid' })
  forceId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'force_id' })
  force?: AgencyEntity;

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

  @Column({ name: 'is_public_protection', type: 'boolean', default: false })
  isPublicProtection!: boolean;
}
