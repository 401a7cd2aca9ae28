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
