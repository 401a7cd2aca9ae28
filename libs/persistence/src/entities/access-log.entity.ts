import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Compartment } from '@caseroom/domain';

/**
 * Who saw (or changed) which compartment of which case, when, through which channel, under which
 * policy version and why they were admitted; never the content. Append-only and hash-chained: the
 * database assigns `id`, `occurred_at`, `previous_hash` and `hash` in a trigger, under a lock, and
 * refuses UPDATE, DELETE and TRUNCATE (see the migration).
 */
@Entity({ name: 'access_log' })
@Check('access_log_compartment_check', `compartment IN ('panel','victim','investigation','standards')`)
@Check('access_log_channel_check', `channel IN ('http','socket','export')`)
@Check('access_log_action_check', `action IN ('read','write')`)
@Index('access_log_case_id_idx', ['caseId'])
export class AccessLogEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'viewer_id', type: 'uuid' })
  viewerId!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  compartment!: Compartment;

  @Column({ type: 'text' })
  action!: 'read' | 'write';

  @Column({ type: 'text' })
  channel!: 'http' | 'socket' | 'export';

  @Column({ name: 'policy_version', type: 'bigint' })
  policyVersion!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
