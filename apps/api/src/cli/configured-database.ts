import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrate, openDatabase, type DatabaseTarget } from '@caseroom/persistence';
import { loadConfig, type AppConfig } from '../config/app-config';

export function configuredTarget(config: AppConfig): DatabaseTarget {
  return config.database.url !== null
    ? { kind: 'postgres', url: config.database.url, poolSize: 2 }
    : { kind: 'embedded', dataDir: join(config.dataDir, 'pgdata') };
}

/**
 * Opens the configured database (migrated first) for a command-line task. On the embedded default the
 * data folder belongs to one process: stop the server before running a command against it.
 */
export async function withConfiguredDatabase<T>(work: (dataSource: DataSource, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(configuredTarget(config));
  try {
    await migrate(database);
    const dataSource = await new DataSource(database.options).initialize();
    try {
      return await work(dataSource, config);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

export function runCommand(task: () => Promise<number | void>): void {
  task().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
