import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';
import type { OpenDatabase } from './database';

/** Any fixed number: it names the lock that serialises migrations across instances. */
const migrationLockKey = 7_217_706;

/** Work on the data that a migration's new rules call for, run after the migrations under the same lock. */
export type AfterMigrating = (dataSource: DataSource) => Promise<void>;

/**
 * Applies pending migrations, then `afterwards` (the data checks that need code beyond SQL). On a
 * PostgreSQL server it holds an advisory lock meanwhile, so that several instances starting together
 * migrate once and the others wait, then find nothing to do. The embedded database belongs to one
 * process and needs no lock.
 */
export async function migrate(database: OpenDatabase, afterwards?: AfterMigrating): Promise<Migration[]> {
  const run = async (dataSource: DataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await afterwards?.(dataSource);
    return applied;
  };
  if (database.isEmbedded) return withDataSource(database.options, run);
  return withDataSource({ ...database.options, extra: { max: 2 } }, async (dataSource) => {
    const lockHolder = dataSource.createQueryRunner();
    await lockHolder.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
      try {
        return await run(dataSource);
      } finally {
        await lockHolder.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
      }
    } finally {
      await lockHolder.release();
    }
  });
}

async function withDataSource<T>(options: DataSourceOptions, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await new DataSource(options).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
