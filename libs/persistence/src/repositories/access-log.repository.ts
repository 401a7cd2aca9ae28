import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessRecord, Compartment } from '@caseroom/domain';
import { accessLogChain, verifyChain, type ChainVerdict } from './chains';
import { isStatementRefused } from './database-errors';
import { GroupCommit } from './group-commit';

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

/** What one group commit of the access log carried: the callers' appends, and the rows they made together. */
export interface GroupCommitSize {
  readonly appends: number;
  readonly rows: number;
}

/** Rows per INSERT statement: seven parameters each, well inside PostgreSQL's limit of 65,535. */
const rowsPerStatement = 1000;

/**
 * Appends access-log rows through the given manager, so that a write and the row that logs it can share
 * one transaction. Call it last in a transaction: the chain's lock is then held only until the commit.
 * The rows go in one statement (in their order); the database's trigger numbers, stamps and chains each
 * row under the chain's lock, and sees the rows before it in the same statement.
 */
export async function insertAccessRecords(manager: EntityManager, records: readonly AccessRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += rowsPerStatement) {
    const rows = records.slice(start, start + rowsPerStatement);
    const placeholders = rows.map((_, row) => `(${Array.from({ length: 7 }, (__, column) => `$${row * 7 + column + 1}`).join(', ')})`);
    await manager.query(
      `INSERT INTO access_log (viewer_id, case_id, compartment, action, channel, policy_version, reason) VALUES ${placeholders.join(', ')}`,
      rows.flatMap((record) => [
        record.viewerId,
        record.caseId,
        record.compartment,
        record.action,
        record.channel,
        record.policyVersion,
        record.reason,
      ]),
    );
  }
}

/**
 * Access-log rows as one part of a larger statement (a data-modifying `WITH` query), its parameters
 * numbered from `from`: the rows are written by the statement that makes the change they log, in the
 * same round trip, and the database's trigger numbers, stamps and chains them as it does any row, under
 * the chain's lock until that statement commits. Run it as a statement of its own, not inside a longer
 * transaction, for the lock to be held no longer than that.
 */
export function accessRecordsClause(records: readonly AccessRecord[], from: number): { clause: string; parameters: unknown[] } {
  const columns = ['uuid', 'uuid', 'text', 'text', 'text', 'bigint', 'text'];
  return {
    clause: `INSERT INTO access_log (viewer_id, case_id, compartment, action, channel, policy_version, reason)
       SELECT * FROM unnest(${columns.map((type, index) => `$${from + index}::${type}[]`).join(', ')})`,
    parameters: [
      records.map((record) => record.viewerId),
      records.map((record) => record.caseId),
      records.map((record) => record.compartment),
      records.map((record) => record.action),
      records.map((record) => record.channel),
      records.map((record) => record.policyVersion),
      records.map((record) => record.reason),
    ],
  };
}

const timestamp = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

@Injectable()
export class AccessLogRepository {
  /** One caller's bad row must not fail the others: a batch the database refused is tried again caller by caller. */
  private readonly appends = new GroupCommit<readonly AccessRecord[], void>(
    async (batch) => {
      const records = batch.flat();
      await this.write(records);
      for (const listener of this.commitListeners) listener({ appends: batch.length, rows: records.length });
      return batch.map(() => undefined);
    },
    { retryAloneOnFailure: isStatementRefused },
  );
  private readonly commitListeners: ((commit: GroupCommitSize) => void)[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends rows that log an access on their own (not inside the write they log), and resolves once they
   * are committed. Every row of the log takes the chain's one lock until its transaction commits, so
   * appends are group-committed: one transaction is in flight per instance, and whatever arrives
   * meanwhile goes into the next one. A burst (an agenda move admitting fifteen sockets) then takes the
   * lock and a commit once instead of fifteen times, and waits on one connection instead of holding
   * fifteen of the pool that other requests need. The database still numbers, stamps and chains each row.
   */
  append(records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.appends.submit(records);
  }

  /** Told, after each group commit of the log, how many appends it carried and how many rows they made. */
  onGroupCommit(listener: (commit: GroupCommitSize) => void): void {
    this.commitListeners.push(listener);
  }

  /** All the rows or none: one statement commits on its own; more need a transaction. */
  private async write(records: readonly AccessRecord[]): Promise<void> {
    if (records.length <= rowsPerStatement) await insertAccessRecords(this.dataSource.manager, records);
    else await this.dataSource.transaction((manager) => insertAccessRecords(manager, records));
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
