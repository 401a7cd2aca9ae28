import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Compartment, DecisionDetails, DecisionKind, PositionRecord } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { ConferenceEntity } from './conference.entity';

/**
 * A decision of a conference, with the panel's positions. Append-only and hash-chained: the database
 * assigns `sequence`, `recorded_at`, `previous_hash` and `hash` under a lock and refuses UPDATE, DELETE
 * and TRUNCATE. A correction is a new row that `supersedes` the old one, with a reason.
 */
@Entity({ name: 'decisions' })
@Check('decisions_compartment_check', `compartment IN ('panel','victim','investigation','standards')`)
@Check(
  'decisions_kind_check',
  `kind IN ('remove_from_public_protection','no_unsupervised_contact','restrict_system_access','management_restricted_duties','recommend_suspension','refer_to_iopc','investigation_by_another_force','vetting_review','victim_safeguarding','no_further_action')`,
)
@Check('decisions_supersede_reason_check', `(supersedes_id IS NULL) = (supersede_reason IS NULL)`)
@Index('decisions_case_idx', ['caseId'])
@Index('decisions_sequence_key', ['sequence'], { unique: true })
@Index('decisions_supersedes_key', ['supersedesId'], { unique: true })
export class DecisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'bigint' })
  sequence!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'text' })
  kind!: DecisionKind;

  @Column({ type: 'text' })
  compartment!: Compartment;

  @Column({ type: 'text' })
  rationale!: string;

  @Column({ name: 'options_considered', type: 'text', nullable: true })
  optionsConsidered!: string | null;

  @Column({ type: 'jsonb' })
  details!: DecisionDetails;

  @Column({ type: 'jsonb' })
  positions!: PositionRecord[];

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id' })
  supersedes?: DecisionEntity;

  @Column({ name: 'supersede_reason', type: 'text', nullable: true })
  supersedeReason!: string | null;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
