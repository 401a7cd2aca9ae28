import { DataSource } from 'typeorm';
import { createTestDatabase, testServices, type TestDatabase } from '@caseroom/testing';
import { openDatabase, type OpenDatabase } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations';

describe('migrations', () => {
  let database: TestDatabase;
  let opened: OpenDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    opened = await openDatabase(
      database.url ? { kind: 'postgres', url: database.url, poolSize: 2 } : { kind: 'embedded', dataDir: database.dataDir },
    );
    dataSource = await new DataSource(opened.options).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await opened.close();
    await database.drop();
  });

  it('build exactly the schema the entities declare', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  // The schema builder compares check constraints by name only, so a changed list of allowed values
  // would pass the test above: the values each check allows are compared here.
  it('give every check constraint the values its entity declares', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const literals = (expression: string) => [...expression.matchAll(/'([^']*)'/g)].map((match) => match[1]).sort();
    const declared = dataSource.entityMetadatas
      .flatMap((metadata) => metadata.checks.map((check) => [`${metadata.tableName}.${check.name}`, literals(check.expression ?? '')]))
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    const rows: { name: string; definition: string }[] = await dataSource.query(
      `SELECT c.relname || '.' || k.conname AS name, pg_get_constraintdef(k.oid) AS definition
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE k.contype = 'c' AND n.nspname = current_schema()`,
    );
    const built = rows
      .map((row) => [row.name, literals(row.definition)])
      .filter(([name]) => declared.some(([declaredName]) => declaredName === name))
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(built).toEqual(declared);
  });

  it('can all be reverted and applied again', async () => {
    for (let step = 0; step < migrations.length; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
    );
    expect(tables).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('are never synchronised from the entities', () => {
    expect(dataSource.options.synchronize).toBe(false);
  });

  const onServer = testServices.postgresUrl ? it : it.skip;
  onServer('run once when several instances start together on a server database (needs TEST_DATABASE_URL)', async () => {
    await dataSource.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const results = await Promise.all([migrate(opened), migrate(opened), migrate(opened)]);
    expect(results.map((applied) => applied.length).sort()).toEqual([0, 0, migrations.length]);
  });
});
