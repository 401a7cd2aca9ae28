import type {
  ActionView,
  ConferenceView,
  NotificationView,
  ReferralInput,
  RiskAssessmentView,
  TriagePageView,
  WorkforceMemberView,
} from '@caseroom/contracts';
import { dashQuestionIds, type DashAnswer, type DashQuestionId } from '@caseroom/domain';
import { rolesGrant } from '@caseroom/policy';
import { DataSource } from 'typeorm';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

/** Answers with `yes` to the first `yes` questions and the rest no or not known. */
const answers = (yes: number): Record<DashQuestionId, DashAnswer> =>
  Object.fromEntries(dashQuestionIds.map((id, index) => [id, index < yes ? 'yes' : index % 2 === 0 ? 'no' : 'not_known'])) as Record<
    DashQuestionId,
    DashAnswer
  >;

/**
 * Referral and triage: a member of a referring agency writes a referral (kept on the server as a draft
 * only they read), submits it with the whole DASH checklist, and the coordinator triages it; the case
 * then moves from referred to closed by its own rules.
 */
describe('referral and triage', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let agencyOf: (code: string) => string;
  let suspectUnit: string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];

  const auth = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, await app.bearer(people.get(key)!));
    return tokens.get(key)!;
  };
  const as = async (key: string) => {
    const header = await auth(key);
    return {
      get: (path: string, query: Record<string, string> = {}) => app.http.get(path).query(query).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
      patch: (path: string, body: object) => app.http.patch(path).set('Authorization', header).send(body),
      delete: (path: string) => app.http.delete(path).set('Authorization', header),
    };
  };
  const addPerson = async (key: string, roles: Parameters<TestApp['person']>[0], setup: Parameters<TestApp['person']>[1]) => {
    people.set(key, await app.person(roles, setup));
  };
  const notices = async (key: string) => (await (await as(key)).get('/api/me/notifications')).body as NotificationView[];
  const triage = async (key: string, query: Record<string, string> = {}) => {
    const response = await (await as(key)).get('/api/triage', query);
    expect(response.status).toBe(200);
    return response.body as TriagePageView;
  };
  const rowOf = async (reference: string) => (await triage('coordinator', { reference })).items.find((row) => row.reference === reference)!;

  /** A whole referral by the IDVA about the demo suspect, picked from his force's records. */
  const referral = (overrides: { victim?: Partial<ReferralInput['victim']>; referral?: Partial<ReferralInput['referral']> } = {}) =>
    ({
      referral: {
        ground: 'visible_high_risk',
        referredOn: '2026-11-20',
        referringAgencyId: agencyOf('NIDVA'),
        dashAnswers: answers(15),
        ...overrides.referral,
      },
      agencyIds: [agencyOf('NMP'), agencyOf('NPDU')],
      consent: { isVictimInformed: true, decision: 'given' },
      victim: {
        pseudonym: 'Client R',
        name: 'Rhiannon Vale',
        dateOfBirth: '1988-02-14',
        children: [{ name: 'Child R1', dateOfBirth: '2019-06-01', school: 'Fenwick Infants', childProtectionStatus: 'Child in need' }],
        ...overrides.victim,
      },
      suspect: { userId: people.get('suspect')!.id, forceId: agencyOf('NMP'), isPublicProtection: false },
      summary: 'Victim reports threats made after she left.',
    }) satisfies ReferralInput;

  const submit = async (key: string, body: object) => {
    const response = await (await as(key)).post('/api/referrals', body);
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string; status: string };
  };

  beforeAll(async () => {
    app = await TestApp.start({ withRedis: true, clockStart: new Date('2026-11-21T09:00:00Z') });
    url = await app.listen();
    people = await app.seedDemoWorld();
    const agencies = (await (await as('coordinator')).get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    suspectUnit = (
      await app.get(DataSource).query<{ unit_id: string }[]>(`SELECT unit_id FROM users WHERE id = $1`, [people.get('suspect')!.id])
    )[0].unit_id;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  describe('who may refer', () => {
    it('lets members of a referring agency refer, for their own agency only', async () => {
      expect(rolesGrant(['member'], 'case.create')).toBe(true);
      expect(rolesGrant(['idva'], 'case.create')).toBe(true);
      expect(rolesGrant(['observer'], 'case.create')).toBe(false);
      const submitted = await submit('probation', referral({ referral: { referringAgencyId: agencyOf('NPDU') } }));
      expect(submitted).toMatchObject({ reference: expect.stringMatching(/^CR-2026-\d{4}$/), status: 'referred' });

      const forAnother = await (await as('probation')).post('/api/referrals', referral());
      expect(forAnother.status).toBe(400);
      expect(forAnother.body.error.details).toEqual([{ path: 'body.referral.referringAgencyId', message: 'must be your own agency' }]);
      expect(JSON.stringify(forAnother.body)).not.toContain('Rhiannon');

      await addPerson('observer', ['observer'], { agencyId: agencyOf('NIDVA') });
      for (const key of ['observer', 'admin']) expect((await (await as(key)).post('/api/referrals', referral())).status).toBe(403);
    });

    it('lets the coordinator refer on behalf of any agency', async () => {
      const submitted = await submit('coordinator', referral({ referral: { referringAgencyId: agencyOf('NPDU') } }));
      expect(submitted.status).toBe('referred');
    });
  });

  describe('drafts', () => {
    let draftId: string;

    it('keeps a half-written referral on the server, for its author alone', async () => {
      const idva = await as('idva');
      const started = await idva.post('/api/referrals/drafts', {
        referral: { referredOn: '2026-11-2', dashAnswers: { current_injury: 'yes', weapons: null } },
        victim: { pseudonym: 'Client D', name: 'Dora Keane' },
      });
      expect(started.status).toBe(201);
      draftId = started.body.id as string;
      expect(started.body).toMatchObject({ victimPseudonym: 'Client D', referredOn: '2026-11-2' });

      const saved = await idva.patch(`/api/referrals/drafts/${draftId}`, {
        referral: { referredOn: '2026-11-21', dashAnswers: { current_injury: 'yes', weapons: 'no' } },
        victim: { pseudonym: 'Client D', name: 'Dora Keane', children: [{ name: 'Child D1' }] },
        suspect: { forceId: agencyOf('NMP'), userId: '' },
      });
      expect(saved.status).toBe(200);
      const read = await idva.get(`/api/referrals/drafts/${draftId}`);
      expect(read.body.content).toEqual({
        referral: { referredOn: '2026-11-21', dashAnswers: { current_injury: 'yes', weapons: 'no' } },
        victim: { pseudonym: 'Client D', name: 'Dora Keane', children: [{ name: 'Child D1' }] },
        suspect: { forceId: agencyOf('NMP'), userId: '' },
      });
      expect(((await idva.get('/api/referrals/drafts')).body as { id: string }[]).map((draft) => draft.id)).toEqual([draftId]);

      const missing = await idva.get('/api/referrals/drafts/00000000-0000-4000-8000-000000000000');
      for (const key of ['probation', 'coordinator', 'chair']) {
        const other = await as(key);
        const response = await other.get(`/api/referrals/drafts/${draftId}`);
        expect(response.status).toBe(404);
        expect({ ...response.body.error, requestId: undefined }).toEqual({ ...missing.body.error, requestId: undefined });
        expect(JSON.stringify((await other.get('/api/referrals/drafts')).body)).not.toContain(draftId);
        expect((await other.patch(`/api/referrals/drafts/${draftId}`, { summary: 'taken over' })).status).toBe(404);
        expect((await other.delete(`/api/referrals/drafts/${draftId}`)).status).toBe(404);
        expect((await other.post(`/api/referrals/drafts/${draftId}/submission`, referral())).status).toBe(404);
      }
      expect((await idva.get(`/api/referrals/drafts/${draftId}`)).body.content.summary).toBeUndefined();
      expect(app.logs.text).not.toContain('Dora Keane');
    });

    it('refuses a draft field that the referral does not have, naming it', async () => {
      const refused = await (await as('idva')).patch(`/api/referrals/drafts/${draftId}`, { victim: { favouriteColour: 'red' } });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.error.details)).toContain('favouriteColour');
    });

    it('checks a submitted draft in full, then turns it into a referred case and deletes it', async () => {
      const idva = await as('idva');
      const incomplete = await idva.post(`/api/referrals/drafts/${draftId}/submission`, {
        ...referral({ victim: { name: 'Dora Keane', pseudonym: 'Client D' } }),
        referral: { ground: 'visible_high_risk', referredOn: '2026-11-21', referringAgencyId: agencyOf('NIDVA'), dashAnswers: answers(15) },
        consent: { isVictimInformed: false, decision: 'refused' },
      });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.error.details).toEqual(
        expect.arrayContaining([
          { path: 'body.consent.decision', message: 'a victim who was not told of the referral was not asked' },
          { path: 'body.consent.reasonWithoutConsent', message: 'without consent, record why sharing is necessary and proportionate' },
          {
            path: 'body.consent.isNecessaryAndProportionate',
            message: 'without consent, confirm that sharing is necessary and proportionate',
          },
        ]),
      );
      expect((await idva.get(`/api/referrals/drafts/${draftId}`)).status).toBe(200);

      const withoutConsent = {
        ...referral({ victim: { name: 'Dora Keane', pseudonym: 'Client D', dateOfBirth: null } }),
        consent: {
          isVictimInformed: false,
          decision: 'not_asked',
          reasonWithoutConsent: 'Telling her now would put her at risk.',
          isNecessaryAndProportionate: true,
        },
      };
      const submitted = await idva.post(`/api/referrals/drafts/${draftId}/submission`, withoutConsent);
      expect(submitted.status).toBe(201);
      expect(submitted.body).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^CR-2026-/), status: 'referred' });
      expect((await idva.get(`/api/referrals/drafts/${draftId}`)).status).toBe(404);
      expect((await idva.get('/api/referrals/drafts')).body).toEqual([]);
      const again = await idva.post(`/api/referrals/drafts/${draftId}/submission`, withoutConsent);
      expect(again.status).toBe(404);
      const victim = (await (await as('chair')).get(`/api/cases/${submitted.body.id as string}/compartments/victim`)).body;
      expect(victim.fields.consent).toEqual(withoutConsent.consent);
    });

    it('deletes a draft its author no longer wants', async () => {
      const idva = await as('idva');
      const started = await idva.post('/api/referrals/drafts', { summary: 'not needed after all' });
      expect((await idva.delete(`/api/referrals/drafts/${started.body.id as string}`)).status).toBe(204);
      expect((await idva.get(`/api/referrals/drafts/${started.body.id as string}`)).status).toBe(404);
    });
  });

  describe('the referral', () => {
    let caseId: string;
    let reference: string;

    it('stores every DASH answer with the score, the assessor and the time, and tells the coordinators by reference only', async () => {
      // A coordinator in the suspect's own team is stepped out of his cases: told of nothing.
      await addPerson('teamCoordinator', ['coordinator'], { agencyId: agencyOf('NMP'), unitId: suspectUnit });
      const before = (await notices('teamCoordinator')).length;
      ({ id: caseId, reference } = await submit('idva', referral({ referral: { dashAnswers: answers(16) } })));

      const [assessment] = (await (await as('chair')).get(`/api/cases/${caseId}/risk-assessments`)).body as RiskAssessmentView[];
      expect(assessment).toEqual({
        id: expect.any(String),
        compartment: 'panel',
        tool: 'dash_ric',
        answers: answers(16),
        score: 16,
        threshold: 14,
        assessedBy: { id: people.get('idva')!.id, name: 'Priya Shah' },
        assessedAt: '2026-11-21T09:00:00.000Z',
      });
      const panel = (await (await as('chair')).get(`/api/cases/${caseId}/compartments/panel`)).body;
      expect(panel.fields.referral).toEqual({ dashScore: 16, concern: null, incidentCount: null });

      const told = (await notices('coordinator')).find((notice) => notice.caseId === caseId)!;
      expect(told).toMatchObject({ kind: 'referral_submitted', message: `Referral ${reference} waits for triage.`, subjectId: caseId });
      expect((await notices('teamCoordinator')).length).toBe(before);
      expect((await notices('idva')).some((notice) => notice.caseId === caseId)).toBe(false);
    });

    it('lets only the panel compartment’s audience read the answers, and logs each read', async () => {
      for (const key of ['chair', 'coordinator', 'idva', 'probation', 'psd'])
        expect((await (await as(key)).get(`/api/cases/${caseId}/risk-assessments`)).status).toBe(200);
      const missing = await (await as('chair')).get('/api/cases/00000000-0000-4000-8000-000000000000/risk-assessments');
      for (const key of ['suspect', 'colleague', 'sergeant', 'csc', 'investigator']) {
        const response = await (await as(key)).get(`/api/cases/${caseId}/risk-assessments`);
        expect(response.status).toBe(404);
        expect(JSON.stringify(response.body)).not.toContain('not_known');
        if (['suspect', 'colleague', 'sergeant'].includes(key))
          expect({ ...response.body.error, requestId: undefined }).toEqual({ ...missing.body.error, requestId: undefined });
      }
      const log = (await (await as('chair')).get(`/api/cases/${caseId}/access-log`)).body as {
        viewerName: string;
        compartment: string;
        action: string;
      }[];
      expect(log).toContainEqual(expect.objectContaining({ viewerName: 'Tom Okafor', compartment: 'panel', action: 'read' }));
    });

    it('takes the suspect’s unit, line manager and rank from the force’s records', async () => {
      const found = await (await as('idva')).get('/api/referrals/workforce', { forceId: agencyOf('NMP'), search: 'hart' });
      expect(found.status).toBe(200);
      expect(found.body as WorkforceMemberView[]).toEqual([
        {
          id: people.get('suspect')!.id,
          name: 'PC Daniel Hart',
          forceId: agencyOf('NMP'),
          rank: 'Police Constable',
          staffNumber: 'NM5521',
          unit: { id: suspectUnit, name: 'Response Team B, Northmoor Central' },
          roleTitle: 'Response officer',
          lineManager: { id: people.get('sergeant')!.id, name: 'Sgt Rachel Moss' },
          postings: [
            { unitName: 'Safeguarding Hub', roleTitle: 'Safeguarding officer', startsOn: '2020-02-01', endsOn: '2024-01-31' },
            { unitName: 'Response Team B, Northmoor Central', roleTitle: 'Response officer', startsOn: '2024-02-01', endsOn: null },
          ],
        },
      ]);
      const byNumber = (await (await as('idva')).get('/api/referrals/workforce', { forceId: agencyOf('NMP'), search: 'NM55' })).body;
      expect(byNumber.map((person: WorkforceMemberView) => person.name)).toEqual(['PC Daniel Hart']);
      const panel = (await (await as('chair')).get(`/api/cases/${caseId}/compartments/panel`)).body;
      expect(panel.fields.suspect).toEqual({
        name: 'PC Daniel Hart',
        rank: 'Police Constable',
        staffNumber: 'NM5521',
        roleTitle: 'Response officer',
      });
      // Conflicts follow from the records: his team and his line manager are stepped out.
      for (const key of ['colleague', 'sergeant']) expect((await (await as(key)).get(`/api/cases/${caseId}`)).status).toBe(404);

      const notAForce = await (await as('idva')).get('/api/referrals/workforce', { forceId: agencyOf('NIDVA'), search: 'hart' });
      expect(notAForce.status).toBe(400);
      expect(notAForce.body.error.details).toEqual([{ path: 'query.forceId', message: 'must be a police force' }]);
      const tooShort = await (await as('idva')).get('/api/referrals/workforce', { forceId: agencyOf('NMP'), search: 'h' });
      expect(tooShort.body.error.details).toEqual([{ path: 'query.search', message: 'type at least 2 characters' }]);
    });

    it('refuses what does not hold together, naming each field, never quoting it', async () => {
      const idva = await as('idva');
      const refusals: [object, { path: string; message: string }[]][] = [
        [
          referral({ referral: { dashAnswers: answers(13) } }),
          [{ path: 'body.referral.dashAnswers', message: 'visible high risk needs a DASH score of 14 or more' }],
        ],
        [
          { ...referral(), suspect: { forceId: agencyOf('EVC'), isPublicProtection: true } },
          [{ path: 'body.suspect.userId', message: "pick the suspect from their force's records, or type their name and staff number" }],
        ],
        [
          { ...referral(), suspect: { forceId: agencyOf('EVC'), name: 'DC Unnumbered' } },
          [{ path: 'body.suspect.staffNumber', message: 'give the staff number when the suspect has no account' }],
        ],
        [
          { ...referral(), suspect: { userId: people.get('suspect')!.id, forceId: agencyOf('EVC') } },
          [{ path: 'body.suspect.userId', message: 'must be a person in the suspect force' }],
        ],
        [
          referral({ victim: { employerForceId: agencyOf('NIDVA') } }),
          [{ path: 'body.victim.employerForceId', message: 'must be a police force' }],
        ],
        [
          referral({ referral: { ground: 'escalation', incidentCount: null } }),
          [{ path: 'body.referral.incidentCount', message: 'escalation needs the number of incidents' }],
        ],
      ];
      for (const [body, details] of refusals) {
        const refused = await idva.post('/api/referrals', body);
        expect(refused.status).toBe(400);
        expect(refused.body.error.details).toEqual(details);
        expect(JSON.stringify(refused.body)).not.toContain('Rhiannon');
      }
      const missingAnswer = referral();
      delete (missingAnswer.referral.dashAnswers as Partial<Record<DashQuestionId, DashAnswer>>).weapons;
      expect((await idva.post('/api/referrals', missingAnswer)).body.error.details).toEqual([
        { path: 'body.referral.dashAnswers.weapons', message: 'answer yes, no or not known' },
      ]);
    });

    it('keeps the victim’s employer force with the case, and the typed details of a suspect without an account', async () => {
      const { id } = await submit(
        'idva',
        referral({
          victim: { name: 'Hollis Grey', employer: 'Eastvale Constabulary, control room', employerForceId: agencyOf('EVC') },
          referral: { ground: 'professional_judgement', concern: 'Threats through a colleague', dashAnswers: answers(6) },
        }),
      );
      const stored = await app
        .get(DataSource)
        .query<{ victim_employer_force_id: string }[]>(`SELECT victim_employer_force_id FROM cases WHERE id = $1`, [id]);
      expect(stored[0].victim_employer_force_id).toBe(agencyOf('EVC'));
      const victim = (await (await as('chair')).get(`/api/cases/${id}/compartments/victim`)).body;
      expect(victim.fields).toMatchObject({ employer: 'Eastvale Constabulary, control room', employerForceId: agencyOf('EVC') });
      expect(victim.fields.children).toHaveLength(1);

      const typed = await submit('idva', {
        ...referral(),
        suspect: {
          forceId: agencyOf('EVC'),
          name: 'DC Unlisted',
          staffNumber: 'EV9001',
          rank: 'Detective Constable',
          isPublicProtection: true,
        },
      });
      const view = (await (await as('chair')).get(`/api/cases/${typed.id}`)).body;
      expect(view.structure.suspect).toEqual({ forceId: agencyOf('EVC'), unitId: null, isPublicProtection: true });
      expect(view.compartments.panel.fields.suspect).toMatchObject({ name: 'DC Unlisted', staffNumber: 'EV9001' });
    });

    it('keeps POST /api/cases as it was for callers that send a score without answers', async () => {
      const created = await (
        await as('coordinator')
      ).post('/api/cases', {
        referral: { ground: 'visible_high_risk', referredOn: '2026-11-19', referringAgencyId: agencyOf('NPDU'), dashScore: 14 },
        agencyIds: [agencyOf('NMP')],
        victim: { pseudonym: 'Client S', name: 'Sam Rowe' },
        suspect: { forceId: agencyOf('EVC'), name: 'PC Other', staffNumber: 'EV1' },
      });
      expect(created.status).toBe(201);
      expect((await (await as('chair')).get(`/api/cases/${created.body.id as string}/risk-assessments`)).body).toEqual([]);
      const withBoth = await (
        await as('coordinator')
      ).post('/api/cases', {
        referral: {
          ground: 'visible_high_risk',
          referredOn: '2026-11-19',
          referringAgencyId: agencyOf('NPDU'),
          dashScore: 20,
          dashAnswers: answers(15),
        },
        agencyIds: [agencyOf('NMP')],
        victim: { pseudonym: 'Client S', name: 'Sam Rowe' },
        suspect: { forceId: agencyOf('EVC'), name: 'PC Other', staffNumber: 'EV1' },
      });
      expect(withBoth.body.error.details).toEqual([
        { path: 'body.referral.dashScore', message: 'must be the number of yes answers (15), or left out' },
      ]);
    });
  });

  describe('triage', () => {
    it('flags a second referral of the same victim about the same suspect as a repeat of the first', async () => {
      const first = await submit('idva', referral({ victim: { name: 'Morwenna Pike', dateOfBirth: '1990-09-09' } }));
      const second = await submit(
        'probation',
        referral({
          victim: { name: '  MORWENNA pike ', dateOfBirth: '1990-09-09', pseudonym: 'Client M' },
          referral: { referringAgencyId: agencyOf('NPDU'), referredOn: '2026-11-21' },
        }),
      );
      expect(await rowOf(second.reference)).toMatchObject({ isRepeat: true, repeatOfReference: first.reference, status: 'referred' });
      expect(await rowOf(first.reference)).toMatchObject({ isRepeat: false, repeatOfReference: null });
    });

    it('filters by reference, status, referral date, referring agency, suspect’s force and repeat, newest first, 20 to a page', async () => {
      for (let index = 0; index < 22; index += 1) {
        await submit(
          'coordinator',
          referral({
            victim: { name: `Paged Victim ${index}`, pseudonym: `Client P${index}` },
            referral: {
              referringAgencyId: agencyOf(index % 2 === 0 ? 'NIDVA' : 'NPDU'),
              referredOn: `2026-10-${String(index + 1).padStart(2, '0')}`,
            },
          }),
        );
      }
      const first = await triage('coordinator', { referredFrom: '2026-10-01', referredTo: '2026-10-22' });
      expect(first).toMatchObject({ total: 22, page: 1, pageSize: 20 });
      expect(first.items).toHaveLength(20);
      const dates = first.items.map((row) => row.referredOn);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(dates[0]).toBe('2026-10-22');
      const second = await triage('coordinator', { referredFrom: '2026-10-01', referredTo: '2026-10-22', page: '2' });
      expect(second.items.map((row) => row.referredOn)).toEqual(['2026-10-02', '2026-10-01']);
      const oldest = await triage('coordinator', { referredFrom: '2026-10-01', referredTo: '2026-10-22', sort: 'oldest' });
      expect(oldest.items[0].referredOn).toBe('2026-10-01');

      const byAgency = await triage('coordinator', {
        referredFrom: '2026-10-01',
        referredTo: '2026-10-22',
        referringAgencyId: agencyOf('NPDU'),
      });
      expect(byAgency.total).toBe(11);
      expect(new Set(byAgency.items.map((row) => row.referringAgencyId))).toEqual(new Set([agencyOf('NPDU')]));

      const evc = await triage('coordinator', { suspectForceId: agencyOf('EVC') });
      expect(evc.total).toBeGreaterThan(0);
      expect(evc.items.every((row) => row.suspectForceId === agencyOf('EVC'))).toBe(true);
      const repeats = await triage('coordinator', { isRepeat: 'true' });
      expect(repeats.items.length).toBeGreaterThan(0);
      expect(repeats.items.every((row) => row.isRepeat)).toBe(true);
      expect((await triage('coordinator', { status: 'accepted' })).items.map((row) => row.reference)).toEqual(['CR-2026-0001']);
      const exact = await triage('coordinator', { reference: 'CR-2026-0001' });
      expect(exact.items).toEqual([
        expect.objectContaining({ reference: 'CR-2026-0001', dashScore: 17, referralGround: 'visible_high_risk', isRepeat: false }),
      ]);
      expect(await triage('coordinator', { reference: '%' })).toMatchObject({ total: 0, items: [] });

      const bad = await (await as('coordinator')).get('/api/triage', { status: 'lost', referredFrom: '2026-13-01', page: '0' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
        'query.page',
        'query.referredFrom',
        'query.status',
      ]);
    });

    it('leaves no trace of a case for a stepped-out person: their search for its reference answers as for one that does not exist', async () => {
      const demo = 'CR-2026-0001';
      for (const key of ['colleague', 'teamCoordinator', 'sergeant', 'suspect']) {
        const viewer = await as(key);
        const real = await viewer.get('/api/triage', { reference: demo });
        const none = await viewer.get('/api/triage', { reference: 'CR-2026-9999' });
        expect(real.status).toBe(200);
        expect(real.text).toBe(none.text);
        expect(JSON.parse(real.text)).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });

        const everything = (await viewer.get('/api/triage')).body as TriagePageView;
        expect(JSON.stringify(everything)).not.toContain(demo);
        const pages = Math.max(1, Math.ceil(everything.total / everything.pageSize));
        let listed = everything.items.length;
        for (let page = 2; page <= pages; page += 1)
          listed += ((await viewer.get('/api/triage', { page: String(page) })).body as TriagePageView).items.length;
        expect(listed).toBe(everything.total);
      }
      // The team coordinator sees the cases about another force's officer, and none of the demo suspect's.
      const others = await triage('teamCoordinator', { suspectForceId: agencyOf('EVC') });
      expect(others.total).toBeGreaterThan(0);
      expect((await triage('teamCoordinator', { suspectForceId: agencyOf('NMP') })).total).toBe(0);
    });

    it('accepts a referral, or declines it only with the reason, and tells the referrer the outcome only', async () => {
      const coordinator = await as('coordinator');
      const kept = await submit('idva', referral({ victim: { name: 'Accepted Victim' } }));
      const turnedDown = await submit('idva', referral({ victim: { name: 'Declined Victim' } }));

      const withoutReason = await coordinator.post(`/api/cases/${turnedDown.id}/triage`, { outcome: 'declined' });
      expect(withoutReason.status).toBe(400);
      expect(withoutReason.body.error.details).toEqual([{ path: 'body.reason', message: 'give the reason for declining' }]);
      expect((await (await as('idva')).post(`/api/cases/${turnedDown.id}/triage`, { outcome: 'accepted' })).status).toBe(403);
      expect((await (await as('colleague')).post(`/api/cases/${turnedDown.id}/triage`, { outcome: 'accepted' })).status).toBe(403);
      const stepped = await (await as('teamCoordinator')).post(`/api/cases/${turnedDown.id}/triage`, { outcome: 'accepted' });
      expect(stepped.status).toBe(404);

      const declined = await coordinator.post(`/api/cases/${turnedDown.id}/triage`, {
        outcome: 'declined',
        reason: 'Below threshold once the IDVA rechecked the answers.',
      });
      expect(declined.status).toBe(200);
      expect(declined.body).toEqual({ id: turnedDown.id, reference: turnedDown.reference, status: 'declined' });
      const accepted = await coordinator.post(`/api/cases/${kept.id}/triage`, { outcome: 'accepted' });
      expect(accepted.body.status).toBe('accepted');

      const again = await coordinator.post(`/api/cases/${kept.id}/triage`, { outcome: 'declined', reason: 'changed my mind' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toBe('Only a referral waiting for triage can be declined; this case is accepted.');

      const told = (await notices('idva')).filter((notice) => notice.kind === 'referral_decided');
      expect(told.map((notice) => notice.message).sort()).toEqual(
        [`Referral ${kept.reference} was accepted.`, `Referral ${turnedDown.reference} was declined.`].sort(),
      );
      expect(JSON.stringify(told)).not.toContain('rechecked');
      const trail = await app
        .get(DataSource)
        .query<{ to_status: string; reason: string | null; changed_by: string }[]>(
          `SELECT to_status, reason, changed_by FROM case_status_changes WHERE case_id = $1`,
          [turnedDown.id],
        );
      expect(trail).toEqual([
        {
          to_status: 'declined',
          reason: 'Below threshold once the IDVA rechecked the answers.',
          changed_by: people.get('coordinator')!.id,
        },
      ]);
    });
  });

  describe('the way of a case from listing to closure', () => {
    it('is listed only once accepted, heard when its item ends, open while actions are, and closed when the coordinator confirms', async () => {
      const coordinator = await as('coordinator');
      const withAction = await submit('idva', referral({ victim: { name: 'Journey Victim One' } }));
      const withoutAction = await submit('idva', referral({ victim: { name: 'Journey Victim Two' } }));
      const declined = await submit('idva', referral({ victim: { name: 'Journey Victim Three' } }));
      const scheduled = await coordinator.post('/api/conferences', {
        title: 'Journey MARAC',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [agencyOf('NIDVA'), agencyOf('NPDU')],
      });
      const conferenceId = scheduled.body.id as string;

      const notYet = await coordinator.post(`/api/conferences/${conferenceId}/agenda`, { caseId: withAction.id });
      expect(notYet.status).toBe(409);
      expect(notYet.body.error.message).toBe('The referral has not been accepted yet: accept it at triage before listing it.');
      await coordinator.post(`/api/cases/${declined.id}/triage`, { outcome: 'declined', reason: 'Duplicate of another referral' });
      expect((await coordinator.post(`/api/conferences/${conferenceId}/agenda`, { caseId: declined.id })).status).toBe(409);

      for (const { id } of [withAction, withoutAction]) {
        expect((await coordinator.post(`/api/cases/${id}/triage`, { outcome: 'accepted' })).status).toBe(200);
        expect((await coordinator.post(`/api/conferences/${conferenceId}/agenda`, { caseId: id })).status).toBe(201);
      }
      expect((await rowOf(withAction.reference)).status).toBe('listed');
      const closeTooSoon = await coordinator.post(`/api/cases/${withAction.id}/closure`);
      expect(closeTooSoon.status).toBe(409);
      expect(closeTooSoon.body.error.message).toBe('Only a heard case can be closed; this case is listed.');

      const conference = (await coordinator.get(`/api/conferences/${conferenceId}`)).body as ConferenceView;
      const itemOf = (caseId: string) => conference.agenda.find((item) => item.caseId === caseId)!.itemId;
      const chair = await LiveClient.connect(url, (await auth('chair')).slice('Bearer '.length));
      clients.push(chair);
      expect(await chair.emit('conference.acknowledge', { conferenceId })).toMatchObject({ ok: true });
      expect(await chair.emit('conference.open', { conferenceId })).toEqual({ ok: true });
      expect(await chair.emit('agenda.move', { conferenceId, itemId: itemOf(withAction.id) })).toEqual({ ok: true });
      const action = await (
        await as('chair')
      ).post(`/api/cases/${withAction.id}/actions`, {
        conferenceId,
        compartment: 'panel',
        text: 'Safety plan reviewed with the victim',
        ownerAgencyId: agencyOf('NIDVA'),
        dueOn: '2026-12-20',
      });
      expect(action.status).toBe(201);
      expect((await rowOf(withAction.reference)).status).toBe('listed');

      // The chair moves past the item: its case is heard, with an action open.
      expect(await chair.emit('agenda.move', { conferenceId, itemId: itemOf(withoutAction.id) })).toEqual({ ok: true });
      expect((await rowOf(withAction.reference)).status).toBe('actions_open');
      expect((await rowOf(withoutAction.reference)).status).toBe('listed');
      // Back to the first item: the second is heard, with nothing agreed; then back to the second, where an
      // action is agreed after all: its actions are open.
      expect(await chair.emit('agenda.move', { conferenceId, itemId: itemOf(withAction.id) })).toEqual({ ok: true });
      expect((await rowOf(withoutAction.reference)).status).toBe('heard');
      expect(await chair.emit('agenda.move', { conferenceId, itemId: itemOf(withoutAction.id) })).toEqual({ ok: true });
      const late = await (
        await as('chair')
      ).post(`/api/cases/${withoutAction.id}/actions`, {
        conferenceId,
        compartment: 'panel',
        text: 'Refer to the housing panel',
        ownerAgencyId: agencyOf('NPDU'),
        dueOn: '2026-12-20',
      });
      expect(late.status).toBe(201);
      expect((await rowOf(withoutAction.reference)).status).toBe('actions_open');
      // The conference closes: the item then current ends too, and a case heard already stays as it is.
      expect(await chair.emit('conference.close', { conferenceId })).toEqual({ ok: true });
      expect((await rowOf(withoutAction.reference)).status).toBe('actions_open');

      const stillOpen = await coordinator.post(`/api/cases/${withAction.id}/closure`);
      expect(stillOpen.status).toBe(409);
      expect(stillOpen.body.error.message).toBe('One action is still open: the case is closed once every action is done.');
      expect((await (await as('idva')).post(`/api/cases/${withoutAction.id}/closure`)).status).toBe(403);

      const done = await (
        await as('idva')
      ).post(`/api/cases/${withAction.id}/actions/${(action.body as ActionView).id}/reports`, {
        status: 'done',
        note: 'Reviewed on 4 December',
      });
      expect(done.status).toBe(201);
      const lateDone = await (
        await as('probation')
      ).post(`/api/cases/${withoutAction.id}/actions/${(late.body as ActionView).id}/reports`, {
        status: 'done',
        note: 'Referred on 5 December',
      });
      expect(lateDone.status).toBe(201);
      for (const { id, reference } of [withAction, withoutAction]) {
        const closed = await coordinator.post(`/api/cases/${id}/closure`);
        expect(closed.status).toBe(200);
        expect(closed.body).toEqual({ id, reference, status: 'closed' });
      }
      expect((await coordinator.post(`/api/conferences/${conferenceId}/agenda`, { caseId: withAction.id })).status).toBe(409);
      const trail = await app
        .get(DataSource)
        .query<{ from_status: string; to_status: string }[]>(
          `SELECT from_status, to_status FROM case_status_changes WHERE case_id = $1 ORDER BY changed_at, id`,
          [withAction.id],
        );
      expect(trail.map((move) => `${move.from_status}->${move.to_status}`)).toEqual([
        'referred->accepted',
        'accepted->listed',
        'listed->actions_open',
        'actions_open->closed',
      ]);
    });
  });
});
