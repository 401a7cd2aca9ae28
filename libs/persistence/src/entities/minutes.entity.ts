import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { MinutesContent } from '@caseroom/domain';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/**
 * One approved version of a conference's minutes, whole. Append-only and hash-chained like decisions:
 * the database assigns `sequence`, `recorded_at`, `previous_hash` and `hash` under a lock and refuses
 * UPDATE, DELETE and TRUNCATE. A correction is a new version that supersedes the last, with its reason.
 */
@Entity({ name: 'minutes' })
@Check('minutes_correction_reason_check', `(supersedes_id IS NULL) = (correction_reason IS NULL)`)
@Index('minutes_sequence_key', ['sequence'], { unique: true })
@Index('minutes_supersedes_key', ['supersedesId'], { unique: true })
@Index('minutes_conference_version_key', ['conferenceId', 'version'], { unique: true })
export class MinutesEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'bigint' })
  sequence!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  content!: MinutesContent;

  @Column({ name: 'approved_by', type: 'uuid' })
  approvedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by' })
  approver?: UserEntity;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => MinutesEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id' })
  supersedes?: MinutesEntity;

  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason!: string | null;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
