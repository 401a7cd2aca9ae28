import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '@caseroom/domain';
import { UserEntity } from './user.entity';

/**
 * A notice or reminder for one person. `dedupe_key` makes a reminder idempotent: whichever instance
 * sweeps, and however often, each (subject, due date, level, recipient) is raised once.
 */
@Entity({ name: 'notifications' })
@Check(
  'notifications_kind_check',
  `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected','exposure_alert','victim_status_released','written_notice_due','written_notice_overdue','restriction_decision_due','restriction_decision_overdue')`,
)
@Index('notifications_dedupe_key', ['dedupeKey'], { unique: true })
@Index('notifications_recipient_idx', ['recipientId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: UserEntity;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
