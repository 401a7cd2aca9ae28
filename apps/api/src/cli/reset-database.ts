import 'reflect-metadata';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/app-config';

/**
 * Empties the configured database so that the next start migrates and (in demo mode) seeds afresh.
 * Refuses a server database whose name lacks "test" unless `--force` is given.
 */
async function main(force: boolean): Promise<void> {
  const config = loadConfig();
  if (config.database.url === null) {
    await rm(join(config.dataDir, 'pgdata'), { recursive: true, force: true });
    await rm(join(config.dataDir, 'demo-logins.json'), { force: true });
    process.stdout.write(`Removed the embedded database in ${config.dataDir}; the next start creates it anew.\n`);
    return;
  }
  const name = new URL(config.database.url).pathname.replace(/^\//, '');
  if (!name.includes('test') && !force) {
    throw new Error(`Refusing to empty the database "${name}": its name does not contain "test". Add --force if you mean it.`);
  }
  const client = new Client({ connectionString: config.database.url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
  process.stdout.write(`Emptied the database "${name}"; the next start (or npm run migration:run) migrates it.\n`);
}

main(process.argv.includes('--force')).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
