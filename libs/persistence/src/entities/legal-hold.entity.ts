import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * A legal hold on a case: while one is set and not released, the retention sweep erases nothing of the
 * case. Who set it and why, and who released it and why, are kept when it is released.
 */
@Entity({ name: 'legal_holds' })
@Index('legal_holds_one_active_idx', ['caseId'], { unique: true, where: 'released_at IS NULL' })
export class LegalHoldEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'set_by', type: 'uuid' })
  setBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'set_by' })
  setter?: UserEntity;

  @Column({ name: 'set_at', type: 'timestamptz' })
  setAt!: Date;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'released_by' })
  releaser?: UserEntity;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'release_reason', type: 'text', nullable: true })
  releaseReason!: string | null;
}
