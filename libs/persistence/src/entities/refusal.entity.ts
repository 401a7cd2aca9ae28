import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AccessChannel, RefusedAttempt } from '@caseroom/domain';
import { CaseEntity } from './case.entity';
import { UserEntity } from './user.entity';

/**
 * Every refusal on a case: who tried, when, through which channel, what kind of attempt and the policy's
 * reason; never what was asked for. Append-only and hash-chained like the access log: the database
 * assigns `id`, `occurred_at`, `previous_hash` and `hash` under a lock and refuses any change.
 */
@Entity({ name: 'refusals' })
@Check('refusals_channel_check', `channel IN ('http','socket','export')`)
@Check('refusals_attempt_check', `attempt IN ('read','write','search','sync','download','guess')`)
@Index('refusals_person_idx', ['personId', 'occurredAt'])
@Index('refusals_case_idx', ['caseId'])
export class RefusalEntity {
  @PrimaryColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id' })
  person?: UserEntity;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  /** The id as tried, when it names no case. */
  @Column({ type: 'text', nullable: true })
  attempted!: string | null;

  @Column({ type: 'text' })
  channel!: AccessChannel;

  @Column({ type: 'text' })
  attempt!: RefusedAttempt;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
