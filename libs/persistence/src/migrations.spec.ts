import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@caseroom/testing';
import { openDatabase, type OpenDatabase } from './database';
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
});
