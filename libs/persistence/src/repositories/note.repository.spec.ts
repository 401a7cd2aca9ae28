import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, testServices, type TestDatabase } from '@caseroom/testing';
import { openDatabase, type OpenDatabase } from '../database';
import { NoteRepository, type NoteKey } from './note.repository';

/** A case to hang notes on: the notes' rows refer to it. */
async function aCase(dataSource: DataSource): Promise<string> {
  const id = randomUUID();
  const [agency] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO agencies (name, kind, code) VALUES ('Force', 'police_force', $1) RETURNING id`,
    [`F${id.slice(0, 8)}`],
  );
  await dataSource.query(
    `INSERT INTO cases (id, reference, status, referral_ground, referred_on, referring_agency_id, victim_match_key, suspect_match_key, created_by)
     VALUES ($1, $2, 'referred', 'escalation', '2026-11-01', $3, 'v', 's', $1)`,
    [id, `REF-${id.slice(0, 8)}`, agency.id],
  );
  return id;
}

const bytes = (...values: number[]) => new Uint8Array(values);

/**
 * The update log's append runs as a statement prepared on each connection. Tested on both databases
 * Caseroom runs on: on the embedded one every connection shares PGlite's one session, so a connection
 * opened after another has closed finds the other's prepared statements still there.
 */
describe.each([
  ['the embedded database', 'embedded'],
  ['a PostgreSQL server', 'server'],
] as const)('the notes update log on %s', (_name, kind) => {
  const skip = kind === 'server' && !testServices.postgresUrl;
  let database: TestDatabase | null = null;
  let dataDir: string | null = null;
  let opened: OpenDatabase;
  const sources: DataSource[] = [];

  const connect = async () => {
    const dataSource = await new DataSource(opened.options).initialize();
    sources.push(dataSource);
    return dataSource;
  };

  beforeAll(async () => {
    if (skip) return;
    if (kind === 'embedded') {
      dataDir = await mkdtemp(join(tmpdir(), 'caseroom-test-notes-'));
      opened = await openDatabase({ kind: 'embedded', dataDir });
    } else {
      database = await createTestDatabase();
      opened = await openDatabase({ kind: 'postgres', url: database.url!, poolSize: 2 });
    }
    await (await connect()).runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    for (const source of sources) if (source.isInitialized) await source.destroy();
    await opened?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  (skip ? it.skip : it)('stores updates of the current epoch, refuses others, and keeps working on a new connection', async () => {
    const first = new NoteRepository(sources[0]);
    const key: NoteKey = { caseId: await aCase(sources[0]), compartment: 'panel' };
    await first.ensure(key);
    expect(await first.append([{ ...key, epoch: 1, body: bytes(1) }])).toEqual([true]);
    expect(
      await first.append([
        { ...key, epoch: 1, body: bytes(2) },
        { ...key, epoch: 2, body: bytes(9) },
      ]),
    ).toEqual([true, false]);

    // The pool's connection closes and a new one opens (on the embedded database, onto the same session).
    await sources[0].destroy();
    const second = new NoteRepository(await connect());
    expect(await second.append([{ ...key, epoch: 1, body: bytes(3) }])).toEqual([true]);

    const stored = await second.load(key);
    expect(stored?.updates.map((update) => [...update.body])).toEqual([[1], [2], [3]]);
  });

  (skip ? it.skip : it)('catches many documents up in one read, each from where its reader stands', async () => {
    const source = sources.at(-1)!;
    const notes = new NoteRepository(source);
    const caseId = await aCase(source);
    const [panel, victim, investigation, standards]: NoteKey[] = (['panel', 'victim', 'investigation', 'standards'] as const).map(
      (compartment) => ({ caseId, compartment }),
    );
    for (const key of [panel, victim, investigation]) await notes.ensure(key);
    for (const value of [1, 2, 3]) await notes.append([{ ...panel, epoch: 1, body: bytes(value) }]);
    for (const value of [11, 12]) await notes.append([{ ...victim, epoch: 1, body: bytes(value) }]);
    await notes.append([{ ...investigation, epoch: 1, body: bytes(21) }]);
    const panelIds = (await notes.load(panel))!.updates.map((update) => update.id);
    const victimIds = (await notes.load(victim))!.updates.map((update) => update.id);
    // The victim notes folded: a reader that had read only the first of them gets the snapshot back.
    await notes.compact(victim, (stored) => Buffer.from(stored.updates.flatMap((update) => [...update.body])));
    await notes.append([{ ...victim, epoch: 1, body: bytes(13) }]);
    // The investigation notes rewritten: what was logged under the old epoch is no longer theirs.
    await source.query(`UPDATE note_documents SET epoch = 2 WHERE case_id = $1 AND compartment = 'investigation'`, [caseId]);
    await notes.append([{ ...investigation, epoch: 2, body: bytes(22) }]);

    const read = await notes.sinceEach([
      { key: panel, afterId: panelIds[0] },
      { key: victim, afterId: victimIds[0] },
      { key: investigation, afterId: '0' },
      { key: standards, afterId: '0' },
      { key: panel, afterId: panelIds[2] },
    ]);
    const shown = read.map(
      (stored) =>
        stored && {
          epoch: stored.epoch,
          snapshot: stored.snapshot && [...stored.snapshot],
          updates: stored.updates.map((update) => [...update.body]),
        },
    );
    expect(shown).toEqual([
      { epoch: 1, snapshot: null, updates: [[2], [3]] },
      { epoch: 1, snapshot: [11, 12], updates: [[13]] },
      { epoch: 2, snapshot: null, updates: [[22]] },
      null,
      { epoch: 1, snapshot: null, updates: [] },
    ]);
    expect(read[0]!.updates.map((update) => update.id)).toEqual(panelIds.slice(1));
    expect(await notes.sinceEach([])).toEqual([]);
  });

  (kind === 'server' && !skip ? it : it.skip)(
    'goes on taking edits while a compaction folds, and keeps those it did not fold',
    async () => {
      const source = await connect();
      const repository = new NoteRepository(source);
      const key: NoteKey = { caseId: await aCase(source), compartment: 'panel' };
      await repository.ensure(key);
      await repository.append([{ ...key, epoch: 1, body: bytes(1) }]);
      await repository.append([{ ...key, epoch: 1, body: bytes(2) }]);
      let folding!: () => void;
      const folded = new Promise<void>((resolve) => (folding = resolve));
      // A fold that takes its time, as one on a busy worker thread does.
      const compacting = repository.compact(key, async (stored) => {
        await folded;
        return Buffer.from(stored.updates.flatMap((update) => [...update.body]));
      });
      // Appended while the fold runs: answered before it ends, and not deleted by it.
      const appended = await Promise.race([
        repository.append([{ ...key, epoch: 1, body: bytes(3) }]),
        new Promise((resolve) => setTimeout(() => resolve('held up'), 2_000)),
      ]);
      expect(appended).toEqual([true]);
      folding();
      await compacting;
      const stored = await repository.load(key);
      expect([...stored!.snapshot!]).toEqual([1, 2]);
      expect(stored!.updates.map((update) => [...update.body])).toEqual([[3]]);
    },
  );

  /**
   * A compaction that commits while a reader catches up must not make the reader skip what it folded:
   * the reader gets either the updates or the snapshot that holds them. The reader's look at the log is
   * held (the log table locked) after it has begun, and the compaction commits meanwhile.
   */
  (kind === 'server' && !skip ? it : it.skip)('never skips what a compaction folds while a reader is catching up', async () => {
    const notes = new NoteRepository(sources.at(-1)!);
    const key: NoteKey = { caseId: await aCase(sources.at(-1)!), compartment: 'panel' };
    await notes.ensure(key);
    for (const value of [1, 2, 3, 4]) await notes.append([{ ...key, epoch: 1, body: bytes(value) }]);
    const read = (await notes.load(key))!.updates;
    const seenThrough = read[1].id;

    const compacting = await connect();
    const runner = compacting.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('LOCK TABLE note_updates IN ACCESS EXCLUSIVE MODE');
    const reading = notes.since(key, seenThrough);
    // The reader is under way and waits for the log table.
    for (let tries = 0; ; tries += 1) {
      const [waiting] = await compacting.query<{ count: string }[]>(
        `SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%note_updates%' AND pid <> pg_backend_pid()`,
      );
      if (Number(waiting.count) > 0) break;
      if (tries > 200) throw new Error('the reader never waited for the log');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Everything logged folded into the snapshot, and deleted from the log, in one commit.
    await runner.query(`UPDATE note_documents SET snapshot = $3, compacted_through = $4 WHERE case_id = $1 AND compartment = $2`, [
      key.caseId,
      key.compartment,
      Buffer.from([1, 2, 3, 4]),
      read[3].id,
    ]);
    await runner.query(`DELETE FROM note_updates WHERE case_id = $1 AND compartment = $2`, [key.caseId, key.compartment]);
    await runner.commitTransaction();
    await runner.release();

    const caughtUp = (await reading)!;
    // What it had not read (3 and 4) reaches it, in the snapshot or as updates.
    const received = [...(caughtUp.snapshot ?? []), ...caughtUp.updates.flatMap((update) => [...update.body])];
    expect(received).toEqual(expect.arrayContaining([3, 4]));
  });
});
