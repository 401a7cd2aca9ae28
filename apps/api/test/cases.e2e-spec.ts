import { PersonRepository, PolicyInputsRepository, UnitRepository } from '@caseroom/persistence';
import { TestApp, type TestPerson } from './support/test-app';

describe('cases and the access policy over HTTP', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let caseId: string;
  const tokens = new Map<string, string>();

  // Each person has proven a second factor in this session: outside a live conference the victim's side asks
  // for one (decision 0029; sso.e2e-spec shows what a stale session receives).
  const as = async (key: string) => {
    if (!tokens.has(key)) {
      const bearer = await app.bearer(people.get(key)!);
      await app.stepUp(people.get(key)!, bearer.slice('Bearer '.length));
      tokens.set(key, bearer);
    }
    return tokens.get(key)!;
  };
  const get = async (key: string, path: string) => app.http.get(path).set('Authorization', await as(key));
  const post = async (key: string, path: string, body: object) =>
    app.http
      .post(path)
      .set('Authorization', await as(key))
      .send(body);
  const patch = async (key: string, path: string, body: object) =>
    app.http
      .patch(path)
      .set('Authorization', await as(key))
      .send(body);
  const strip = (body: { error: { requestId?: string } }) => ({ ...body.error, requestId: undefined });

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-11-21T09:00:00Z') });
    people = await app.seedDemoWorld();
    caseId = (await get('chair', '/api/cases')).body[0].id as string;
  });
  afterAll(() => app.stop());

  describe('reading a case', () => {
    it('gives each person exactly the compartments the policy admits them to', async () => {
      const expected: Record<string, string[]> = {
        chair: ['panel', 'victim', 'investigation', 'standards'],
        coordinator: ['panel', 'victim'],
        idva: ['panel', 'victim'],
        probation: ['panel', 'victim'],
        psd: ['panel', 'standards'],
        investigator: ['investigation'],
        iopc: ['investigation', 'standards'],
      };
      for (const [key, compartments] of Object.entries(expected)) {
        const response = await get(key, `/api/cases/${caseId}`);
        expect(response.status).toBe(200);
        expect(response.body.admitted).toEqual(compartments);
        expect(Object.keys(response.body.compartments).sort()).toEqual([...compartments].sort());
        expect('structure' in response.body).toBe(compartments.includes('panel'));
      }
    });

    it('answers the suspect, a colleague and a line manager exactly as if the case did not exist', async () => {
      const missing = await get('chair', '/api/cases/00000000-0000-4000-8000-000000000000');
      for (const key of ['suspect', 'colleague', 'sergeant', 'inspector', 'police-rep']) {
        const response = await get(key, `/api/cases/${caseId}`);
        expect(response.status).toBe(404);
        expect(strip(response.body)).toEqual(strip(missing.body));
        expect((await get(key, '/api/cases')).body).toEqual([]);
        expect((await get(key, `/api/cases/${caseId}/compartments/panel`)).status).toBe(404);
      }
    });

    it('answers a compartment outside the audience with 404, and an observer writing with 403', async () => {
      expect((await get('psd', `/api/cases/${caseId}/compartments/victim`)).status).toBe(404);
      expect((await get('psd', `/api/cases/${caseId}/compartments/standards`)).status).toBe(200);
      const agencyId = (await get('chair', `/api/cases/${caseId}`)).body.structure.referringAgencyId as string;
      const observer = await app.person(['observer'], { agencyId });
      tokens.set('observer', await app.bearer(observer));
      people.set('observer', observer);
      expect((await get('observer', `/api/cases/${caseId}/compartments/panel`)).status).toBe(200);
      const write = await patch('observer', `/api/cases/${caseId}/compartments/panel/fields`, { summary: 'changed' });
      expect(write.status).toBe(403);
    });

    it('rejects a field that does not belong to the compartment', async () => {
      const response = await patch('chair', `/api/cases/${caseId}/compartments/standards/fields`, { safetyPlan: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ path: 'body', message: expect.stringContaining('safetyPlan') }]);
    });
  });

  describe('writing a case', () => {
    it('lets an admitted person add fields and dated entries to a compartment', async () => {
      const updated = await patch('idva', `/api/cases/${caseId}/compartments/victim/fields`, {
        viewsAndWishes: 'Wants the case heard by another force',
      });
      expect(updated.status).toBe(200);
      expect(updated.body.fields.viewsAndWishes).toBe('Wants the case heard by another force');
      const entry = await post('probation', `/api/cases/${caseId}/compartments/panel/entries`, {
        occurredOn: '2026-11-20',
        text: 'No probation record.',
      });
      expect(entry.status).toBe(201);
      expect(
        (await get('chair', `/api/cases/${caseId}/compartments/panel`)).body.entries.map((item: { text: string }) => item.text),
      ).toContain('No probation record.');
    });

    it('refuses a referral whose grounds do not hold, naming the field', async () => {
      const agencies = (await get('coordinator', '/api/agencies')).body as { id: string; kind: string }[];
      const force = agencies.find((agency) => agency.kind === 'police_force')!;
      const response = await post('coordinator', '/api/cases', {
        referral: { ground: 'visible_high_risk', referredOn: '2026-11-01', referringAgencyId: force.id, dashScore: 9 },
        agencyIds: [force.id],
        victim: { pseudonym: 'Client Z', name: 'Zed' },
        suspect: { forceId: force.id, name: 'Someone', staffNumber: 'X1' },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        { path: 'body.referral.dashScore', message: 'visible high risk needs a DASH score of 14 or more' },
      ]);
      expect(JSON.stringify(response.body)).not.toContain('Zed');
    });

    it('detects a repeat referral about the same victim and suspect within 12 months', async () => {
      const agencies = (await get('coordinator', '/api/agencies')).body as { id: string; code: string }[];
      const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
      const created = await post('coordinator', '/api/cases', {
        referral: {
          ground: 'professional_judgement',
          referredOn: '2026-11-19',
          referringAgencyId: byCode('NIDVA'),
          concern: 'Further incident reported',
        },
        agencyIds: [byCode('NMP'), byCode('NIDVA')],
        victim: { pseudonym: 'Client A2', name: '  jessica   MARLOW ', dateOfBirth: '1991-04-12' },
        suspect: { userId: people.get('suspect')!.id, forceId: byCode('NMP'), name: 'PC Daniel Hart' },
      });
      expect(created.status).toBe(201);
      expect(created.body.reference).toBe('CR-2026-0002');
      const view = await get('chair', `/api/cases/${created.body.id}`);
      expect(view.body.structure).toMatchObject({
        isRepeat: true,
        repeatOfReference: 'CR-2026-0001',
        referralGround: 'professional_judgement',
      });
    });
  });

  describe('conflicts', () => {
    it('steps out a person who declares a link, at once', async () => {
      expect((await get('csc', `/api/cases/${caseId}`)).status).toBe(200);
      const before = await app.get(PolicyInputsRepository).currentVersion();
      expect(
        (await post('csc', `/api/cases/${caseId}/conflicts/declaration`, { kind: 'friend', reason: 'Knows the suspect socially' })).status,
      ).toBe(204);
      expect(BigInt(await app.get(PolicyInputsRepository).currentVersion())).toBeGreaterThan(BigInt(before));
      expect((await get('csc', `/api/cases/${caseId}`)).status).toBe(404);
    });

    it('lets the chair record a conflict on someone else’s behalf', async () => {
      expect((await get('probation', `/api/cases/${caseId}`)).status).toBe(200);
      const recorded = await post('chair', `/api/cases/${caseId}/conflicts`, {
        userId: people.get('probation')!.id,
        kind: 'family',
        reason: 'Cousin of the suspect',
      });
      expect(recorded.status).toBe(204);
      expect((await get('probation', `/api/cases/${caseId}`)).status).toBe(404);
    });

    it('refuses a conflict recorded on someone who has no account, naming the field', async () => {
      const refused = await post('chair', `/api/cases/${caseId}/conflicts`, {
        userId: '00000000-0000-4000-8000-000000000000',
        kind: 'family',
        reason: 'Brother of the suspect',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: 'body.userId', message: 'no such person' }],
      });
    });

    it('lists every conflict with its reason, for the chair only', async () => {
      const list = await get('chair', `/api/cases/${caseId}/conflicts`);
      expect(list.status).toBe(200);
      const reasons = Object.fromEntries(
        (list.body as { name: string; reason: string }[]).map((conflict) => [conflict.name, conflict.reason]),
      );
      expect(reasons).toMatchObject({
        'PC Daniel Hart': 'is-the-suspect',
        'PC Mark Doyle': 'same-unit-as-suspect',
        'Sgt Rachel Moss': 'same-unit-as-suspect',
        'Insp. Owen Price': 'manages-the-suspect',
        'DS Laura Bennett': 'shared-posting',
        'Grace Lindqvist': 'declared',
        'Tom Okafor': 'recorded',
      });
      expect((await get('idva', `/api/cases/${caseId}/conflicts`)).status).toBe(403);
    });

    it('follows changes to organisation data: a line-management change steps an inspector back in', async () => {
      const administrator = await as('admin');
      const sergeant = people.get('sergeant')!;
      const inspectorId = people.get('inspector')!.id;
      expect((await get('inspector', `/api/cases/${caseId}`)).status).toBe(404);
      expect(
        (await app.http.patch(`/api/users/${sergeant.id}`).set('Authorization', administrator).send({ lineManagerId: null })).status,
      ).toBe(200);
      const view = await get('inspector', `/api/cases/${caseId}`);
      expect(view.status).toBe(200);
      expect(view.body.admitted).toEqual(['panel']);
      await app.http.patch(`/api/users/${sergeant.id}`).set('Authorization', administrator).send({ lineManagerId: inspectorId });
      expect((await get('inspector', `/api/cases/${caseId}`)).status).toBe(404);
    });

    it('keeps a colleague moved to another team stepped out while their shared posting is recent', async () => {
      const colleague = people.get('colleague')!;
      const person = (await app.get(PersonRepository).findById(colleague.id))!;
      const otherTeam = (await app.get(UnitRepository).listByAgency(person.agencyId)).find(
        (unit) => unit.name === 'Domestic Abuse Investigation Team',
      )!;
      const administrator = await as('admin');
      expect(
        (
          await app.http
            .patch(`/api/users/${colleague.id}`)
            .set('Authorization', administrator)
            .send({ unitId: otherTeam.id, lineManagerId: null })
        ).status,
      ).toBe(200);
      expect((await get('colleague', `/api/cases/${caseId}`)).status).toBe(404);
    });
  });

  describe('the policy inputs of a case', () => {
    it('follows a suspect without an account through the line manager and postings the case records', async () => {
      const inputs = app.get(PolicyInputsRepository);
      const sergeant = people.get('sergeant')!;
      const unit = (await app.get(PersonRepository).findById(sergeant.id))!.unitId!;
      const withAccount = (await inputs.subject(caseId))!;
      const force = withAccount.suspect.forceId;
      const created = await post('coordinator', '/api/cases', {
        referral: { ground: 'escalation', referredOn: '2026-11-20', referringAgencyId: force, incidentCount: 2 },
        agencyIds: [force],
        victim: { pseudonym: 'Client U1', name: 'Victim U1' },
        suspect: {
          forceId: force,
          lineManagerId: sergeant.id,
          name: 'PC Unlisted',
          staffNumber: 'U100',
          postings: [
            { unitId: unit, startsOn: '2025-02-01', endsOn: null },
            { unitId: unit, startsOn: '2019-01-01', endsOn: '2020-01-01' },
          ],
        },
      });
      expect(created.status).toBe(201);
      const subject = (await inputs.subject(created.body.id as string))!;
      const sergeantsChain = (await inputs.viewer(sergeant.id))!.managerChain;
      expect(subject).toEqual({
        caseId: created.body.id,
        memberAgencyIds: [force],
        investigatingForceId: null,
        suspect: {
          userId: null,
          forceId: force,
          unitId: null,
          managerChain: [sergeant.id, ...sergeantsChain],
          postings: [
            { unitId: unit, startsOn: '2019-01-01', endsOn: '2020-01-01' },
            { unitId: unit, startsOn: '2025-02-01', endsOn: null },
          ],
        },
        victim: null,
        recordedConflicts: [],
      });
      expect(sergeantsChain.length).toBeGreaterThan(0);
      // The sergeant manages this suspect as the case records it: stepped out, as if the case did not exist.
      expect((await get('sergeant', `/api/cases/${created.body.id}`)).status).toBe(404);
      expect((await get('chair', `/api/cases/${created.body.id}`)).status).toBe(200);
    });
  });

  describe('who has seen this case', () => {
    it('lists every read and write with channel, policy version and reason, never content', async () => {
      await get('idva', `/api/cases/${caseId}/compartments/victim`);
      const log = await get('chair', `/api/cases/${caseId}/access-log`);
      expect(log.status).toBe(200);
      const idvaRead = (
        log.body as { viewerName: string; compartment: string; action: string; channel: string; reason: string; policyVersion: string }[]
      ).find((line) => line.viewerName === 'Priya Shah' && line.compartment === 'victim' && line.action === 'read');
      expect(idvaRead).toMatchObject({ channel: 'http', reason: 'speaks for the victim', policyVersion: expect.stringMatching(/^\d+$/) });
      expect(JSON.stringify(log.body)).not.toContain('Jessica');
    });

    it('is open to the chair, PSD of the suspect force and the IOPC, and to nobody else', async () => {
      for (const key of ['chair', 'psd', 'iopc']) expect((await get(key, `/api/cases/${caseId}/access-log`)).status).toBe(200);
      for (const key of ['idva', 'coordinator', 'investigator'])
        expect((await get(key, `/api/cases/${caseId}/access-log`)).status).toBe(403);
      for (const key of ['suspect', 'colleague']) expect((await get(key, `/api/cases/${caseId}/access-log`)).status).toBe(404);
    });
  });
});
