import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from './case.entity';
import { ConferenceEntity } from './conference.entity';

@Entity({ name: 'agenda_items' })
@Unique('agenda_items_conference_case_key', ['conferenceId', 'caseId'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('agenda_items_conference_id_idx')
  @Column({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @ManyToOne(() => ConferenceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conference_id' })
  conference?: ConferenceEntity;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'has_children', type: 'boolean' })
  hasChildren!: boolean;

  /** The coordinator's order within the agenda (cases with children still come first); a new item goes last. */
  @Column({ name: 'added_order', type: 'integer' })
  order!: number;

  /** When the chair first moved to the item in the live room, and when they last moved past it (or closed). */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
