import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UnitEntity } from './unit.entity';

/** Posting history of a police-employed victim who has no account (with an account, the account's postings count). */
@Entity({ name: 'case_victim_postings' })
@Check('case_victim_postings_dates_check', `ends_on IS NULL OR ends_on >= starts_on`)
export class CaseVictimPostingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('case_victim_postings_case_id_idx')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: UnitEntity;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;
}
