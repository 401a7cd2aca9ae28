import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testServices } from '@caseroom/testing';
import { verifyAllChains } from '@caseroom/persistence';
import { RetentionSweep } from '../src/features/retention/retention-sweep';
import { TestApp, type TestPerson } from './support/test-app';

const canary = 'CANARY-retention-7f3a';
const onServer = testServices.postgresUrl ? it : it.skip;
const canaryHex = Buffer.from(canary, 'utf8').toString('hex');

describe('retention and erasure of a closed case', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let caseId: string;

  const sql = <T = unknown>(text: string, parameters: unknown[] = []) => app.get(DataSource).query<T>(text, parameters);
  const sweep = () => app.get(RetentionSweep).run();
  const as = async (key: string) => app.bearer(people.get(key)!);

  /** Every table whose rows still carry the canary, as text or inside a binary column. */
  async function tablesHoldingCanary(): Promise<string[]> {
    const tables = await sql<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const holding: string[] = [];
    for (const { tablename } of tables) {
      const [{ count }] = await sql<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM "${tablename}" t WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0`,
        [canary, canaryHex],
      );
      if (count > 0) holding.push(tablename);
    }
    return holding;
  }

  async function chainsIntact(): Promise<boolean> {
    return (await verifyAllChains(app.get(DataSource))).every(({ verdict }) => verdict.intact);
  }

  beforeAll(async () => {
    if (testServices.postgresUrl) {
      // The deployment's application role, before the migrations that grant it what it may do.
      const admin = new Client({ connectionString: testServices.postgresUrl });
      await admin.connect();
      await admin.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN CREATE ROLE caseroom_app LOGIN; END IF; END $$`,
      );
      await admin.end();
    }
    app = await TestApp.start({ clockStart: new Date('2033-06-01T09:00:00Z') });
    people = await app.seedDemoWorld({ withConference: true });
    const [row] = await sql<{ case_id: string; conference_id: string }[]>(`SELECT case_id, conference_id FROM agenda_items LIMIT 1`);
    caseId = row.case_id;
    // Minutes are written per conference and go once every case they cover is due: here they cover this case alone.
    await sql(`DELETE FROM agenda_items WHERE conference_id = $1 AND case_id <> $2`, [row.conference_id, caseId]);
    const author = people.get('chair')!.id;
    // Canaries in every kind of content the case holds, as the features would have written them.
    await sql(`UPDATE case_compartments SET fields = fields || jsonb_build_object('canary', $2::text) WHERE case_id = $1`, [
      caseId,
      canary,
    ]);
    await sql(`INSERT INTO case_entries (case_id, compartment, author_id, text) VALUES ($1, 'panel', $2, $3)`, [caseId, author, canary]);
    await sql(
      `INSERT INTO decisions (id, case_id, conference_id, kind, compartment, rationale, options_considered, details, positions, recorded_by)
       VALUES (gen_random_uuid(), $1, $2, 'no_further_action', 'panel', $3, $3, jsonb_build_object('note', $3::text), jsonb_build_array($3::text), $4)`,
      [caseId, row.conference_id, canary, author],
    );
    await sql(
      `INSERT INTO victim_contacts (case_id, contacted_on, method, safe_contact, said, agreed, recorded_by)
       VALUES ($1, '2026-01-02', 'phone', $2, $2, $2, $3)`,
      [caseId, canary, people.get('idva')!.id],
    );
    await sql(`INSERT INTO victim_statuses (case_id, text, written_by, written_at) VALUES ($1, $2, $3, now())`, [
      caseId,
      canary,
      people.get('psd')!.id,
    ]);
    await sql(
      `INSERT INTO case_counter_allegations (case_id, received_on, referring_agency_id, made_by_suspect, alleged, how_received, recorded_by)
       SELECT $1, '2026-01-02', referring_agency_id, true, $2, $2, $3 FROM cases WHERE id = $1`,
      [caseId, canary, author],
    );
    await sql(`INSERT INTO note_documents (case_id, compartment) VALUES ($1, 'panel') ON CONFLICT DO NOTHING`, [caseId]);
    await sql(`INSERT INTO note_updates (case_id, compartment, epoch, body) VALUES ($1, 'panel', 1, convert_to($2, 'UTF8'))`, [
      caseId,
      canary,
    ]);
    await sql(
      `INSERT INTO minutes_drafts (conference_id, revision, content, updated_by, updated_at)
       VALUES ($1, 1, jsonb_build_object('summary', $2::text), $3, now()) ON CONFLICT DO NOTHING`,
      [row.conference_id, canary, author],
    );
    // Reads of the case, so that the access log has rows on it.
    for (const key of ['chair', 'idva', 'psd']) await app.http.get(`/api/cases/${caseId}`).set('Authorization', await as(key));
  });
  afterAll(() => app.stop());

  it('never erases a case that is still open', async () => {
    expect(await sweep()).toEqual({ ran: true, erased: 0 });
    expect(await tablesHoldingCanary()).toEqual(
      expect.arrayContaining(['case_compartments', 'case_entries', 'decisions', 'victim_contacts', 'note_updates']),
    );
  });

  it('shows the coordinator when each kind falls due, and refuses a member', async () => {
    await sql(`UPDATE cases SET status = 'closed' WHERE id = $1`, [caseId]);
    await sql(
      `INSERT INTO case_status_changes (case_id, from_status, to_status, changed_by, changed_at)
       VALUES ($1, 'actions_open', 'closed', $2, '2026-01-05T10:00:00Z')`,
      [caseId, people.get('coordinator')!.id],
    );
    const response = await app.http.get(`/api/cases/${caseId}/retention`).set('Authorization', await as('coordinator'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      closedOn: '2026-01-05',
      kinds: [
        { kind: 'case_content', days: 2192, dueOn: '2032-01-06', erasedAt: null },
        { kind: 'notes', days: 2192, dueOn: '2032-01-06', erasedAt: null },
        { kind: 'minutes', days: 2192, dueOn: '2032-01-06', erasedAt: null },
        { kind: 'access_log', days: 2922, dueOn: '2034-01-05', erasedAt: null },
      ],
      hold: null,
      canManageHold: true,
    });
    const member = await app.http.get(`/api/cases/${caseId}/retention`).set('Authorization', await as('probation'));
    expect(member.status).toBe(403);
    const memberHold = await app.http
      .post(`/api/cases/${caseId}/legal-hold`)
      .set('Authorization', await as('probation'))
      .send({ reason: 'x' });
    expect(memberHold.status).toBe(403);
    // The chair sees the dates but neither sets nor releases a hold.
    const chair = await app.http.get(`/api/cases/${caseId}/retention`).set('Authorization', await as('chair'));
    expect(chair.body).toMatchObject({ closedOn: '2026-01-05', canManageHold: false });
    const chairHold = await app.http
      .post(`/api/cases/${caseId}/legal-hold`)
      .set('Authorization', await as('chair'))
      .send({ reason: 'x' });
    expect(chairHold.status).toBe(403);
    // Someone stepped out of the case does not learn it exists.
    const colleague = await app.http.get(`/api/cases/${caseId}/retention`).set('Authorization', await as('colleague'));
    expect(colleague.status).toBe(404);
  });

  it('keeps everything of a closed case under a legal hold', async () => {
    const hold = await app.http
      .post(`/api/cases/${caseId}/legal-hold`)
      .set('Authorization', await as('coordinator'))
      .send({ reason: 'Civil claim pending' });
    expect(hold.status).toBe(200);
    expect(hold.body).toMatchObject({ hold: { reason: 'Civil claim pending', setByName: 'Cora Mensah' } });
    const again = await app.http
      .post(`/api/cases/${caseId}/legal-hold`)
      .set('Authorization', await as('coordinator'))
      .send({ reason: 'x' });
    expect(again.status).toBe(409);
    const empty = await app.http
      .post(`/api/cases/${caseId}/legal-hold`)
      .set('Authorization', await as('coordinator'))
      .send({ reason: ' ' });
    expect(empty.status).toBe(400);
    expect(await sweep()).toEqual({ ran: true, erased: 0 });
    await expect(sql(`SELECT erase_case_records($1, 'case_content', 2192, now() + interval '10 years')`, [caseId])).rejects.toThrow(
      /legal hold/,
    );
    expect(await tablesHoldingCanary()).toContain('decisions');
  });

  it('erases the content of a closed case past its period once the hold is released, and records the erasure', async () => {
    const release = await app.http
      .post(`/api/cases/${caseId}/legal-hold/release`)
      .set('Authorization', await as('psd'))
      .send({ reason: 'Claim settled' });
    expect(release.status).toBe(200);
    expect(release.body).toMatchObject({ hold: null });
    expect(await sweep()).toEqual({ ran: true, erased: 3 });
    expect(await tablesHoldingCanary()).toEqual([]);
    // What remains: the case by its neutral reference, its status and dates; the decision's place and hash.
    const [remaining] = await sql<{ reference: string; status: string }[]>(`SELECT reference, status FROM cases WHERE id = $1`, [caseId]);
    expect(remaining).toMatchObject({ status: 'closed', reference: expect.stringMatching(/\S/) });
    const decisions = await sql<{ rationale: string; hash: string }[]>(`SELECT rationale, hash FROM decisions WHERE case_id = $1`, [
      caseId,
    ]);
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions.every((decision) => decision.rationale === 'erased' && /^[0-9a-f]{64}$/.test(decision.hash))).toBe(true);
    const [{ count: reads }] = await sql<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM access_log WHERE case_id = $1 AND reason <> 'erased'`,
      [caseId],
    );
    expect(reads).toBeGreaterThan(0);
    const erasures = await sql<{ kind: string; rule: string }[]>(`SELECT kind, rule FROM case_erasures WHERE case_id = $1 ORDER BY id`, [
      caseId,
    ]);
    expect(erasures).toEqual([
      { kind: 'case_content', rule: '2192 days after the case closed on 05/01/2026' },
      { kind: 'notes', rule: '2192 days after the case closed on 05/01/2026' },
      { kind: 'minutes', rule: '2192 days after the case closed on 05/01/2026' },
    ]);
    expect(await chainsIntact()).toBe(true);
    expect(await sweep()).toEqual({ ran: true, erased: 0 });
  });

  it('still answers every read of the erased case, with nothing of what it held', async () => {
    const reads = [
      '',
      '/compartments/panel',
      '/compartments/victim',
      '/compartments/panel/notes',
      '/decisions',
      '/actions',
      '/contacts',
      '/idva',
      '/victim-status',
      '/counter-allegations',
      '/risk-assessments',
      '/conflicts',
      '/access-log',
      '/retention',
      '/victim-workplace',
    ];
    const failures: string[] = [];
    for (const key of ['coordinator', 'chair', 'idva', 'psd']) {
      const authorization = await as(key);
      for (const path of reads) {
        const response = await app.http.get(`/api/cases/${caseId}${path}`).set('Authorization', authorization);
        if (response.status >= 500 || response.text.includes(canary)) failures.push(`${key} ${path}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('erases who saw the case once the access log period has passed, the chains still verifying', async () => {
    app.clock.set(new Date('2034-01-06T09:00:00Z'));
    expect(await sweep()).toEqual({ ran: true, erased: 1 });
    const viewers = await sql<{ viewer_id: string }[]>(`SELECT DISTINCT viewer_id FROM access_log WHERE case_id = $1`, [caseId]);
    expect(viewers).toEqual([{ viewer_id: '00000000-0000-0000-0000-000000000000' }]);
    expect(await chainsIntact()).toBe(true);
  });

  it('still detects tampering with an erased row, and content removed with no erasure on record', async () => {
    const data = app.get(DataSource);
    const [{ sequence }] = await sql<{ sequence: string }[]>(`SELECT sequence FROM decisions WHERE case_id = $1 LIMIT 1`, [caseId]);
    // A later decision on another case, so the erased row has a successor whose link vouches for it.
    const [otherCase] = await sql<{ id: string }[]>(`SELECT id FROM cases WHERE id <> $1 LIMIT 1`, [caseId]);
    const [conference] = await sql<{ id: string }[]>(`SELECT id FROM conferences LIMIT 1`);
    const [successor] = await sql<{ sequence: string }[]>(
      `INSERT INTO decisions (id, case_id, conference_id, kind, compartment, rationale, details, positions, recorded_by)
       VALUES (gen_random_uuid(), $1, $2, 'no_further_action', 'panel', 'Nothing further', '{}', '[]', $3) RETURNING sequence`,
      [otherCase.id, conference.id, people.get('chair')!.id],
    );
    expect(await chainsIntact()).toBe(true);
    await data.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE decisions SET hash = repeat('a', 64) WHERE sequence = $1`, [sequence]);
    });
    const decisions = (await verifyAllChains(data)).find(({ spec }) => spec.table === 'decisions')!.verdict;
    expect(decisions).toMatchObject({ intact: false, brokenAt: String(Number(sequence) + 1) });
    expect(Number(successor.sequence)).toBeGreaterThan(Number(sequence));
    const logRow = await sql<{ id: string }[]>(`SELECT id FROM access_log WHERE case_id <> $1 LIMIT 1`, [caseId]);
    await data.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE access_log SET viewer_id = '00000000-0000-0000-0000-000000000000', reason = 'erased' WHERE id = $1`, [
        logRow[0].id,
      ]);
    });
    const accessLog = (await verifyAllChains(data)).find(({ spec }) => spec.table === 'access_log')!.verdict;
    expect(accessLog).toMatchObject({ intact: false, brokenAt: logRow[0].id, problem: expect.stringMatching(/no erasure on record/) });
  });

  it('refuses to change an append-only record outside the erasure, and the erasure of an open case', async () => {
    await expect(sql(`UPDATE decisions SET rationale = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM decisions`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
    const [open] = await sql<{ id: string }[]>(`SELECT id FROM cases WHERE status <> 'closed' LIMIT 1`);
    await expect(sql(`SELECT erase_case_records($1, 'case_content', 2192, now() + interval '10 years')`, [open.id])).rejects.toThrow(
      /only a closed case/,
    );
  });

  onServer('gives the application role no way around the erasure function, even with the erasing flag set', async () => {
    const url = new URL(app.database.url!);
    url.username = 'caseroom_app';
    const appRole = new Client({ connectionString: url.toString() });
    await appRole.connect();
    try {
      await appRole.query(`SET caseroom.erasing = 'on'`);
      await expect(appRole.query(`UPDATE decisions SET rationale = 'erased'`)).rejects.toThrow(/permission denied/);
      await expect(appRole.query(`DELETE FROM victim_contacts`)).rejects.toThrow(/permission denied/);
      await expect(appRole.query(`UPDATE access_log SET reason = 'erased'`)).rejects.toThrow(/permission denied/);
      await expect(appRole.query(`DELETE FROM case_erasures`)).rejects.toThrow(/permission denied/);
      await expect(
        appRole.query(`INSERT INTO case_erasures (case_id, kind, rule) VALUES ($1, 'notes', 'by hand')`, [caseId]),
      ).rejects.toThrow(/permission denied/);
      const [open] = await sql<{ id: string }[]>(`SELECT id FROM cases WHERE status <> 'closed' LIMIT 1`);
      await expect(
        appRole.query(`SELECT erase_case_records($1, 'case_content', 2192, now() + interval '10 years')`, [open.id]),
      ).rejects.toThrow(/only a closed case/);
      await expect(appRole.query(`SELECT erase_case_records($1, 'notes', 30, now() + interval '10 years')`, [caseId])).rejects.toThrow(
        /period has not passed/,
      );
    } finally {
      await appRole.end();
    }
  });
});
