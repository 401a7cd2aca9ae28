import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';
import type { OpenDatabase } from './database';

/** Any fixed number: it names the lock that serialises migrations across instances. */
const migrationLockKey = 7_217_706;

/**
 * Applies pending migrations. On a PostgreSQL server it holds an advisory lock meanwhile, so that
 * several instances starting together migrate once and the others wait, then find nothing to do.
 * The embedded database belongs to one process and needs no lock.
 */
export async function migrate(database: OpenDatabase): Promise<Migration[]> {
  if (database.isEmbedded) {
    return withDataSource(database.options, (dataSource) => dataSource.runMigrations({ transaction: 'each' }));
  }
  return withDataSource({ ...database.options, extra: { max: 2 } }, async (dataSource) => {
    const lockHolder = dataSource.createQueryRunner();
    await lockHolder.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
      try {
        return await dataSource.runMigrations({ transaction: 'each' });
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
