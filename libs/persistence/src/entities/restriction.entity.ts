import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  LegalBasis,
  NoticeMethod,
  PresumingOffence,
  Regulation11Ground,
  RestrictingKind,
  RestrictionKind,
  RestrictionStatus,
  ReviewCycle,
} from '@caseroom/domain';
import { AgencyEntity } from './agency.entity';
import { CaseEntity } from './case.entity';
import { DecisionEntity } from './decision.entity';

/**
 * Where a duty restriction stands now. Its history is `restriction_events` (append-only, chained);
 * this row is what the queue, the register and the reminders read, and it changes only together
 * with an event, in one transaction.
 */
@Entity({ name: 'restrictions' })
@Check(
  'restrictions_status_check',
  `status IN ('requested','apply_pending','decline_pending','declined','applied','lift_pending','lifted','withdrawn')`,
)
@Check(
  'restrictions_applied_kinds_check',
  `applied_kinds <@ ARRAY['suspension','management_restricted_duties','temporary_redeployment','removal_from_protective_role','no_lone_working_with_vulnerable_people','non_public_facing','system_access_restriction','firearms_or_taser_withdrawn','warrant_card_retained','no_contact_or_exclusion','change_of_station','other']::text[] AND cardinality(applied_kinds) > 0`,
)
@Check(
  'restrictions_regulation_11_grounds_check',
  `regulation_11_grounds <@ ARRAY['investigation_prejudiced','public_interest']::text[] AND cardinality(regulation_11_grounds) > 0`,
)
@Check('restrictions_notice_method_check', `notice_method IN ('in_writing','orally_then_in_writing')`)
@Check('restrictions_arrest_for_check', `arrest_for IN ('sexual_offence','domestic_abuse_offence')`)
// What PSD records on applying comes together: the kinds, who decided, how the officer was told and why.
@Check(
  'restrictions_record_check',
  `(applied_kinds IS NULL) = (decision_maker IS NULL) AND (applied_kinds IS NULL) = (notice_method IS NULL) AND (applied_kinds IS NULL) = (told_on IS NULL) AND (applied_kinds IS NULL) = (rationale IS NULL) AND (applied_kinds IS NULL) = (alternatives IS NULL)`,
)
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

  /** What PSD applied (null until they apply): the kinds, with the system named or the other kind described. */
  @Column({ name: 'applied_kinds', type: 'text', array: true, nullable: true })
  appliedKinds!: RestrictionKind[] | null;

  @Column({ name: 'named_system', type: 'text', nullable: true })
  namedSystem!: string | null;

  @Column({ name: 'other_kind', type: 'text', nullable: true })
  otherKind!: string | null;

  @Column({ name: 'regulation_11_grounds', type: 'text', array: true, nullable: true })
  regulation11Grounds!: Regulation11Ground[] | null;

  @Column({ name: 'decision_maker', type: 'text', nullable: true })
  decisionMaker!: string | null;

  @Column({ name: 'notice_method', type: 'text', nullable: true })
  noticeMethod!: NoticeMethod | null;

  @Column({ name: 'told_on', type: 'date', nullable: true })
  toldOn!: string | null;

  @Column({ name: 'written_notice_on', type: 'date', nullable: true })
  writtenNoticeOn!: string | null;

  @Column({ name: 'written_notice_due_on', type: 'date', nullable: true })
  writtenNoticeDueOn!: string | null;

  @Column({ type: 'text', nullable: true })
  rationale!: string | null;

  @Column({ type: 'text', nullable: true })
  alternatives!: string | null;

  @Column({ type: 'text', nullable: true })
  representations!: string | null;

  @Column({ name: 'iopc_consulted_on', type: 'date', nullable: true })
  iopcConsultedOn!: string | null;

  @Column({ name: 'arrest_for', type: 'text', nullable: true })
  arrestFor!: PresumingOffence | null;

  @Column({ name: 'presumption_rebutted', type: 'text', nullable: true })
  presumptionRebutted!: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
