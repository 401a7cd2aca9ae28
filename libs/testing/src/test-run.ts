import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * One run of the suite, named so that what it makes can be told apart from what another run on the same
 * machine makes: its databases are `caseroom_test_<run>_…` and every temporary folder a test (or anything
 * it starts) makes is inside the run's own folder, because the run sets TMPDIR to it before any test
 * starts. At the end of the run anything left of either is listed, removed, and fails the run.
 */
export interface TestRun {
  readonly id: string;
  readonly folder: string;
}

const runVariable = 'CASEROOM_TEST_RUN';

/** Starts a run: answers its id and folder, and sets TMPDIR for every test worker started after. */
export async function beginTestRun(): Promise<TestRun> {
  const id = randomBytes(4).toString('hex');
  const folder = join(tmpdir(), `caseroom-run-${id}`);
  await mkdir(folder, { recursive: true });
  process.env[runVariable] = id;
  process.env.CASEROOM_TEST_RUN_FOLDER = folder;
  process.env.TMPDIR = folder;
  // The compiler that workers load TypeScript source with keeps a cache: in node_modules, across runs, not in the run's folder.
  process.env.SWC_NODE_CACHE_DIR ??= join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'swc-node');
  return { id, folder };
}

/** The prefix of the databases this run makes (outside a run, as when a test file is run by hand: `solo`). */
export function testDatabasePrefix(): string {
  return `caseroom_test_${process.env[runVariable] ?? 'solo'}_`;
}

/** What the run left behind: databases and temporary folders. Both are removed; the names are answered. */
export async function sweepTestRun(postgresUrl: string | null): Promise<{ databases: string[]; folders: string[] }> {
  const folder = process.env.CASEROOM_TEST_RUN_FOLDER;
  const folders = folder ? await readdir(folder).catch(() => []) : [];
  if (folder) await rm(folder, { recursive: true, force: true });
  const databases: string[] = [];
  if (postgresUrl && process.env[runVariable]) {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const prefix = testDatabasePrefix();
      const rows = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY 1`, [
        prefix,
      ]);
      for (const { datname } of rows.rows) {
        databases.push(datname);
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    } finally {
      await client.end();
    }
  }
  return { databases, folders };
}
