import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  conflict,
  type LegalBasis,
  type NoticeMethod,
  type PresumingOffence,
  type Regulation11Ground,
  type RestrictingKind,
  type Restriction,
  type RestrictionKind,
  type RestrictionRecord,
  type RestrictionEvent,
  type RestrictionStatus,
  type RestrictionStep,
  type ReviewCycle,
} from '@caseroom/domain';
import { returnedRows } from './database-errors';

interface RestrictionRow {
  id: string;
  case_id: string;
  decision_id: string;
  force_id: string;
  kind: RestrictingKind;
  status: RestrictionStatus;
  effective_on: string | null;
  conditions: string | null;
  legal_basis: LegalBasis | null;
  review_cycle: ReviewCycle | null;
  next_review_on: string | null;
  ended_on: string | null;
  proposed_by: string | null;
  updated_at: Date;
  requested_on: string;
  applied_kinds: RestrictionKind[] | null;
  named_system: string | null;
  other_kind: string | null;
  regulation_11_grounds: Regulation11Ground[] | null;
  decision_maker: string | null;
  notice_method: NoticeMethod | null;
  told_on: string | null;
  written_notice_on: string | null;
  written_notice_due_on: string | null;
  rationale: string | null;
  alternatives: string | null;
  representations: string | null;
  iopc_consulted_on: string | null;
  arrest_for: PresumingOffence | null;
  presumption_rebutted: string | null;
  end_reason: string | null;
}

// The day of the request is the day in England and Wales, whatever the server's time zone.
const columns = `id, case_id, decision_id, force_id, kind, status, effective_on::text AS effective_on, conditions, legal_basis, review_cycle,
  next_review_on::text AS next_review_on, ended_on::text AS ended_on, proposed_by, updated_at,
  (created_at AT TIME ZONE 'Europe/London')::date::text AS requested_on, applied_kinds, named_system, other_kind, regulation_11_grounds,
  decision_maker, notice_method, told_on::text AS told_on, written_notice_on::text AS written_notice_on,
  written_notice_due_on::text AS written_notice_due_on, rationale, alternatives, representations,
  iopc_consulted_on::text AS iopc_consulted_on, arrest_for, presumption_rebutted, end_reason`;

const toRecord = (row: RestrictionRow): RestrictionRecord | null =>
  row.applied_kinds === null
    ? null
    : {
        kinds: row.applied_kinds,
        namedSystem: row.named_system,
        otherKind: row.other_kind,
        regulation11Grounds: row.regulation_11_grounds,
        decisionMaker: row.decision_maker!,
        noticeMethod: row.notice_method!,
        toldOn: row.told_on!,
        writtenNoticeOn: row.written_notice_on,
        writtenNoticeDueOn: row.written_notice_due_on,
        rationale: row.rationale!,
        alternatives: row.alternatives!,
        representations: row.representations,
        iopcConsultedOn: row.iopc_consulted_on,
        arrestFor: row.arrest_for,
        presumptionRebutted: row.presumption_rebutted,
        endReason: row.end_reason,
      };

const toRestriction = (row: RestrictionRow): Restriction => ({
  id: row.id,
  caseId: row.case_id,
  decisionId: row.decision_id,
  forceId: row.force_id,
  kind: row.kind,
  status: row.status,
  requestedOn: row.requested_on,
  record: toRecord(row),
  effectiveOn: row.effective_on,
  conditions: row.conditions,
  legalBasis: row.legal_basis,
  reviewCycle: row.review_cycle,
  nextReviewOn: row.next_review_on,
  endedOn: row.ended_on,
  proposedBy: row.proposed_by,
  updatedAt: new Date(row.updated_at),
});

/** Appends one step to the restriction events' chain (the database numbers, stamps and hashes it). */
export async function insertRestrictionEvent(
  manager: EntityManager,
  event: { restrictionId: string; step: RestrictionStep; byId: string; detail: Record<string, unknown> },
): Promise<void> {
  await manager.query(`INSERT INTO restriction_events (restriction_id, step, by_id, detail) VALUES ($1, $2, $3, $4)`, [
    event.restrictionId,
    event.step,
    event.byId,
    JSON.stringify(event.detail),
  ]);
}

/** What a step changes on the restriction's current state. */
export interface RestrictionChange {
  readonly status: RestrictionStatus;
  readonly effectiveOn?: string | null;
  readonly conditions?: string | null;
  readonly legalBasis?: LegalBasis | null;
  readonly reviewCycle?: ReviewCycle | null;
  readonly nextReviewOn?: string | null;
  readonly endedOn?: string | null;
  readonly proposedBy?: string | null;
  /** The whole record PSD keeps, written together (null clears it, when an application is rejected). */
  readonly record?: RestrictionRecord | null;
}

const recordColumns: Readonly<Record<keyof RestrictionRecord, string>> = {
  kinds: 'applied_kinds',
  namedSystem: 'named_system',
  otherKind: 'other_kind',
  regulation11Grounds: 'regulation_11_grounds',
  decisionMaker: 'decision_maker',
  noticeMethod: 'notice_method',
  toldOn: 'told_on',
  writtenNoticeOn: 'written_notice_on',
  writtenNoticeDueOn: 'written_notice_due_on',
  rationale: 'rationale',
  alternatives: 'alternatives',
  representations: 'representations',
  iopcConsultedOn: 'iopc_consulted_on',
  arrestFor: 'arrest_for',
  presumptionRebutted: 'presumption_rebutted',
  endReason: 'end_reason',
};

const changeColumns: Readonly<Record<keyof Omit<RestrictionChange, 'status' | 'record'>, string>> = {
  effectiveOn: 'effective_on',
  conditions: 'conditions',
  legalBasis: 'legal_basis',
  reviewCycle: 'review_cycle',
  nextReviewOn: 'next_review_on',
  endedOn: 'ended_on',
  proposedBy: 'proposed_by',
};

