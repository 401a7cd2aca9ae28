import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ResearchRequest } from '@caseroom/domain';
import { returnedRows } from './database-errors';

interface ResearchRow {
  id: string;
  conference_id: string;
  case_id: string;
  agency_id: string;
  requested_at: Date;
  requested_by: string;
  returned_at: Date | null;
  returned_by: string | null;
  withheld: string | null;
}

const columns = `r.id, r.conference_id, r.case_id, r.agency_id, r.requested_at, r.requested_by, r.returned_at, r.returned_by, r.withheld`;

const toRequest = (row: ResearchRow): ResearchRequest => ({
  id: row.id,
  conferenceId: row.conference_id,
  caseId: row.case_id,
  agencyId: row.agency_id,
  requestedAt: new Date(row.requested_at),
  requestedBy: row.requested_by,
  returnedAt: row.returned_at ? new Date(row.returned_at) : null,
  returnedBy: row.returned_by,
  withheld: row.withheld,
});

/** Research requests: one per conference, case and agency. */
@Injectable()
export class ResearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates the requests of these cases and agencies that the conference does not have yet, in one
   * statement; answers only the new ones (whoever asks again, or at the same time, creates nothing twice).
   */
  async requestMissing(
    conferenceId: string,
    pairs: readonly { caseId: string; agencyId: string }[],
    by: string,
    at: Date,
  ): Promise<ResearchRequest[]> {
    if (pairs.length === 0) return [];
    const rows = returnedRows<ResearchRow>(
      await this.dataSource.query<unknown>(
        `INSERT INTO research_requests AS r (conference_id, case_id, agency_id, requested_at, requested_by)
         SELECT $1, pair.case_id, pair.agency_id, $4, $5 FROM unnest($2::uuid[], $3::uuid[]) AS pair(case_id, agency_id)
         ON CONFLICT (conference_id, case_id, agency_id) DO NOTHING
         RETURNING ${columns}`,
        [conferenceId, pairs.map((pair) => pair.caseId), pairs.map((pair) => pair.agencyId), at, by],
      ),
    );
    return rows.map(toRequest);
  }

  async findById(id: string): Promise<ResearchRequest | null> {
    const [row] = await this.dataSource.query<ResearchRow[]>(`SELECT ${columns} FROM research_requests r WHERE r.id = $1`, [id]);
    return row ? toRequest(row) : null;
  }

  async forConference(conferenceId: string): Promise<ResearchRequest[]> {
    const rows = await this.dataSource.query<ResearchRow[]>(
      `SELECT ${columns} FROM research_requests r WHERE r.conference_id = $1 ORDER BY r.requested_at, r.id`,
      [conferenceId],
    );
    return rows.map(toRequest);
  }

  /** An agency's requests in conferences not yet closed, soonest conference first. */
  async forAgencyBeforeClosing(agencyId: string): Promise<ResearchRequest[]> {
    const rows = await this.dataSource.query<ResearchRow[]>(
      `SELECT ${columns} FROM research_requests r JOIN conferences c ON c.id = r.conference_id
        WHERE r.agency_id = $1 AND c.status <> 'closed'
        ORDER BY c.scheduled_at, r.conference_id, r.requested_at, r.id`,
      [agencyId],
    );
    return rows.map(toRequest);
  }

  /** Requests still outstanding for conferences scheduled (not yet open) to meet on a day from `from` to `to`. */
  async outstandingForConferencesMeeting(from: string, to: string): Promise<ResearchRequest[]> {
    const rows = await this.dataSource.query<ResearchRow[]>(
      `SELECT ${columns} FROM research_requests r JOIN conferences c ON c.id = r.conference_id
        WHERE r.returned_at IS NULL AND c.status = 'scheduled'
          AND (c.scheduled_at AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
        ORDER BY c.scheduled_at, r.id`,
      [from, to],
    );
    return rows.map(toRequest);
  }

  /**
   * Marks the request returned, with the note of what was withheld, unless it was returned already;
   * answers whether this call returned it.
   */
  async markReturned(id: string, by: string, at: Date, withheld: string | null): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(
        `UPDATE research_requests SET returned_at = $3, returned_by = $2, withheld = $4 WHERE id = $1 AND returned_at IS NULL RETURNING id`,
        [id, by, at, withheld],
      ),
    );
    return rows.length === 1;
  }

  /** Undoes `markReturned` when what was returned could not be written after all. */
  async unmarkReturned(id: string, by: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE research_requests SET returned_at = NULL, returned_by = NULL, withheld = NULL WHERE id = $1 AND returned_by = $2 AND returned_at = $3`,
      [id, by, at],
    );
  }

  /** When each request was last reminded of (by hand or by the sweep), from the reminders raised. */
  async lastRemindedAt(requestIds: readonly string[]): Promise<Map<string, Date>> {
    if (requestIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ subject_id: string; at: Date }[]>(
      `SELECT subject_id, MAX(created_at) AS at FROM notifications
        WHERE kind = 'research_reminder' AND subject_id = ANY($1::uuid[]) GROUP BY subject_id`,
      [requestIds],
    );
    return new Map(rows.map((row) => [row.subject_id, new Date(row.at)]));
  }
}
