import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from './database-errors';
import type { AccessChannel, ExposureAlert, ExposureAlertKind, Refusal, RefusedAttempt } from '@caseroom/domain';

interface AlertRow {
  id: string;
  kind: ExposureAlertKind;
  case_id: string | null;
  person_id: string;
  first_at: Date;
  last_at: Date;
  attempts: number;
  channels: AccessChannel[];
  attempt_kinds: RefusedAttempt[];
  reason: string;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  action_taken: string | null;
}

const toAlert = (row: AlertRow): ExposureAlert => ({
  id: row.id,
  kind: row.kind,
  caseId: row.case_id,
  personId: row.person_id,
  firstAt: row.first_at,
  lastAt: row.last_at,
  attempts: row.attempts,
  channels: row.channels,
  attemptKinds: row.attempt_kinds,
  reason: row.reason,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  actionTaken: row.action_taken,
});

/** The trace of refused attempts (chained, append-only) and the alerts raised from it. */
@Injectable()
export class ExposureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends refusals in one statement, in order; the database stamps and chains each. */
  async appendRefusals(refusals: readonly Refusal[]): Promise<void> {
    if (refusals.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO refusals (person_id, case_id, attempted, channel, attempt, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        refusals.map((refusal) => refusal.personId),
        refusals.map((refusal) => refusal.caseId),
        refusals.map((refusal) => refusal.attempted),
        refusals.map((refusal) => refusal.channel),
        refusals.map((refusal) => refusal.attempt),
        refusals.map((refusal) => refusal.reason),
      ],
    );
  }

  async refusalsOf(personId: string): Promise<(Refusal & { occurredAt: Date })[]> {
    const rows = await this.dataSource.query<
      {
        person_id: string;
        case_id: string | null;
        attempted: string | null;
        channel: AccessChannel;
        attempt: RefusedAttempt;
        reason: string;
        occurred_at: Date;
      }[]
    >(`SELECT person_id, case_id, attempted, channel, attempt, reason, occurred_at FROM refusals WHERE person_id = $1 ORDER BY id`, [
      personId,
    ]);
    return rows.map((row) => ({
      personId: row.person_id,
      caseId: row.case_id,
      attempted: row.attempted,
      channel: row.channel,
      attempt: row.attempt,
      reason: row.reason,
      occurredAt: row.occurred_at,
    }));
  }

  /** How many different cases (or ids naming none) the person was refused on since then. */
  async refusedTargetsSince(personId: string, since: Date): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT COALESCE(case_id::text, attempted))::int AS n FROM refusals WHERE person_id = $1 AND occurred_at >= $2`,
      [personId, since],
    );
    return n;
  }

  /**
   * Adds an attempt to the open alert of its burst (same kind, person and case, last attempt since
   * `burstSince`, not yet acknowledged), or opens a new alert. Answers the alert and whether it is new.
   * One statement at a time per person, so that a burst arriving at once opens one alert.
   */
  async addAttempt(
    input: {
      kind: ExposureAlertKind;
      personId: string;
      caseId: string | null;
      channels: readonly AccessChannel[];
      attempts: readonly RefusedAttempt[];
      /** How many attempts this adds. */
      count: number;
      reason: string;
    },
    at: Date,
    burstSince: Date,
  ): Promise<{ alert: ExposureAlert; isNew: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`exposure:${input.personId}`]);
      const [open] = await manager.query<AlertRow[]>(
        `SELECT * FROM exposure_alerts WHERE kind = $1 AND person_id = $2 AND case_id IS NOT DISTINCT FROM $3
           AND acknowledged_at IS NULL AND last_at >= $4 ORDER BY last_at DESC LIMIT 1`,
        [input.kind, input.personId, input.caseId, burstSince],
      );
      if (open) {
        const [row] = returnedRows<AlertRow>(
          await manager.query<unknown>(
            `UPDATE exposure_alerts SET attempts = attempts + $5, last_at = GREATEST(last_at, $2),
                  channels = ARRAY(SELECT DISTINCT unnest(channels || $3::text[]) ORDER BY 1),
                  attempt_kinds = ARRAY(SELECT DISTINCT unnest(attempt_kinds || $4::text[]) ORDER BY 1)
            WHERE id = $1 RETURNING *`,
            [open.id, at, input.channels, input.attempts, input.count],
          ),
        );
        return { alert: toAlert(row), isNew: false };
      }
      const [row] = await manager.query<AlertRow[]>(
        `INSERT INTO exposure_alerts (kind, case_id, person_id, first_at, last_at, attempts, channels, attempt_kinds, reason)
         VALUES ($1, $2, $3, $4, $4, $8, $5, $6, $7) RETURNING *`,
        [
          input.kind,
          input.caseId,
          input.personId,
          at,
          [...new Set(input.channels)].sort(),
          [...new Set(input.attempts)].sort(),
          input.reason,
          input.count,
        ],
      );
      return { alert: toAlert(row), isNew: true };
    });
  }

  async findAlert(id: string): Promise<ExposureAlert | null> {
    const [row] = await this.dataSource.query<AlertRow[]>(`SELECT * FROM exposure_alerts WHERE id = $1`, [id]);
    return row ? toAlert(row) : null;
  }

  async alerts(limit = 500): Promise<ExposureAlert[]> {
    const rows = await this.dataSource.query<AlertRow[]>(
      `SELECT * FROM exposure_alerts ORDER BY (acknowledged_at IS NULL) DESC, last_at DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toAlert);
  }

  /** Records that an alert was acknowledged, and what was done; false when it already was. */
  async acknowledge(id: string, by: string, at: Date, actionTaken: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(
        `UPDATE exposure_alerts SET acknowledged_at = $3, acknowledged_by = $2, action_taken = $4 WHERE id = $1 AND acknowledged_at IS NULL RETURNING id`,
        [id, by, at, actionTaken],
      ),
    );
    return rows.length > 0;
  }
}
