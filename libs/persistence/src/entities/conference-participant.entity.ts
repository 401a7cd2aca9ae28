import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/**
 * A person invited to a conference, with what the register records: when they were invited, when they
 * acknowledged the confidentiality statement, apologies, and whether they were removed. A chair or
 * coordinator who acknowledges has a row too, with no invitation.
 */
@Entity({ name: 'conference_participants' })
export class ConferenceParticipantEntity {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** When the invitation was sent (again, after a withdrawal); null for rows from before it was recorded. */
  @Column({ name: 'invited_at', type: 'timestamptz', nullable: true })
  invitedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'apologies', type: 'text', nullable: true })
  apologies!: string | null;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
