import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { VictimStatus } from '@caseroom/domain';
import { returnedRows } from './database-errors';

interface StatusRow {
  id: string;
  case_id: string;
  text: string;
  revision: number;
  written_by: string;
  written_at: Date;
  released_by: string | null;
  released_at: Date | null;
}

const toStatus = (row: StatusRow): VictimStatus => ({
  id: row.id,
  caseId: row.case_id,
  text: row.text,
  revision: row.revision,
  writtenBy: row.written_by,
  writtenAt: new Date(row.written_at),
  releasedBy: row.released_by,
  releasedAt: row.released_at ? new Date(row.released_at) : null,
});

/**
 * Statuses for the victim: PSD's one draft per case, and what they released. Released rows are fixed:
 * the database refuses to change or delete them, whoever asks.
 */
@Injectable()
export class VictimStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async draftOf(caseId: string): Promise<VictimStatus | null> {
    const [row] = await this.dataSource.query<StatusRow[]>(`SELECT * FROM victim_statuses WHERE case_id = $1 AND released_at IS NULL`, [
      caseId,
    ]);
    return row ? toStatus(row) : null;
  }

  /** What PSD released on the case, latest first: the first is the status now, the rest what it superseded. */
  async releasedFor(caseId: string): Promise<VictimStatus[]> {
    const rows = await this.dataSource.query<StatusRow[]>(
      `SELECT * FROM victim_statuses WHERE case_id = $1 AND released_at IS NOT NULL ORDER BY released_at DESC, id`,
      [caseId],
    );
    return rows.map(toStatus);
  }

  /** Writes the case's draft (a new one, or over the one there), its revision one higher each time. */
  async saveDraft(caseId: string, text: string, writtenBy: string): Promise<VictimStatus> {
    const [row] = returnedRows<StatusRow>(
      await this.dataSource.query(
        `INSERT INTO victim_statuses (case_id, text, written_by, written_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (case_id) WHERE released_at IS NULL
         DO UPDATE SET text = EXCLUDED.text, written_by = EXCLUDED.written_by, written_at = EXCLUDED.written_at,
                       revision = victim_statuses.revision + 1
         RETURNING *`,
        [caseId, text, writtenBy],
      ),
    );
    return toStatus(row);
  }

  /** Releases the draft at this revision; null when there is no draft, or it has changed since. */
  async release(caseId: string, revision: number, releasedBy: string): Promise<VictimStatus | null> {
    const [row] = returnedRows<StatusRow>(
      await this.dataSource.query(
        `UPDATE victim_statuses SET released_by = $3, released_at = now()
          WHERE case_id = $1 AND released_at IS NULL AND revision = $2 RETURNING *`,
        [caseId, revision, releasedBy],
      ),
    );
    return row ? toStatus(row) : null;
  }
}