@Injectable()
export class RestrictionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<Restriction | null> {
    const [row] = await this.dataSource.query<RestrictionRow[]>(`SELECT ${columns} FROM restrictions WHERE id = $1`, [id]);
    return row ? toRestriction(row) : null;
  }

  /** The request a decision made, if it restricted the suspect (one at most). */
  async findForDecision(decisionId: string): Promise<Restriction | null> {
    const [row] = await this.dataSource.query<RestrictionRow[]>(`SELECT ${columns} FROM restrictions WHERE decision_id = $1`, [decisionId]);
    return row ? toRestriction(row) : null;
  }

  async forCase(caseId: string): Promise<Restriction[]> {
    const rows = await this.dataSource.query<RestrictionRow[]>(
      `SELECT ${columns} FROM restrictions WHERE case_id = $1 ORDER BY created_at`,
      [caseId],
    );
    return rows.map(toRestriction);
  }

  /** Everything for the force's professional standards to act on or keep under review. */
  async openForForce(forceId: string): Promise<Restriction[]> {
    const rows = await this.dataSource.query<RestrictionRow[]>(
      `SELECT ${columns} FROM restrictions WHERE force_id = $1 AND status NOT IN ('declined', 'lifted', 'withdrawn') ORDER BY created_at`,
      [forceId],
    );
    return rows.map(toRestriction);
  }

  /** Restrictions in force, or waiting for a second person, whose written notice is not recorded and falls due on or before the date. */
  async writtenNoticeDueBy(date: string): Promise<Restriction[]> {
    const rows = await this.dataSource.query<RestrictionRow[]>(
      `SELECT ${columns} FROM restrictions WHERE status IN ('apply_pending', 'applied', 'lift_pending') AND written_notice_on IS NULL
         AND written_notice_due_on <= $1::date ORDER BY written_notice_due_on`,
      [date],
    );
    return rows.map(toRestriction);
  }

  /** Suspension requests not yet decided: regulation 11B's decision clock runs on them. */
  async undecidedSuspensions(): Promise<Restriction[]> {
    const rows = await this.dataSource.query<RestrictionRow[]>(
      `SELECT ${columns} FROM restrictions WHERE kind = 'recommend_suspension' AND status IN ('requested', 'apply_pending', 'decline_pending')
         ORDER BY created_at`,
    );
    return rows.map(toRestriction);
  }

  /** Restrictions in force whose next review falls on or before the date. */
  async activeDueBy(date: string): Promise<Restriction[]> {
    const rows = await this.dataSource.query<RestrictionRow[]>(
      `SELECT ${columns} FROM restrictions WHERE status IN ('applied', 'lift_pending') AND next_review_on <= $1::date ORDER BY next_review_on`,
      [date],
    );
    return rows.map(toRestriction);
  }

  async events(restrictionId: string): Promise<RestrictionEvent[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        restriction_id: string;
        step: RestrictionStep;
        by_id: string;
        occurred_at: Date;
        detail: Record<string, unknown>;
        hash: string;
      }[]
    >(
      `SELECT id::text AS id, restriction_id, step, by_id, occurred_at, detail, hash FROM restriction_events WHERE restriction_id = $1 ORDER BY restriction_events.id`,
      [restrictionId],
    );
    return rows.map((row) => ({
      id: row.id,
      restrictionId: row.restriction_id,
      step: row.step,
      byId: row.by_id,
      occurredAt: new Date(row.occurred_at),
      detail: row.detail,
      hash: row.hash,
    }));
  }

  /**
   * Takes one step: the current state changes only from the status it was read in (a concurrent step
   * makes this one fail, not both succeed), and the event is appended in the same transaction.
   */
  async step(
    restriction: Pick<Restriction, 'id' | 'status'>,
    change: RestrictionChange,
    event: { step: RestrictionStep; byId: string; detail: Record<string, unknown> },
  ): Promise<Restriction> {
    return this.dataSource.transaction((manager) => takeRestrictionStep(manager, restriction, change, event));
  }
}

/**
 * One step inside the caller's transaction (a decision that supersedes another withdraws its request
 * in the same transaction as the decision). Changes the current state only from the status it was
 * read in, and appends the event.
 */
export async function takeRestrictionStep(
  manager: EntityManager,
  restriction: Pick<Restriction, 'id' | 'status'>,
  change: RestrictionChange,
  event: { step: RestrictionStep; byId: string; detail: Record<string, unknown> },
): Promise<Restriction> {
  const assignments = ['status = $3', 'updated_at = now()'];
  const values: unknown[] = [restriction.id, restriction.status, change.status];
  for (const [key, column] of Object.entries(changeColumns) as [keyof typeof changeColumns, string][]) {
    if (change[key] === undefined) continue;
    values.push(change[key]);
    assignments.push(`${column} = $${values.length}`);
  }
  if (change.record !== undefined)
    for (const [key, column] of Object.entries(recordColumns) as [keyof RestrictionRecord, string][]) {
      values.push(change.record === null ? null : change.record[key]);
      assignments.push(`${column} = $${values.length}`);
    }
  const rows = returnedRows<RestrictionRow>(
    await manager.query<unknown>(
      `UPDATE restrictions SET ${assignments.join(', ')} WHERE id = $1 AND status = $2 RETURNING ${columns}`,
      values,
    ),
  );
  if (rows.length === 0) throw conflict('The restriction changed meanwhile; reload it and try again.');
  await insertRestrictionEvent(manager, { restrictionId: restriction.id, ...event });
  return toRestriction(rows[0]);
}
