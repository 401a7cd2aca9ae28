import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AccessRecord, Compartment } from '@caseroom/domain';

export interface AccessLogLine {
  readonly id: string;
  readonly occurredAt: string;
  readonly viewerId: string;
  readonly compartment: Compartment;
  readonly action: 'read' | 'write';
  readonly channel: string;
  readonly policyVersion: string;
  readonly reason: string;
}

export type ChainVerdict =
  | { readonly intact: true; readonly rows: number }
  | { readonly intact: false; readonly rows: number; readonly brokenAt: string; readonly problem: string };

const genesis = '0'.repeat(64);
const timestamp = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement per row: the database numbers, stamps and chains each under its lock. */
  async append(records: readonly AccessRecord[]): Promise<void> {
    for (const record of records) {
      await this.dataSource.query(
        `INSERT INTO access_log (viewer_id, case_id, compartment, action, channel, policy_version, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [record.viewerId, record.caseId, record.compartment, record.action, record.channel, record.policyVersion, record.reason],
      );
    }
  }

  async forCase(caseId: string): Promise<AccessLogLine[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        occurred_at: string;
        viewer_id: string;
        compartment: Compartment;
        action: 'read' | 'write';
        channel: string;
        policy_version: string;
        reason: string;
      }[]
    >(
      `SELECT id::text AS id, ${timestamp} AS occurred_at, viewer_id, compartment, action, channel, policy_version::text AS policy_version, reason
         FROM access_log WHERE case_id = $1 ORDER BY access_log.id`,
      [caseId],
    );
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      viewerId: row.viewer_id,
      compartment: row.compartment,
      action: row.action,
      channel: row.channel,
      policyVersion: row.policy_version,
      reason: row.reason,
    }));
  }

  /**
   * Recomputes the whole chain here, independently of the database's trigger: each row's hash must be
   * the SHA-256 of its own fields and the hash before it, and must be what the next row names as previous.
   */
  async verify(batchSize = 5000): Promise<ChainVerdict> {
    let previous = genesis;
    let after = '0';
    let rows = 0;
    for (;;) {
      const batch = await this.dataSource.query<Record<string, string>[]>(
        `SELECT id::text AS id, ${timestamp} AS occurred_at, viewer_id::text AS viewer_id, case_id::text AS case_id, compartment, action, channel,
                policy_version::text AS policy_version, reason, previous_hash, hash
           FROM access_log WHERE access_log.id > $1::bigint ORDER BY access_log.id LIMIT $2`,
        [after, batchSize],
      );
      for (const row of batch) {
        rows += 1;
        if (row.previous_hash !== previous)
          return {
            intact: false,
            rows,
            brokenAt: row.id,
            problem: 'does not follow the row before it (a row was removed, inserted or re-chained)',
          };
        const payload = [
          row.id,
          row.occurred_at,
          row.viewer_id,
          row.case_id,
          row.compartment,
          row.action,
          row.channel,
          row.policy_version,
          row.reason,
          row.previous_hash,
        ].join('|');
        if (createHash('sha256').update(payload, 'utf8').digest('hex') !== row.hash)
          return { intact: false, rows, brokenAt: row.id, problem: 'its content does not match its hash (the row was altered)' };
        previous = row.hash!;
      }
      if (batch.length < batchSize) return { intact: true, rows };
      after = batch[batch.length - 1].id!;
    }
  }
}
