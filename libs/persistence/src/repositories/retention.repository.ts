import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { conflict, type CaseErasure, type LegalHold, type RetentionKind } from '@caseroom/domain';
import { isUniqueViolation, returnedRows } from './database-errors';

interface HoldRow {
  id: string;
  case_id: string;
  reason: string;
  set_by: string;
  set_at: Date;
}

const toHold = (row: HoldRow): LegalHold => ({ id: row.id, caseId: row.case_id, reason: row.reason, setBy: row.set_by, setAt: row.set_at });

/** Legal holds, erasures and the closure they count from (decision 0031). */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The day the case last closed, or null while it is open. */
  async closedOn(caseId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ closed_on: string | null }[]>(
      `SELECT to_char(case_closed_on($1), 'YYYY-MM-DD') AS closed_on`,
      [caseId],
    );
    return row?.closed_on ?? null;
  }

  /** Closed cases whose period for this kind has passed by `today`, with no hold and not yet erased. */
  async dueForErasure(kind: RetentionKind, days: number, today: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM cases c
        WHERE c.status = 'closed' AND case_closed_on(c.id) + $2::integer <= $3::date
          AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = c.id AND h.released_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM case_erasures e WHERE e.case_id = c.id AND e.kind = $1)
        ORDER BY c.id`,
      [kind, days, today],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Erases one kind of the case's records through the database's own function, which checks again that
   * the case is closed, past its period and not held, and records the erasure in the same transaction.
   */
  async erase(caseId: string, kind: RetentionKind, days: number, now: Date): Promise<boolean> {
    const [row] = await this.dataSource.query<{ erased: boolean }[]>(`SELECT erase_case_records($1, $2, $3, $4) AS erased`, [
      caseId,
      kind,
      days,
      now,
    ]);
    return row.erased;
  }

  async erasuresOf(caseId: string): Promise<CaseErasure[]> {
    const rows = await this.dataSource.query<{ kind: RetentionKind; occurred_at: Date; rule: string }[]>(
      `SELECT kind, occurred_at, rule FROM case_erasures WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    return rows.map((row) => ({ caseId, kind: row.kind, erasedAt: row.occurred_at, rule: row.rule }));
  }

  async activeHold(caseId: string): Promise<LegalHold | null> {
    const [row] = await this.dataSource.query<HoldRow[]>(
      `SELECT id, case_id, reason, set_by, set_at FROM legal_holds WHERE case_id = $1 AND released_at IS NULL`,
      [caseId],
    );
    return row ? toHold(row) : null;
  }

  async setHold(caseId: string, reason: string, by: string, at: Date): Promise<LegalHold> {
    try {
      const [row] = await this.dataSource.query<HoldRow[]>(
        `INSERT INTO legal_holds (case_id, reason, set_by, set_at) VALUES ($1, $2, $3, $4)
         RETURNING id, case_id, reason, set_by, set_at`,
        [caseId, reason, by, at],
      );
      return toHold(row);
    } catch (error) {
      if (isUniqueViolation(error, 'legal_holds_one_active_idx')) throw conflict('The case is already under a legal hold.');
      throw error;
    }
  }

  /** Releases the active hold; answers false when there was none. */
  async releaseHold(caseId: string, reason: string, by: string, at: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE legal_holds SET released_by = $2, released_at = $3, release_reason = $4
        WHERE case_id = $1 AND released_at IS NULL RETURNING id`,
      [caseId, by, at, reason],
    );
    return returnedRows<{ id: string }>(result).length > 0;
  }
}
