import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ConferenceStatus } from '@caseroom/domain';
import { UserEntity } from './user.entity';

/** A scheduled conference; its title is neutral, like every case reference on its agenda. */
@Entity({ name: 'conferences' })
@Check('conferences_status_check', `status IN ('scheduled','open','closed')`)
export class ConferenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt!: Date;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ name: 'chair_id', type: 'uuid' })
  chairId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_id' })
  chair?: UserEntity;

  @Column({ name: 'coordinator_id', type: 'uuid' })
  coordinatorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'coordinator_id' })
  coordinator?: UserEntity;

  @Column({ type: 'text' })
  status!: ConferenceStatus;

  @Column({ name: 'current_item_id', type: 'uuid', nullable: true })
  currentItemId!: string | null;

  @Column({ name: 'confidentiality_statement', type: 'text' })
  confidentialityStatement!: string;

  /** When the agenda was last circulated to the invitees. */
  @Column({ name: 'agenda_circulated_at', type: 'timestamptz', nullable: true })
  agendaCirculatedAt!: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
