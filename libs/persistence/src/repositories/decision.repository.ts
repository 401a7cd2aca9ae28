import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  conflict,
  type AccessRecord,
  type Compartment,
  type DecisionDetails,
  type DecisionKind,
  type DecisionRecord,
  type PositionRecord,
  type RestrictingKind,
  type Restriction,
  type RestrictionStatus,
} from '@caseroom/domain';
import { insertAccessRecords } from './access-log.repository';
import { isUniqueViolation } from './database-errors';
import { insertRestrictionEvent, takeRestrictionStep } from './restriction.repository';

export interface NewDecision {
  readonly caseId: string;
  readonly conferenceId: string;
  readonly kind: DecisionKind;
  readonly compartment: Compartment;
  readonly rationale: string;
  readonly optionsConsidered: string | null;
  readonly details: DecisionDetails;
  readonly positions: readonly PositionRecord[];
  readonly recordedBy: string;
  readonly supersedes: { readonly id: string; readonly reason: string } | null;
}

/** What is written together with a decision, in its transaction. */
export interface DecisionWrites {
  /** The request to the suspect's force's professional standards, when the decision restricts the suspect. */
  readonly restriction: { readonly forceId: string; readonly kind: RestrictingKind } | null;
  /** The superseded decision's request, withdrawn from the status it was read in (a concurrent PSD step makes this fail). */
  readonly withdraw: { readonly restrictionId: string; readonly from: RestrictionStatus; readonly to: RestrictionStatus } | null;
  /** The access-log rows of the write. */
  readonly accessLog: readonly AccessRecord[];
}

export interface RecordedDecision {
  readonly decision: DecisionRecord;
  readonly restrictionId: string | null;
  readonly withdrawn: Restriction | null;
}

interface DecisionRow {
  id: string;
  sequence: string;
  recorded_at: Date;
  case_id: string;
  conference_id: string;
  kind: DecisionKind;
  compartment: Compartment;
  rationale: string;
  options_considered: string | null;
  details: DecisionDetails;
  positions: PositionRecord[];
  recorded_by: string;
  supersedes_id: string | null;
  supersede_reason: string | null;
  hash: string;
}

const toDecision = (row: DecisionRow): DecisionRecord => ({
  id: row.id,
  sequence: String(row.sequence),
  caseId: row.case_id,
  conferenceId: row.conference_id,
  kind: row.kind,
  compartment: row.compartment,
  rationale: row.rationale,
  optionsConsidered: row.options_considered,
  details: row.details,
  positions: row.positions,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at),
  supersedesId: row.supersedes_id,
  supersedeReason: row.supersede_reason,
  hash: row.hash,
});

/** The conference's decisions: appended, chained by the database, never changed. */
@Injectable()
export class DecisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends the decision, in one transaction with everything that goes with it: when it restricts the
   * suspect, the restriction request and its first event; when it supersedes a decision whose request
   * PSD has not applied, that request's withdrawal; and the access-log rows of the chair's write, last.
   * Either all of it is recorded or none of it.
   */
  async record(input: NewDecision, writes: DecisionWrites): Promise<RecordedDecision> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const decision = await this.insert(manager, input);
        const restrictionId = writes.restriction ? await this.request(manager, input, decision.id, writes.restriction) : null;
        const withdrawn = writes.withdraw
          ? await takeRestrictionStep(
              manager,
              { id: writes.withdraw.restrictionId, status: writes.withdraw.from },
              { status: writes.withdraw.to, proposedBy: null },
              { step: 'withdrawn', byId: input.recordedBy, detail: { supersededBy: decision.id } },
            )
          : null;
        await insertAccessRecords(manager, writes.accessLog);
        return { decision, restrictionId, withdrawn };
      });
    } catch (error) {
      if (input.supersedes && isUniqueViolation(error, 'decisions_supersedes_key'))
        throw conflict('This decision has already been superseded.', [{ path: 'params.decisionId', message: 'already superseded' }]);
      throw error;
    }
  }

  private async request(
    manager: EntityManager,
    input: NewDecision,
    decisionId: string,
    restriction: { readonly forceId: string; readonly kind: RestrictingKind },
  ): Promise<string> {
    const [{ id: restrictionId }] = await manager.query<{ id: string }[]>(
      `INSERT INTO restrictions (case_id, decision_id, force_id, kind, status) VALUES ($1, $2, $3, $4, 'requested') RETURNING id`,
      [input.caseId, decisionId, restriction.forceId, restriction.kind],
    );
    await insertRestrictionEvent(manager, { restrictionId, step: 'requested', byId: input.recordedBy, detail: { decisionId } });
    return restrictionId;
  }

  private async insert(manager: EntityManager, input: NewDecision): Promise<DecisionRecord> {
    const [row] = await manager.query<DecisionRow[]>(
      `INSERT INTO decisions (id, case_id, conference_id, kind, compartment, rationale, options_considered, details, positions, recorded_by,
                              supersedes_id, supersede_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
        randomUUID(),
        input.caseId,
        input.conferenceId,
        input.kind,
        input.compartment,
        input.rationale,
        input.optionsConsidered,
        JSON.stringify(input.details),
        JSON.stringify(input.positions),
        input.recordedBy,
        input.supersedes?.id ?? null,
        input.supersedes?.reason ?? null,
      ],
    );
    return toDecision(row);
  }

  async findById(id: string): Promise<DecisionRecord | null> {
    const [row] = await this.dataSource.query<DecisionRow[]>(`SELECT * FROM decisions WHERE id = $1`, [id]);
    return row ? toDecision(row) : null;
  }

  async isSuperseded(decisionId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM decisions WHERE supersedes_id = $1`, [decisionId]);
    return rows.length > 0;
  }

  /** Every decision on the case, superseded ones included, in the order recorded. */
  async forCase(caseId: string): Promise<DecisionRecord[]> {
    const rows = await this.dataSource.query<DecisionRow[]>(`SELECT * FROM decisions WHERE case_id = $1 ORDER BY sequence`, [caseId]);
    return rows.map(toDecision);
  }
}
