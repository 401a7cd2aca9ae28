import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LegalBasis, RestrictingKind, RestrictionStatus, ReviewCycle } from '@caseroom/domain';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { DecisionEntity } from './decision.entity';

/**
 * Where a duty restriction stands now. Its history is `restriction_events` (append-only, chained);
 * this row is what the queue, the register and the reminders read, and it changes only together
 * with an event, in one transaction.
 */
@Entity({ name: 'restrictions' })
@Check('restrictions_status_check', `status IN ('requested','decline_pending','declined','applied','lift_pending','lifted','withdrawn')`)
@Check(
  'restrictions_kind_check',
  `kind IN ('remove_from_public_protection','no_unsupervised_contact','restrict_system_access','management_restricted_duties','recommend_suspension')`,
)
@Index('restrictions_decision_key', ['decisionId'], { unique: true })
@Index('restrictions_force_status_idx', ['forceId', 'status'])
export class RestrictionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: DecisionEntity;

  @Column({ name: 'force_id', type: 'uuid' })
  forceId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'force_id' })
  force?: AgencyEntity;

  @Column({ type: 'text' })
  kind!: RestrictingKind;

  @Column({ type: 'text' })
  status!: RestrictionStatus;

  @Column({ name: 'effective_on', type: 'date', nullable: true })
  effectiveOn!: string | null;

  @Column({ type: 'text', nullable: true })
  conditions!: string | null;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: LegalBasis | null;

  @Column({ name: 'review_cycle', type: 'text', nullable: true })
  reviewCycle!: ReviewCycle | null;

  @Column({ name: 'next_review_on', type: 'date', nullable: true })
  nextReviewOn!: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
