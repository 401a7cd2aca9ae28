import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MinutesHolds } from '@caseroom/domain';
import { MinutesEntity } from './minutes.entity';
import { UserEntity } from './user.entity';

/**
 * One person's copy of a version of the minutes: what the policy gave them when it was issued (`holds`,
 * at `policy_version`), its number and the key of its fingerprint. The rendition is made again from the
 * approved minutes and these, the same every time; its state changes only by withdrawal or replacement.
 */
@Entity({ name: 'minutes_copies' })
@Index('minutes_copies_minutes_number_key', ['minutesId', 'number'], { unique: true })
@Index('minutes_copies_recipient_idx', ['recipientId'])
export class MinutesCopyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId!: string;

  @ManyToOne(() => MinutesEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: MinutesEntity;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: UserEntity;

  /** The recipient's name and agency as they were when the copy was issued: what its pages are marked with. */
  @Column({ name: 'recipient_name', type: 'text' })
  recipientName!: string;

  @Column({ name: 'recipient_agency_name', type: 'text' })
  recipientAgencyName!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'fingerprint_key', type: 'text' })
  fingerprintKey!: string;

  @Column({ name: 'policy_version', type: 'bigint' })
  policyVersion!: string;

  @Column({ type: 'jsonb' })
  holds!: MinutesHolds;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy!: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;

  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  replacedBy!: string | null;

  @ManyToOne(() => MinutesCopyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaced_by' })
  replacement?: MinutesCopyEntity;
}
