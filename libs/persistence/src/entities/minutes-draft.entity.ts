import { Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { MinutesDraftContent } from '@caseroom/domain';
import { ConferenceEntity } from './conference.entity';
import { UserEntity } from './user.entity';

/** The draft of a conference's minutes, one per conference, edited by revision until it is approved. */
@Entity({ name: 'minutes_drafts' })
export class MinutesDraftEntity {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @OneToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'jsonb' })
  content!: MinutesDraftContent;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by' })
  updater?: UserEntity;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
