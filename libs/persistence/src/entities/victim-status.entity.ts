import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * A plain-language status of what professional standards have done, for the IDVA to pass on to the victim.
 * A row is PSD's draft (standards compartment) until released; released, it is fixed (the database refuses
 * to change or delete it) and a later release supersedes it. One draft per case at a time.
 */
@Entity({ name: 'victim_statuses' })
@Check('victim_statuses_release_check', `(released_by IS NULL) = (released_at IS NULL)`)
@Index('victim_statuses_one_draft_key', ['caseId'], { unique: true, where: 'released_at IS NULL' })
@Index('victim_statuses_case_idx', ['caseId', 'releasedAt'])
export class VictimStatusEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'written_by', type: 'uuid' })
  writtenBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'written_by' })
  writer?: UserEntity;

  @Column({ name: 'written_at', type: 'timestamptz' })
  writtenAt!: Date;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'released_by' })
  releaser?: UserEntity;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;
}
