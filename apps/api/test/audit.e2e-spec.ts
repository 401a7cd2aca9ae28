import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AccessRecord, Compartment } from '@caseroom/domain';
import { AccessLogRepository } from '@caseroom/persistence';
import { testServices } from '@caseroom/testing';
import { TestApp } from './support/test-app';

const cli = resolve(__dirname, '../../../dist/apps/api/src/cli/verify-audit.js');
const onServer = testServices.postgresUrl ? it : it.skip;

describe('the access log as a record people can trust', () => {
  let app: TestApp;

  beforeAll(async () => {
    if (testServices.postgresUrl) {
      // The deployment's application role: the migration grants it reading and appending only.
      const admin = new Client({ connectionString: testServices.postgresUrl });
      await admin.connect();
      await admin.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN CREATE ROLE caseroom_app LOGIN; END IF; END $$`,
      );
      await admin.end();
    }
    app = await TestApp.start();
    const people = await app.seedDemoWorld();
    const caseId = (
      (await app.http.get('/api/cases').set('Authorization', await app.bearer(people.get('chair')!))).body as { id: string }[]
    )[0].id;
    for (const key of ['idva', 'psd', 'investigator', 'iopc', 'chair']) {
      await app.http.get(`/api/cases/${caseId}`).set('Authorization', await app.bearer(people.get(key)!));
    }
  });
  afterAll(() => app.stop());

  const sql = (text: string) => app.get(DataSource).query<unknown>(text);

  it('holds a row for every compartment read, chained without a break', async () => {
    const verdict = await app.get(AccessLogRepository).verify();
    expect(verdict).toEqual({ intact: true, rows: expect.any(Number) });
    expect((verdict as { rows: number }).rows).toBeGreaterThanOrEqual(9);
  });

  it('commits appends that arrive together, each once and in one unbroken chain, and fails only the bad one', async () => {
    const log = app.get(AccessLogRepository);
    const [{ count: before }] = (await sql(`SELECT count(*)::int AS count FROM access_log`)) as { count: number }[];
    const [{ id: caseId }] = (await sql(`SELECT id FROM cases LIMIT 1`)) as { id: string }[];
    const [{ id: viewerId }] = (await sql(`SELECT id FROM users LIMIT 1`)) as { id: string }[];
    const record = (reason: string, compartment: Compartment = 'panel'): AccessRecord => ({
      viewerId,
      caseId,
      compartment,
      action: 'read',
      channel: 'http',
      policyVersion: '1',
      reason,
    });
    const commits: { appends: number; rows: number }[] = [];
    log.onGroupCommit((commit) => commits.push(commit));
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 40 }, (_, index) => log.append([record(`together ${index}`), record(`together ${index} again`)])),
      log.append([record('refused', 'minutes' as Compartment)]),
    ]);
    expect(outcomes.slice(0, 40).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(outcomes[40].status).toBe('rejected');
    const [{ count: after }] = (await sql(`SELECT count(*)::int AS count FROM access_log`)) as { count: number }[];
    expect(after - before).toBe(80);
    // What the metrics are told: every committed append and row once, and nothing of the one that failed.
    const reported = commits.reduce((sum, commit) => ({ appends: sum.appends + commit.appends, rows: sum.rows + commit.rows }), {
      appends: 0,
      rows: 0,
    });
    expect(reported).toEqual({ appends: 40, rows: 80 });
    expect((await sql(`SELECT count(*)::int AS count FROM access_log WHERE reason LIKE 'together %'`)) as unknown[]).toEqual([
      { count: 80 },
    ]);
    expect(await log.verify()).toEqual({ intact: true, rows: after });
    // More rows than one statement takes: written in order, in one transaction, still one chain.
    await log.append(Array.from({ length: 1001 }, (_, index) => record(`long ${index}`)));
    const reasons = (await sql(`SELECT reason FROM access_log WHERE reason LIKE 'long %' ORDER BY id`)) as { reason: string }[];
    expect(reasons.map(({ reason }) => reason)).toEqual(Array.from({ length: 1001 }, (_, index) => `long ${index}`));
    expect(await log.verify()).toEqual({ intact: true, rows: after + 1001 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE, whoever asks', async () => {
    await expect(sql(`UPDATE access_log SET reason = 'edited' WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM access_log WHERE id = 1`)).rejects.toThrow(/append-only/);
    await expect(sql(`TRUNCATE access_log`)).rejects.toThrow(/append-only/);
  });

  it('does not let a client choose its own id, time or hash', async () => {
    await sql(
      `INSERT INTO access_log (id, occurred_at, viewer_id, case_id, compartment, action, channel, policy_version, reason, previous_hash, hash)
       VALUES (999999, '2000-01-01', gen_random_uuid(), gen_random_uuid(), 'panel', 'read', 'http', 1, 'forged', 'x', 'y')`,
    );
    const rows = (await sql(
      `SELECT id::text, occurred_at > '2020-01-01' AS recent, hash <> 'y' AS chained FROM access_log WHERE reason = 'forged'`,
    )) as {
      id: string;
      recent: boolean;
      chained: boolean;
    }[];
    expect(rows).toEqual([{ id: expect.not.stringMatching(/^999999$/), recent: true, chained: true }]);
    expect((await app.get(AccessLogRepository).verify()).intact).toBe(true);
  });

  onServer('grants the application role reading and appending only (needs TEST_DATABASE_URL)', async () => {
    const url = new URL(app.database.url!);
    url.username = 'caseroom_app';
    const appRole = new Client({ connectionString: url.toString() });
    await appRole.connect();
    try {
      await expect(appRole.query(`SELECT count(*) FROM access_log`)).resolves.toBeDefined();
      await expect(appRole.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_no_update`)).rejects.toThrow(/must be owner/);
      await expect(appRole.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      await expect(appRole.query(`TRUNCATE access_log`)).rejects.toThrow(/permission denied/);
      await expect(appRole.query(`UPDATE access_log SET reason = 'edited'`)).rejects.toThrow(/permission denied/);
      await expect(appRole.query(`DELETE FROM access_log`)).rejects.toThrow(/permission denied/);
    } finally {
      await appRole.end();
    }
  });

  onServer('finds a row altered by a superuser and names it (needs TEST_DATABASE_URL)', async () => {
    const superuser = new Client({ connectionString: app.database.url! });
    await superuser.connect();
    try {
      // A superuser can step around the triggers; the chain still gives them away.
      await superuser.query(`SET session_replication_role = replica`);
      await superuser.query(`UPDATE access_log SET reason = 'nothing to see' WHERE id = (SELECT min(id) + 2 FROM access_log)`);
      const [{ id }] = (await superuser.query(`SELECT (min(id) + 2)::text AS id FROM access_log`)).rows as { id: string }[];
      expect(await app.get(AccessLogRepository).verify()).toMatchObject({
        intact: false,
        brokenAt: id,
        problem: expect.stringContaining('altered'),
      });

      if (existsSync(cli)) {
        const child = spawn(process.execPath, [cli], {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.database.url!, DEMO_MODE: 'true', DATA_DIR: app.database.dataDir },
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        expect(await new Promise((resolveExit) => child.once('exit', resolveExit))).toBe(1);
        expect(output).toContain(`access log: BROKEN at row ${id}`);
      }

      await superuser.query(`DELETE FROM access_log WHERE id = (SELECT min(id) + 2 FROM access_log)`);
      expect(await app.get(AccessLogRepository).verify()).toMatchObject({
        intact: false,
        problem: expect.stringContaining('does not follow'),
      });
    } finally {
      await superuser.end();
    }
  });
});
