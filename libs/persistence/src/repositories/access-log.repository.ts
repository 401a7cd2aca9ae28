import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessRecord, Compartment } from '@caseroom/domain';
import { accessLogChain, verifyChain, type ChainVerdict } from './chains';

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

/**
 * Appends access-log rows through the given manager, so that a write and the row that logs it can share
 * one transaction. Call it last in a transaction: the chain's lock is then held only until the commit.
 */
export async function insertAccessRecords(manager: EntityManager, records: readonly AccessRecord[]): Promise<void> {
  for (const record of records) {
    await manager.query(
      `INSERT INTO access_log (viewer_id, case_id, compartment, action, channel, policy_version, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [record.viewerId, record.caseId, record.compartment, record.action, record.channel, record.policyVersion, record.reason],
    );
  }
}

const timestamp = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement per row: the database numbers, stamps and chains each under its lock. */
  async append(records: readonly AccessRecord[]): Promise<void> {
    await insertAccessRecords(this.dataSource.manager, records);
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

  /** Recomputes the log's chain independently of the database (see chains.ts). */
  verify(batchSize = 5000): Promise<ChainVerdict> {
    return verifyChain(this.dataSource, accessLogChain, batchSize);
  }
}
