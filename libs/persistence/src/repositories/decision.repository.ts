import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  conflict,
  type Compartment,
  type DecisionDetails,
  type DecisionKind,
  type DecisionRecord,
  type PositionRecord,
  type RestrictingKind,
} from '@caseroom/domain';
import { isUniqueViolation } from './database-errors';
import { insertRestrictionEvent } from './restriction.repository';

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
   * Appends the decision and, when it restricts the suspect, the restriction request and its first
   * event, in one transaction: either all of it is recorded or none of it.
   */
  async record(
    input: NewDecision,
    restriction: { readonly forceId: string; readonly kind: RestrictingKind } | null,
  ): Promise<{ decision: DecisionRecord; restrictionId: string | null }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const decision = await this.insert(manager, input);
        if (!restriction) return { decision, restrictionId: null };
        const [{ id: restrictionId }] = await manager.query<{ id: string }[]>(
          `INSERT INTO restrictions (case_id, decision_id, force_id, kind, status) VALUES ($1, $2, $3, $4, 'requested') RETURNING id`,
          [input.caseId, decision.id, restriction.forceId, restriction.kind],
        );
        await insertRestrictionEvent(manager, {
          restrictionId,
          step: 'requested',
          byId: input.recordedBy,
          detail: { decisionId: decision.id },
        });
        return { decision, restrictionId };
      });
    } catch (error) {
      if (input.supersedes && isUniqueViolation(error, 'decisions_supersedes_key'))
        throw conflict('This decision has already been superseded.', [{ path: 'params.decisionId', message: 'already superseded' }]);
      throw error;
    }
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

  /** Every decision on the case, superseded ones included, in the order recorded. */
  async forCase(caseId: string): Promise<DecisionRecord[]> {
    const rows = await this.dataSource.query<DecisionRow[]>(`SELECT * FROM decisions WHERE case_id = $1 ORDER BY sequence`, [caseId]);
    return rows.map(toDecision);
  }
}
