import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Compartment } from '@caseroom/domain';

export interface NoteKey {
  readonly caseId: string;
  readonly compartment: Compartment;
}

/** What is stored of one document: its epoch, its snapshot and the updates logged since, in order. */
export interface StoredNote {
  readonly epoch: number;
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly { readonly id: string; readonly body: Uint8Array }[];
}

export interface PendingUpdate extends NoteKey {
  readonly epoch: number;
  readonly body: Uint8Array;
}

/** Rewrites one document's stored state; returns the new snapshot. */
export type Rewrite = (stored: StoredNote) => Promise<Uint8Array> | Uint8Array;

/** The client a TypeORM query runner holds on PostgreSQL: node-postgres's, which prepares named statements. */
interface PreparingClient {
  query<Row>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
}

const preparedNames = new WeakMap<PreparingClient, Map<string, string>>();
let preparedCount = 0;

/**
 * Appends a batch of updates, for any documents, in one statement: each locks its document's row and is
 * stored only if its epoch is still the document's. Returns the epoch of every document in the batch.
 */
const appendStatement = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bytea[]) WITH ORDINALITY AS v(case_id, compartment, epoch, body, n)
  ), locked AS (
    SELECT d.case_id, d.compartment, d.epoch FROM note_documents d
     WHERE (d.case_id, d.compartment) IN (SELECT case_id, compartment FROM input)
     ORDER BY d.case_id, d.compartment
     FOR UPDATE
  ), stored AS (
    INSERT INTO note_updates (case_id, compartment, epoch, body)
    SELECT i.case_id, i.compartment, i.epoch, i.body FROM input i
      JOIN locked l ON l.case_id = i.case_id AND l.compartment = i.compartment AND l.epoch = i.epoch
     ORDER BY i.n
    RETURNING id
  )
  SELECT case_id, compartment, epoch FROM locked`;

/**
 * The notes' update log and snapshots. Appends lock the document's row until they commit, so the ids of
 * one document's updates are committed in id order: a reader that has seen every id up to N never
 * misses one below it later. A rewrite holds the same lock, so no update slips in under the old epoch.
 */
@Injectable()
export class NoteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ensure(key: NoteKey): Promise<void> {
    await this.dataSource.query(`INSERT INTO note_documents (case_id, compartment) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      key.caseId,
      key.compartment,
    ]);
  }

  /** The whole stored document, read in one statement so epoch, snapshot and updates agree. */
  async load(key: NoteKey): Promise<StoredNote | null> {
    return this.read(this.dataSource.manager, key, null, false);
  }

  /** The epoch and the updates after `afterId`, for an instance catching its copy up. */
  async since(key: NoteKey, afterId: string): Promise<StoredNote | null> {
    return this.read(this.dataSource.manager, key, afterId, false);
  }

  private async read(manager: EntityManager, key: NoteKey, afterId: string | null, lock: boolean): Promise<StoredNote | null> {
    // The snapshot is sent only to a reader that has not read everything folded into it.
    const [document] = await manager.query<{ epoch: number; snapshot: Buffer | null }[]>(
      `SELECT epoch, CASE WHEN $3::bigint IS NULL OR compacted_through > $3::bigint THEN snapshot END AS snapshot
         FROM note_documents WHERE case_id = $1 AND compartment = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [key.caseId, key.compartment, afterId],
    );
    if (!document) return null;
    const updates = await manager.query<{ id: string; body: Buffer }[]>(
      `SELECT id::text AS id, body FROM note_updates
        WHERE case_id = $1 AND compartment = $2 AND epoch = $3 AND note_updates.id > $4 ORDER BY note_updates.id`,
      [key.caseId, key.compartment, document.epoch, afterId ?? '0'],
    );
    return { epoch: document.epoch, snapshot: document.snapshot, updates };
  }

  /**
   * Appends a batch of updates, for any documents, in one statement. An update is stored only if its
   * epoch is still its document's epoch; the answer says, per update, whether it was.
   */
  async append(batch: readonly PendingUpdate[]): Promise<boolean[]> {
    if (batch.length === 0) return [];
    const rows = await this.prepared<{ case_id: string; compartment: string; epoch: number }>('notes_append', appendStatement, [
      batch.map((update) => update.caseId),
      batch.map((update) => update.compartment),
      batch.map((update) => update.epoch),
      batch.map((update) => Buffer.from(update.body)),
    ]);
    const epochs = new Map(rows.map((row) => [`${row.case_id}:${row.compartment}`, row.epoch]));
    return batch.map((update) => epochs.get(`${update.caseId}:${update.compartment}`) === update.epoch);
  }

  /**
   * Runs a statement prepared once per connection (parsed and planned once, not on every call), for the
   * statements every keystroke runs. Each connection gets names of its own: the embedded PGlite keeps
   * one session across connections, so a name an earlier connection prepared would otherwise collide.
   */
  private async prepared<Row>(statement: string, text: string, values: unknown[]): Promise<Row[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PreparingClient;
      let names = preparedNames.get(client);
      if (!names) preparedNames.set(client, (names = new Map<string, string>()));
      let name = names.get(statement);
      if (!name) names.set(statement, (name = `caseroom_${statement}_${(preparedCount += 1)}`));
      return (await client.query<Row>({ name, text, values })).rows;
    } finally {
      await runner.release();
    }
  }

  /**
   * Folds the logged updates into the snapshot and deletes them. The epoch does not change: clients'
   * states stay valid, since compaction removes nothing they could still refer to.
   */
  async compact(key: NoteKey, fold: (stored: StoredNote) => Promise<Uint8Array> | Uint8Array): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const stored = await this.read(manager, key, null, true);
      if (!stored || stored.updates.length === 0) return;
      await manager.query(
        `UPDATE note_documents SET snapshot = $3, compacted_through = $4, updated_at = now() WHERE case_id = $1 AND compartment = $2`,
        [key.caseId, key.compartment, Buffer.from(await fold(stored)), stored.updates.at(-1)!.id],
      );
      await manager.query(`DELETE FROM note_updates WHERE case_id = $1 AND compartment = $2 AND id <= $3`, [
        key.caseId,
        key.compartment,
        stored.updates.at(-1)!.id,
      ]);
    });
  }

  /**
   * Rewrites several documents in one transaction (text moved from one to another, or redacted): each
   * gets a new snapshot and a new epoch, and every logged update of it is deleted. Returns the new epochs.
   */
  async rewrite(changes: readonly { key: NoteKey; rewrite: Rewrite }[]): Promise<number[]> {
    return this.dataSource.transaction(async (manager) => {
      for (const { key } of changes) await this.ensureWith(manager, key);
      // Locks in one order, so two rewrites of the same pair of documents cannot deadlock.
      const ordered = [...changes].sort((a, b) =>
        `${a.key.caseId}:${a.key.compartment}`.localeCompare(`${b.key.caseId}:${b.key.compartment}`),
      );
      const stored = new Map<(typeof changes)[number], StoredNote>();
      for (const change of ordered) stored.set(change, (await this.read(manager, change.key, null, true))!);
      const epochs: number[] = [];
      for (const change of changes) {
        const before = stored.get(change)!;
        // In the order given: a later rewrite may use what an earlier one found (text moved between two).
        const snapshot = Buffer.from(await change.rewrite(before));
        await manager.query(
          `UPDATE note_documents SET snapshot = $3, epoch = epoch + 1, updated_at = now() WHERE case_id = $1 AND compartment = $2`,
          [change.key.caseId, change.key.compartment, snapshot],
        );
        await manager.query(`DELETE FROM note_updates WHERE case_id = $1 AND compartment = $2`, [
          change.key.caseId,
          change.key.compartment,
        ]);
        epochs.push(before.epoch + 1);
      }
      return epochs;
    });
  }

  private async ensureWith(manager: EntityManager, key: NoteKey): Promise<void> {
    await manager.query(`INSERT INTO note_documents (case_id, compartment) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      key.caseId,
      key.compartment,
    ]);
  }
}
