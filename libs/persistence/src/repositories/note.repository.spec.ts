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
     VALUES ($1, $2, 'referral', 'escalation', '2026-11-01', $3, 'v', 's', $1)`,
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
});
