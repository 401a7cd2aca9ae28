import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { MinutesStep } from '@caseroom/domain';
import { MinutesCopyEntity } from './minutes-copy.entity';

/**
 * One step in a copy's life: issued, downloaded, refused, withdrawn, reissued. Append-only and
 * hash-chained like the access log (the database stamps and chains each row and refuses any change);
 * `npm run audit:verify` checks it with the others.
 */
@Entity({ name: 'minutes_events' })
@Check('minutes_events_step_check', `step IN ('issued','downloaded','refused','withdrawn','reissued')`)
@Index('minutes_events_copy_idx', ['copyId'])
export class MinutesEventEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'copy_id', type: 'uuid' })
  copyId!: string;

  @ManyToOne(() => MinutesCopyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'copy_id' })
  copy?: MinutesCopyEntity;

  @Column({ type: 'text' })
  step!: MinutesStep;

  @Column({ name: 'by_id', type: 'uuid' })
  byId!: string;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
