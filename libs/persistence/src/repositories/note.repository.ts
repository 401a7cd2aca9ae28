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
 * What each of a batch of documents logged after the update id given for it: a row per document first
 * (its epoch, and its snapshot for a reader that has not read everything folded into it), then its
 * updates in id order. Updates of an older epoch are not the document's any more.
 */
const sinceStatement = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[]) WITH ORDINALITY AS v(case_id, compartment, after_id, n)
  ), document AS (
    SELECT i.n, i.after_id, d.case_id, d.compartment, d.epoch, d.compacted_through, d.snapshot
      FROM input i JOIN note_documents d ON d.case_id = i.case_id AND d.compartment = i.compartment
  )
  SELECT n, epoch, CASE WHEN compacted_through > after_id THEN snapshot END AS snapshot, NULL::bigint AS position, NULL::text AS id, NULL::bytea AS body
    FROM document
  UNION ALL
  SELECT d.n, NULL, NULL, u.id, u.id::text, u.body
    FROM document d JOIN note_updates u ON u.case_id = d.case_id AND u.compartment = d.compartment AND u.epoch = d.epoch AND u.id > d.after_id
  ORDER BY n, position NULLS FIRST`;

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
    return this.read(this.dataSource.manager, key, false);
  }

  /** The epoch and the updates after `afterId`, for an instance catching its copy up. */
  async since(key: NoteKey, afterId: string): Promise<StoredNote | null> {
    const [stored] = await this.sinceEach([{ key, afterId }]);
    return stored;
  }

  /**
   * `since` for many documents in one statement (a meeting opening its notes at once catches every
   * document up together, on one connection): one answer per read, in order, null for a document that
   * does not exist. Each document's epoch, snapshot and updates agree, as `read` explains, and so do
   * the documents with each other: the statement sees one snapshot of the database.
   */
  async sinceEach(reads: readonly { readonly key: NoteKey; readonly afterId: string }[]): Promise<(StoredNote | null)[]> {
    if (reads.length === 0) return [];
    const rows = await this.prepared<{ n: string; epoch: number | null; snapshot: Buffer | null; id: string | null; body: Buffer | null }>(
      'notes_since',
      sinceStatement,
      [reads.map((read) => read.key.caseId), reads.map((read) => read.key.compartment), reads.map((read) => read.afterId)],
    );
    const found = new Map<number, { epoch: number; snapshot: Uint8Array | null; updates: { id: string; body: Uint8Array }[] }>();
    for (const row of rows) {
      const index = Number(row.n) - 1;
      if (row.id === null) found.set(index, { epoch: row.epoch!, snapshot: row.snapshot, updates: [] });
      else found.get(index)!.updates.push({ id: row.id, body: row.body! });
    }
    return reads.map((_, index) => found.get(index) ?? null);
  }

  /**
   * One statement, so that the epoch, the snapshot and the updates come from one snapshot of the
   * database. Read in two, a compaction committing between them folded updates into a snapshot the
   * first had judged already read and deleted them before the second looked: the reader skipped them
   * for good, and everything built on them waited in its copy, unseen and merged again on every update.
   */
  private async read(manager: EntityManager, key: NoteKey, lock: boolean): Promise<StoredNote | null> {
    const rows = await manager.query<{ epoch: number | null; snapshot: Buffer | null; id: string | null; body: Buffer | null }[]>(
      `WITH document AS (
         SELECT epoch, snapshot FROM note_documents WHERE case_id = $1 AND compartment = $2 ${lock ? 'FOR UPDATE' : ''}
       )
       SELECT epoch, snapshot, NULL::bigint AS position, NULL::text AS id, NULL::bytea AS body
         FROM document
       UNION ALL
       SELECT NULL, NULL, u.id, u.id::text, u.body
         FROM note_updates u JOIN document d ON u.epoch = d.epoch
        WHERE u.case_id = $1 AND u.compartment = $2
       ORDER BY position NULLS FIRST`,
      [key.caseId, key.compartment],
    );
    const [document, ...updates] = rows;
    if (!document || document.epoch === null) return null;
    return {
      epoch: document.epoch,
      snapshot: document.snapshot,
      updates: updates.map((update) => ({ id: update.id!, body: update.body! })),
    };
  }

  /**
   * Records `userId` as the writer of each client id of a document that has none yet, and answers who
   * the writer of each of `clientIds` is now (this person, or whoever wrote under it first).
   */
  async claimWriters(key: NoteKey, userId: string, clientIds: readonly number[]): Promise<Map<number, string>> {
    if (clientIds.length === 0) return new Map();
    const ids = clientIds.map(String);
    await this.dataSource.query(
      `INSERT INTO note_writers (case_id, compartment, client_id, user_id)
       SELECT $1, $2, client_id, $4 FROM unnest($3::bigint[]) AS wanted (client_id) ON CONFLICT DO NOTHING`,
      [key.caseId, key.compartment, ids, userId],
    );
    const rows = await this.dataSource.query<{ client_id: string; user_id: string }[]>(
      `SELECT client_id::text AS client_id, user_id FROM note_writers WHERE case_id = $1 AND compartment = $2 AND client_id = ANY($3::bigint[])`,
      [key.caseId, key.compartment, ids],
    );
    return new Map(rows.map((row) => [Number(row.client_id), row.user_id]));
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
   *
   * The log is read and folded without the document's lock, which every append of it takes: appends
   * are committed together, all documents in one statement, so a lock held through the fold (on a
   * worker thread, which a busy machine can keep waiting for a second) held up every document's edits.
   * Only the short write at the end takes the lock. What was read is a whole prefix of the log (one
   * document's updates commit in id order, under its lock), and it is written only if the history is
   * still the one read (no rewrite since) and no other compaction got further meanwhile.
   */
  async compact(key: NoteKey, fold: (stored: StoredNote) => Promise<Uint8Array> | Uint8Array): Promise<void> {
    const stored = await this.read(this.dataSource.manager, key, false);
    if (!stored || stored.updates.length === 0) return;
    const through = stored.updates.at(-1)!.id;
    const folded = Buffer.from(await fold(stored));
    await this.dataSource.transaction(async (manager) => {
      const [current] = await manager.query<{ epoch: number; compacted_through: string | null }[]>(
        `SELECT epoch, compacted_through::text AS compacted_through FROM note_documents WHERE case_id = $1 AND compartment = $2 FOR UPDATE`,
        [key.caseId, key.compartment],
      );
      if (!current || current.epoch !== stored.epoch) return;
      if (current.compacted_through !== null && BigInt(current.compacted_through) >= BigInt(through)) return;
      await manager.query(
        `UPDATE note_documents SET snapshot = $3, compacted_through = $4, updated_at = now() WHERE case_id = $1 AND compartment = $2`,
        [key.caseId, key.compartment, folded, through],
      );
      await manager.query(`DELETE FROM note_updates WHERE case_id = $1 AND compartment = $2 AND id <= $3`, [
        key.caseId,
        key.compartment,
        through,
      ]);
    });
  }

  /** Up to `limit` documents not yet checked against `version` of the notes schema. */
  async uncheckedBefore(version: number, limit: number): Promise<NoteKey[]> {
    const rows = await this.dataSource.query<{ case_id: string; compartment: Compartment }[]>(
      `SELECT case_id, compartment FROM note_documents WHERE checked_against < $1 ORDER BY case_id, compartment LIMIT $2`,
      [version, limit],
    );
    return rows.map((row) => ({ caseId: row.case_id, compartment: row.compartment }));
  }

  /**
   * Checks one document under its lock. `judge` answers null (kept as it is) or the state that replaces
   * it, with why: the document as stored then goes to note_quarantine, untouched, and the replacement
   * takes the next epoch, so that every copy and client loads it afresh. Either way the document is
   * marked as checked against `version`.
   */
  async check(
    key: NoteKey,
    version: number,
    judge: (stored: StoredNote) => { state: Uint8Array; reason: string } | null,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.read(manager, key, true);
      if (!stored) return false;
      const verdict = judge(stored);
      if (verdict) {
        await manager.query(
          `INSERT INTO note_quarantine (case_id, compartment, epoch, reason, snapshot, updates) VALUES ($1, $2, $3, $4, $5, $6::bytea[])`,
          [
            key.caseId,
            key.compartment,
            stored.epoch,
            verdict.reason,
            stored.snapshot ? Buffer.from(stored.snapshot) : null,
            stored.updates.map((update) => Buffer.from(update.body)),
          ],
        );
        await manager.query(
          `UPDATE note_documents SET snapshot = $3, epoch = epoch + 1, updated_at = now() WHERE case_id = $1 AND compartment = $2`,
          [key.caseId, key.compartment, Buffer.from(verdict.state)],
        );
        await manager.query(`DELETE FROM note_updates WHERE case_id = $1 AND compartment = $2`, [key.caseId, key.compartment]);
      }
      await manager.query(`UPDATE note_documents SET checked_against = $3 WHERE case_id = $1 AND compartment = $2`, [
        key.caseId,
        key.compartment,
        version,
      ]);
      return verdict !== null;
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
      for (const change of ordered) stored.set(change, (await this.read(manager, change.key, true))!);
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
