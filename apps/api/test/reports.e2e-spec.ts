import type { MaracReturnView, PpdaAuditView } from '@caseroom/contracts';
import {
  formatQuarter,
  quarterBounds,
  quarterOf,
  returnAgencyColumns,
  suppress,
  suppressGroup,
  type PublishedReturn,
  type Quarter,
} from '@caseroom/domain';
import { DataSource } from 'typeorm';
import { readCopyText } from '../src/features/minutes/read-copy-text';
import { generateWorld } from '@caseroom/testing';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * The force's PPDA audit and the MARAC's data return count exactly the cases the records hold, as a count
 * written directly in SQL says, in the demo world and in a generated world of a few hundred cases; and a
 * person linked to a case's suspect finds nothing of it in either, on the screen or in a file.
 */
describe('the PPDA audit and the MARAC data return', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let sql: DataSource;
  const today = '2026-12-01';
  const finishedSince = '2025-12-01';
  const agencyIds = new Map<string, string>();
  const bearers = new Map<string, string>();

  const bearer = async (key: string) => {
    if (!bearers.has(key)) bearers.set(key, await app.bearer(people.get(key)!));
    return bearers.get(key)!;
  };
  const audit = async (key: string, query: Record<string, string> = {}) =>
    (
      await app.http
        .get('/api/reports/ppda-audit')
        .query(query)
        .set('Authorization', await bearer(key))
        .expect(200)
    ).body as PpdaAuditView;
  const maracReturn = async (key: string, query: Record<string, string> = {}) =>
    (
      await app.http
        .get('/api/reports/marac-return')
        .query(query)
        .set('Authorization', await bearer(key))
        .expect(200)
    ).body as MaracReturnView;
  const binary = (path: string, query: Record<string, string>, authorization: string) =>
    app.http
      .get(path)
      .query(query)
      .set('Authorization', authorization)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date(`${today}T09:00:00Z`) });
    people = await app.seedDemoWorld({ withConference: true });
    sql = app.get(DataSource);
    for (const row of await sql.query<{ id: string; code: string }[]>(`SELECT id, code FROM agencies`)) agencyIds.set(row.code, row.id);
  });
  afterAll(() => app.stop());

  /** The audit's rows and figures for these forces (null: every force), counted in SQL from the tables. */
  async function auditInSql(forceIds: readonly string[] | null) {
    const cases = `SELECT c.id, c.reference, c.status, c.referred_on FROM cases c JOIN case_suspects s ON s.case_id = c.id
      WHERE ($1::uuid[] IS NULL OR s.force_id = ANY($1::uuid[]))
        AND (c.status NOT IN ('closed','declined') OR EXISTS (SELECT 1 FROM case_status_changes sc
             WHERE sc.case_id = c.id AND sc.to_status IN ('closed','declined') AND sc.changed_at::date >= $2::date))`;
    const [figures] = await sql.query<{ references: string[] | null; medianDaysToRestriction: number | null }[]>(
      `WITH audited AS (${cases})
       SELECT (SELECT array_agg(reference ORDER BY reference) FROM audited) AS "references",
         (SELECT count(*) FROM audited WHERE status NOT IN ('closed','declined'))::int AS live,
         (SELECT count(*) FROM audited WHERE status IN ('closed','declined'))::int AS finished,
         (SELECT count(*) FROM audited a WHERE EXISTS (SELECT 1 FROM restrictions r WHERE r.case_id = a.id AND r.status IN ('applied','lift_pending'))
         )::int AS "withRestrictionInPlace",
         (SELECT count(*) FROM restrictions r JOIN audited a ON a.id = r.case_id
           WHERE r.status IN ('applied','lift_pending') AND r.next_review_on < $3::date)::int AS "overdueReviews",
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first - a.referred_on) FROM audited a
           JOIN LATERAL (SELECT min(r.effective_on) AS first FROM restrictions r WHERE r.case_id = a.id) f ON f.first IS NOT NULL
         ) AS "medianDaysToRestriction"`,
      [forceIds, finishedSince, today],
    );
    const recorded = await sql.query<{ key: string; count: number }[]>(
      `WITH audited AS (${cases})
       SELECT COALESCE(st.fields->>'recordedAs', 'unrecorded') AS key, count(*)::int AS count FROM audited a
       LEFT JOIN case_compartments st ON st.case_id = a.id AND st.compartment = 'standards' GROUP BY 1`,
      [forceIds, finishedSince],
    );
    const byKind = await sql.query<{ key: string; count: number }[]>(
      `WITH audited AS (${cases})
       SELECT r.kind AS key, count(*)::int AS count FROM restrictions r JOIN audited a ON a.id = r.case_id
       WHERE r.status IN ('applied','lift_pending') GROUP BY 1`,
      [forceIds, finishedSince],
    );
    return { ...figures, recorded, byKind };
  }

  function expectAuditToMatch(view: PpdaAuditView, counted: Awaited<ReturnType<typeof auditInSql>>): void {
    expect(view.rows.map((row) => row.reference).sort()).toEqual(counted.references ?? []);
    expect(view.summary).toMatchObject({
      cases: (counted.references ?? []).length,
      live: (counted as unknown as { live: number }).live,
      finished: (counted as unknown as { finished: number }).finished,
      withRestrictionInPlace: (counted as unknown as { withRestrictionInPlace: number }).withRestrictionInPlace,
      overdueReviews: (counted as unknown as { overdueReviews: number }).overdueReviews,
      medianDaysToRestriction: counted.medianDaysToRestriction === null ? null : Number(counted.medianDaysToRestriction),
    });
    for (const [key, count] of Object.entries(view.summary.recordedAs))
      expect([key, count]).toEqual([key, counted.recorded.find((row) => row.key === key)?.count ?? 0]);
    for (const [key, count] of Object.entries(view.summary.restrictionsByKind))
      expect([key, count]).toEqual([key, counted.byKind.find((row) => row.key === key)?.count ?? 0]);
  }

  /** The return's figures for an area and quarter, counted in SQL from the tables, then suppressed as published. */
  async function returnInSql(areaId: string, quarter: Quarter): Promise<PublishedReturn> {
    const { from, to } = quarterBounds(quarter);
    const heard = `SELECT DISTINCT c.id, c.referred_on, c.repeat_of_case_id, c.referring_agency_id, c.victim_employer_force_id, v.fields
      FROM cases c JOIN agenda_items i ON i.case_id = c.id JOIN conferences cf ON cf.id = i.conference_id
      JOIN users co ON co.id = cf.coordinator_id
      LEFT JOIN case_compartments v ON v.case_id = c.id AND v.compartment = 'victim'
      WHERE co.agency_id = $1 AND (i.ended_at IS NOT NULL OR cf.status = 'closed')
        AND (cf.scheduled_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date`;
    const [row] = await sql.query<Record<string, number | null>[]>(
      `WITH heard AS (${heard}),
       restricted AS (SELECT h.id, min(r.effective_on) - h.referred_on AS days FROM heard h JOIN restrictions r ON r.case_id = h.id
                      WHERE r.effective_on IS NOT NULL GROUP BY h.id, h.referred_on)
       SELECT count(*)::int AS cases,
         count(*) FILTER (WHERE repeat_of_case_id IS NOT NULL)::int AS repeats,
         COALESCE(sum(jsonb_array_length(COALESCE(fields->'children', '[]'::jsonb))), 0)::int AS children,
         count(*) FILTER (WHERE fields->>'ethnicGroup' IN ('white_other','mixed','asian','black','other_ethnic_group'))::int AS minoritised,
         count(*) FILTER (WHERE fields->>'lgbt' = 'yes')::int AS lgbt,
         count(*) FILTER (WHERE fields->>'disabled' = 'yes')::int AS disabled,
         count(*) FILTER (WHERE fields->>'gender' = 'male')::int AS male,
         count(*) FILTER (WHERE date_part('year', age(referred_on, (fields->>'dateOfBirth')::date)) IN (16, 17))::int AS aged,
         count(*) FILTER (WHERE victim_employer_force_id IS NOT NULL)::int AS employed,
         (SELECT count(*) FROM restricted)::int AS restricted,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM restricted) AS median
       FROM heard`,
      [areaId, from, to],
    );
    const agencies = await sql.query<{ kind: string; count: number }[]>(
      `WITH heard AS (${heard})
       SELECT CASE WHEN a.kind IN ('police_force','idva_service','probation','health','childrens_social_care','adult_social_care','housing','education')
                   THEN a.kind ELSE 'other' END AS kind, count(*)::int AS count
       FROM heard h JOIN agencies a ON a.id = h.referring_agency_id GROUP BY 1`,
      [areaId, from, to],
    );
    const counts = row as Record<string, number>;
    const byAgency = suppressGroup(returnAgencyColumns.map((column) => agencies.find((each) => each.kind === column)?.count ?? 0));
    const restricted = counts.restricted;
    return {
      casesDiscussed: suppress(counts.cases),
      repeatCases: suppress(counts.repeats),
      children: suppress(counts.children),
      referralsByAgency: Object.fromEntries(
        returnAgencyColumns.map((column, index) => [column, byAgency[index]]),
      ) as PublishedReturn['referralsByAgency'],
      victimsBlackAndMinoritised: suppress(counts.minoritised),
      victimsLgbt: suppress(counts.lgbt),
      victimsDisabled: suppress(counts.disabled),
      victimsMale: suppress(counts.male),
      victimsAged16To17: suppress(counts.aged),
      casesWithPoliceSuspect: suppress(counts.cases),
      casesWithPoliceEmployedVictim: suppress(counts.employed),
      casesWithRestrictionApplied: suppress(restricted),
      medianDaysToRestriction: restricted === 0 ? null : restricted < 5 ? '<5' : Number(counts.median),
    };
  }

  describe('in the demo world', () => {
    it("lists each force's PPDA cases for its professional standards, and every force's for the IOPC", async () => {
      const psd = await audit('psd');
      expect(psd.forces.map((force) => force.name)).toEqual(['Northmoor Police']);
      expect(psd.rows.length).toBeGreaterThan(0);
      expectAuditToMatch(psd, await auditInSql([agencyIds.get('NMP')!]));
      const [row] = psd.rows;
      expect(row).toMatchObject({ suspectRole: 'Response officer', standing: 'live', canRecord: true });

      const iopc = await audit('iopc');
      expect(iopc.forces.map((force) => force.name).sort()).toEqual(['Eastvale Constabulary', 'Northmoor Police']);
      expectAuditToMatch(iopc, await auditInSql(null));
      expect(iopc.rows.every((each) => !each.canRecord)).toBe(true);
      expectAuditToMatch(await audit('iopc', { forceId: agencyIds.get('EVC')! }), await auditInSql([agencyIds.get('EVC')!]));
    });

    it('refuses the audit to people who are neither professional standards nor the IOPC, and another force to PSD', async () => {
      await app.http
        .get('/api/reports/ppda-audit')
        .set('Authorization', await bearer('probation'))
        .expect(403);
      await app.http
        .get('/api/reports/ppda-audit')
        .set('Authorization', await bearer('coordinator'))
        .expect(403);
      await app.http
        .get('/api/reports/ppda-audit')
        .query({ forceId: agencyIds.get('EVC')! })
        .set('Authorization', await bearer('psd'))
        .expect(403);
    });

    it("counts the return of the coordinator's MARAC once its conference has heard the demo cases", async () => {
      // Hear the demo conference's items, as its chair would by moving through the agenda.
      const [conference] = await sql.query<{ id: string; scheduled_at: Date }[]>(`SELECT id, scheduled_at FROM conferences`);
      await sql.query(`UPDATE agenda_items SET started_at = now(), ended_at = now() WHERE conference_id = $1`, [conference.id]);
      const quarter = quarterOf(conference.scheduled_at.toISOString().slice(0, 10));
      const view = await maracReturn('coordinator', { quarter: formatQuarter(quarter) });
      expect(view.area?.name).toBe('Northmoor Community Safety Partnership');
      expect(view.figures).toEqual(await returnInSql(agencyIds.get('NCSP')!, quarter));
      // Two cases heard: a small number, shown as "<5".
      expect(view.figures!.casesDiscussed).toBe('<5');
      expect(view.figures!.victimsMale).toBe(0);
      // The chair of its conferences reads the same return.
      expect((await maracReturn('chair', { quarter: formatQuarter(quarter) })).figures).toEqual(view.figures);
      await app.http
        .get('/api/reports/marac-return')
        .set('Authorization', await bearer('psd'))
        .expect(403);
    });
    it("keeps the victim's equality monitoring on the case, refusing an answer that is not one of the choices", async () => {
      const [demo] = await sql.query<{ id: string }[]>(`SELECT id FROM cases WHERE reference LIKE 'CR-%' ORDER BY reference LIMIT 1`);
      const path = `/api/cases/${demo.id}/compartments/victim/fields`;
      const refused = await app.http
        .patch(path)
        .set('Authorization', await bearer('coordinator'))
        .send({ gender: 'unknown-code' })
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain('body.gender');
      await app.http
        .patch(path)
        .set('Authorization', await bearer('coordinator'))
        .send({ ethnicGroup: 'prefers_not_to_say' })
        .expect(200);
      const [stored] = await sql.query<{ ethnic_group: string; gender: string }[]>(
        `SELECT fields->>'ethnicGroup' AS ethnic_group, fields->>'gender' AS gender FROM case_compartments WHERE case_id = $1 AND compartment = 'victim'`,
        [demo.id],
      );
      expect(stored).toEqual({ ethnic_group: 'prefers_not_to_say', gender: 'female' });
    });
    it("lets only professional standards of the suspect's force record whether the matter is a complaint or a conduct matter", async () => {
      const [demo] = await sql.query<{ id: string; reference: string }[]>(
        `SELECT id, reference FROM cases WHERE reference LIKE 'CR-%' ORDER BY reference LIMIT 1`,
      );
      const path = `/api/cases/${demo.id}/compartments/standards/fields`;
      await app.http
        .patch(path)
        .set('Authorization', await bearer('iopc'))
        .send({ recordedAs: 'complaint' })
        .expect(403);
      await app.http
        .patch(path)
        .set('Authorization', await bearer('chair'))
        .send({ recordedAs: 'complaint' })
        .expect(403);
      await app.http
        .patch(path)
        .set('Authorization', await bearer('psd'))
        .send({ recordedAs: 'cumplaint' })
        .expect(400);
      await app.http
        .patch(path)
        .set('Authorization', await bearer('psd'))
        .send({ recordedAs: 'complaint' })
        .expect(200);
      const row = (await audit('iopc')).rows.find((each) => each.reference === demo.reference)!;
      expect(row).toMatchObject({ recordedAs: 'complaint', canRecord: false });
    });
  });

  describe('in a generated world of a few hundred cases', () => {
    let secondArea: TestPerson;
    const quarters: Quarter[] = [
      { year: 2026, number: 1 },
      { year: 2026, number: 2 },
      { year: 2026, number: 3 },
      { year: 2026, number: 4 },
    ];

    beforeAll(async () => {
      const secondAgency = await app.agency('other');
      secondArea = await app.person(['coordinator'], { agencyId: secondAgency });
      const health = await app.agency('health');
      const housing = await app.agency('housing');
      await generateWorld(sql, {
        cases: 320,
        seed: 22,
        forceIds: [agencyIds.get('NMP')!, agencyIds.get('EVC')!],
        referringAgencyIds: [
          agencyIds.get('NMP')!,
          agencyIds.get('NIDVA')!,
          agencyIds.get('NPDU')!,
          agencyIds.get('NCSC')!,
          agencyIds.get('IOPC')!,
          health,
          housing,
        ],
        coordinatorIds: [people.get('coordinator')!.id, secondArea.id],
        chairId: people.get('chair')!.id,
        createdBy: people.get('coordinator')!.id,
        conferenceDays: ['2026-02-12', '2026-05-14', '2026-08-13', '2026-11-12', '2026-11-26'],
        today,
      });
    }, 120_000);

    it('audits exactly the cases SQL counts, with every filter', async () => {
      const nmp = agencyIds.get('NMP')!;
      const psd = await audit('psd');
      expect(psd.rows.length).toBeGreaterThan(100);
      expectAuditToMatch(psd, await auditInSql([nmp]));
      expectAuditToMatch(await audit('iopc'), await auditInSql(null));
      const live = await audit('psd', { standing: 'live' });
      expect(live.rows.every((row) => row.standing === 'live')).toBe(true);
      expect(live.rows.length).toBe(psd.summary.live);
      const finished = await audit('psd', { standing: 'finished' });
      expect(finished.rows.length).toBe(psd.summary.finished);
      expect(finished.rows.every((row) => row.finishedOn! >= finishedSince)).toBe(true);
      const [{ count: suspended }] = await sql.query<{ count: number }[]>(
        `SELECT count(DISTINCT c.id)::int AS count FROM cases c JOIN case_suspects s ON s.case_id = c.id JOIN restrictions r ON r.case_id = c.id
         WHERE s.force_id = $1 AND r.kind = 'recommend_suspension' AND c.referred_on BETWEEN '2026-01-01' AND '2026-06-30'
           AND (c.status NOT IN ('closed','declined') OR EXISTS (SELECT 1 FROM case_status_changes sc
                WHERE sc.case_id = c.id AND sc.to_status IN ('closed','declined') AND sc.changed_at::date >= $2::date))`,
        [nmp, finishedSince],
      );
      const filtered = await audit('psd', {
        restrictionKind: 'recommend_suspension',
        referredFrom: '2026-01-01',
        referredTo: '2026-06-30',
      });
      expect(filtered.rows.length).toBe(suspended);
      expect(suspended).toBeGreaterThan(0);
    });

    it("counts each quarter's return exactly as SQL does, for each area apart", async () => {
      const ncsp = agencyIds.get('NCSP')!;
      for (const quarter of quarters) {
        const view = await maracReturn('coordinator', { quarter: formatQuarter(quarter) });
        expect(view.figures).toEqual(await returnInSql(ncsp, quarter));
      }
      const big = await maracReturn('coordinator', { quarter: '2026-Q4' });
      expect(typeof big.figures!.casesDiscussed).toBe('number');
      expect(big.figures!.casesDiscussed as number).toBeGreaterThan(20);

      const second = await app.bearer(secondArea);
      const theirs = (
        await app.http.get('/api/reports/marac-return').query({ quarter: '2026-Q4' }).set('Authorization', second).expect(200)
      ).body as MaracReturnView;
      expect(theirs.areas.map((area) => area.id)).toEqual([theirs.area!.id]);
      expect(theirs.figures).toEqual(await returnInSql(theirs.area!.id, { year: 2026, number: 4 }));
      await app.http.get('/api/reports/marac-return').query({ areaId: ncsp }).set('Authorization', second).expect(403);
      // The chair of both areas' conferences reads both.
      const chair = await maracReturn('chair', { quarter: '2026-Q4', areaId: theirs.area!.id });
      expect(chair.areas).toHaveLength(2);
      expect(chair.figures).toEqual(theirs.figures);
    });

    it("writes the return's CSV in the return's own column order, and the audit as CSV and PDF", async () => {
      const csv = await app.http
        .get('/api/reports/marac-return')
        .query({ quarter: '2026-Q4', format: 'csv' })
        .set('Authorization', await bearer('coordinator'))
        .expect(200)
        .expect('Content-Type', /text\/csv/);
      const [header, values] = csv.text.trim().split('\r\n');
      expect(header).toMatch(
        /^"MARAC area","Quarter","Number of cases discussed","Number of repeat cases","Number of children in the households"/,
      );
      const view = await maracReturn('coordinator', { quarter: '2026-Q4' });
      expect(header).toBe(view.columns.map((column) => `"${column.label}"`).join(','));
      expect(values).toContain(`"${view.figures!.casesDiscussed}"`);

      const auditCsv = await app.http
        .get('/api/reports/ppda-audit')
        .query({ format: 'csv' })
        .set('Authorization', await bearer('psd'))
        .expect(200);
      const psd = await audit('psd');
      expect(auditCsv.text.trim().split('\r\n')).toHaveLength(psd.rows.length + 1);
      expect(auditCsv.text).toMatch(/"\d\d\/\d\d\/\d{4}"/);
      // Each case in the file is in the access log, as read through a download.
      const [{ count: logged }] = await sql.query<{ count: number }[]>(
        `SELECT count(DISTINCT case_id)::int AS count FROM access_log WHERE viewer_id = $1 AND channel = 'export' AND compartment = 'standards'`,
        [people.get('psd')!.id],
      );
      expect(logged).toBe(psd.rows.length);
      const pdf = await binary('/api/reports/ppda-audit', { format: 'pdf', standing: 'live' }, await bearer('psd')).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = await readCopyText(pdf.body as Buffer, 'audit.pdf');
      expect(text).toContain('OFFICIAL-SENSITIVE');
      const live = await audit('psd', { standing: 'live' });
      for (const row of live.rows.slice(0, 20)) expect(text).toContain(row.reference);
    }, 60_000);
  });

  describe('a professional standards officer linked to the suspect', () => {
    it('finds nothing of the case in the audit, its files or the return: not a row, not a count, not a canary', async () => {
      const canary = `CANARY-REPORTS-${Date.now()}`;
      const [demo] = await sql.query<
        {
          id: string;
          reference: string;
        }[]
      >(`SELECT c.id, c.reference FROM cases c WHERE reference LIKE 'CR-%' ORDER BY reference LIMIT 1`);
      await sql.query(
        `UPDATE case_compartments SET fields = jsonb_set(fields, '{suspect,roleTitle}', to_jsonb($2::text)) WHERE case_id = $1 AND compartment = 'panel'`,
        [demo.id, `${canary}-role`],
      );
      await sql.query(
        `UPDATE case_compartments SET fields = fields || jsonb_build_object('notes', $2::text, 'recordedAs', 'conduct_matter') WHERE case_id = $1 AND compartment = 'standards'`,
        [demo.id, `${canary}-notes`],
      );
      // Same team as the suspect, in professional standards of his force: stepped out of his case.
      const [team] = await sql.query<{ unit_id: string }[]>(`SELECT unit_id FROM users WHERE id = $1`, [people.get('suspect')!.id]);
      const linked = await app.person(['psd'], { agencyId: agencyIds.get('NMP')!, unitId: team.unit_id });
      const authorization = await app.bearer(linked);

      // The test can fail: professional standards not linked to him see the case and the canary.
      const unlinked = await audit('psd');
      expect(unlinked.rows.map((row) => row.reference)).toContain(demo.reference);
      expect(JSON.stringify(unlinked)).toContain(canary);

      const theirs = (await app.http.get('/api/reports/ppda-audit').set('Authorization', authorization).expect(200)).body as PpdaAuditView;
      expect(theirs.summary.cases).toBe(unlinked.summary.cases - 1);
      expect(theirs.summary.recordedAs.conduct_matter).toBe(unlinked.summary.recordedAs.conduct_matter - 1);
      const answers = [
        JSON.stringify(theirs),
        (await app.http.get('/api/reports/ppda-audit').query({ format: 'csv' }).set('Authorization', authorization).expect(200)).text,
        await readCopyText(
          (await binary('/api/reports/ppda-audit', { format: 'pdf' }, authorization).expect(200)).body as Buffer,
          'audit.pdf',
        ),
        (await app.http.get('/api/reports/marac-return').set('Authorization', authorization)).text,
      ];
      for (const answer of answers) {
        expect(answer).not.toContain(canary);
        expect(answer).not.toContain(demo.reference);
        expect(answer).not.toContain(demo.id);
      }
      expect(app.logs.text).not.toContain(canary);
    }, 60_000);
  });
});
