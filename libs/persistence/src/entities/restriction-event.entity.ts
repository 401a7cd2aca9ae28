import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RestrictionStep } from '@caseroom/domain';
import { RestrictionEntity } from './restriction.entity';

/**
 * One step in a restriction's life. Append-only and hash-chained like the access log: the database
 * assigns `id`, `occurred_at`, `previous_hash` and `hash` under a lock and refuses any change.
 */
@Entity({ name: 'restriction_events' })
@Check(
  'restriction_events_step_check',
  `step IN ('requested','apply_proposed','applied','reviewed','written_notice_recorded','decline_proposed','lift_proposed','approved','rejected','withdrawn')`,
)
@Index('restriction_events_restriction_idx', ['restrictionId'])
export class RestrictionEventEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'restriction_id', type: 'uuid' })
  restrictionId!: string;

  @ManyToOne(() => RestrictionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'restriction_id' })
  restriction?: RestrictionEntity;

  @Column({ type: 'text' })
  step!: RestrictionStep;

  @Column({ name: 'by_id', type: 'uuid' })
  byId!: string;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
