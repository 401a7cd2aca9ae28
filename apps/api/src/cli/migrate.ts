import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { migrate, openDatabase, type DatabaseTarget } from '@caseroom/persistence';
import { loadConfig } from '../config/app-config';
import { repairStoredNotes } from '../features/notes/repair-stored-notes';

/**
 * Schema commands:
 *   run                apply pending migrations to the configured database (embedded when DATABASE_URL is unset),
 *                      then check the stored notes they call for (docs/decisions/0020)
 *   revert             undo the last applied migration
 *   generate <Name>    write a migration for whatever the entities declare beyond the existing migrations
 */
async function main(command: string | undefined, name: string | undefined): Promise<void> {
  const verb = command ?? '';
  switch (verb) {
    case 'run':
    case 'revert':
      return applyToConfigured(verb);
    case 'generate':
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Give the migration a name in PascalCase, e.g. AddCases');
      return generate(name);
    default:
      throw new Error('Usage: migrate run | revert | generate <Name>');
  }
}

async function applyToConfigured(command: 'run' | 'revert'): Promise<void> {
  const config = loadConfig();
  const target: DatabaseTarget =
    config.database.url !== null
      ? { kind: 'postgres', url: config.database.url, poolSize: 1 }
      : { kind: 'embedded', dataDir: join(config.dataDir, 'pgdata') };
  if (command === 'run') {
    const database = await openDatabase(target);
    try {
      const applied = await migrate(database, repairStoredNotes);
      process.stdout.write(
        applied.length === 0 ? 'No pending migrations.\n' : applied.map((migration) => `Applied ${migration.name}\n`).join(''),
      );
    } finally {
      await database.close();
    }
    return;
  }
  await withDataSource(target, async (dataSource) => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    process.stdout.write('Reverted the last migration.\n');
  });
}

/** Generates against a throwaway embedded database, so no developer database is touched. */
async function generate(name: string): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'caseroom-migration-'));
  try {
    await withDataSource({ kind: 'embedded', dataDir: scratch }, async (dataSource) => {
      await dataSource.runMigrations({ transaction: 'each' });
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (sql.upQueries.length === 0) {
        process.stdout.write('The entities and migrations agree: nothing to generate.\n');
        return;
      }
      const className = `${name}${Date.now()}`;
      const statement = (query: { query: string; parameters?: unknown[] }) =>
        `    await queryRunner.query(\`${query.query.replace(/`/g, '\\`')}\`${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`;
      const source = [
        "import type { MigrationInterface, QueryRunner } from 'typeorm';",
        '',
        `export class ${className} implements MigrationInterface {`,
        `  name = '${className}';`,
        '',
        '  async up(queryRunner: QueryRunner): Promise<void> {',
        ...sql.upQueries.map(statement),
        '  }',
        '',
        '  async down(queryRunner: QueryRunner): Promise<void> {',
        ...sql.downQueries.reverse().map(statement),
        '  }',
        '}',
        '',
      ].join('\n');
      const directory = resolve('libs/persistence/src/migrations');
      const file = `${Date.now()}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.migration.ts`;
      await writeFile(join(directory, file), source);
      const indexFile = join(directory, 'index.ts');
      const index = await readFile(indexFile, 'utf8');
      const module = `./${file.replace(/\.ts$/, '')}`;
      const listed = /= \[([\s\S]*?)\];/.exec(index);
      if (!listed) throw new Error(`Cannot find the migrations list in ${indexFile}`);
      const names = [
        ...listed[1]
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
        className,
      ];
      await writeFile(
        indexFile,
        `import { ${className} } from '${module}';\n` + index.replace(listed[0], `= [\n  ${names.join(',\n  ')},\n];`),
      );
      process.stdout.write(`Wrote ${join('libs/persistence/src/migrations', file)}; review it like code.\n`);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function withDataSource(target: DatabaseTarget, work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const database = await openDatabase(target);
  const dataSource = new DataSource(database.options);
  try {
    await dataSource.initialize();
    await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
