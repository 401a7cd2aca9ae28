import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { testServices } from './environment';
import { testDatabasePrefix } from './test-run';

export interface TestDatabase {
  /** DATABASE_URL for the application, or null for the embedded default. */
  readonly url: string | null;
  /** DATA_DIR for the application (embedded data and generated local files live here). */
  readonly dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL, or an embedded one in a temporary folder. Every name contains "test".
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'caseroom-test-'));
  const base = testServices.postgresUrl;
  if (!base) {
    return { url: null, dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `${testDatabasePrefix()}${randomBytes(6).toString('hex')}`;
  await withAdmin(base, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      await withAdmin(base, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
