import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { RetentionKind } from '@caseroom/domain';
import { CaseEntity } from './case.entity';

/**
 * The record of each erasure (DPA 2018 s62): which kind of record of which case, when, and under which
 * rule; never any content. Append-only and hash-chained like the access log: the database assigns `id`,
 * `occurred_at`, `previous_hash` and `hash` under a lock and refuses any change. Rows are written only by
 * the database function `erase_case_records`, in the transaction that erases.
 */
@Entity({ name: 'case_erasures' })
@Check('case_erasures_kind_check', `kind IN ('case_content','notes','minutes','access_log')`)
@Index('case_erasures_case_kind_idx', ['caseId', 'kind'], { unique: true })
export class CaseErasureEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ type: 'text' })
  kind!: RetentionKind;

  /** The rule applied, in words: the period and the closure it counted from. */
  @Column({ type: 'text' })
  rule!: string;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
