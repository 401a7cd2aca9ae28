import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ActionStatus } from '@caseroom/domain';
import { CaseActionEntity } from './case-action.entity';

/** A dated report on an action: its status from then on, and what the agency said. */
@Entity({ name: 'action_updates' })
@Check('action_updates_status_check', `status IN ('open','done','not_possible','not_done')`)
@Index('action_updates_action_idx', ['actionId'])
export class ActionUpdateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId!: string;

  @ManyToOne(() => CaseActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: CaseActionEntity;

  @Column({ type: 'text' })
  status!: ActionStatus;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'by_id', type: 'uuid' })
  byId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
