import type { CaseView, CounterAllegationView, TriagePageView } from '@caseroom/contracts';
import { TestApp, type TestPerson } from './support/test-app';

const today = '2026-12-05';

/** An error body, without the request id that differs on every request. */
const withoutRequestId = (body: unknown) => {
  const { error } = body as { error: Record<string, unknown> };
  const { requestId: _requestId, ...rest } = error;
  return rest;
};

/**
 * Counter-allegations (decision 0025): the suspect names the victim as the abuser. Recorded on the
 * original case's panel, never as a case of its own, so that the suspect's colleagues stepped out of
 * the case are stepped out of the counter-allegation too.
 */
describe('counter-allegations', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let agencyOf: (code: string) => string;
  const tokens = new Map<string, string>();
  let original: { id: string; reference: string };

  const as = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, await app.bearer(people.get(key)!));
    const header = tokens.get(key)!;
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
    };
  };

  /** A case registered by the coordinator: `victim` and `suspect` as given. */
  const register = async (key: string, victim: object, suspect: object, summary: string) => {
    const created = await (
      await as(key)
    ).post('/api/cases', {
      referral: {
        ground: 'professional_judgement',
        referredOn: '2026-12-03',
        referringAgencyId: agencyOf('NPDU'),
        concern: 'Escalating contact',
      },
      agencyIds: [agencyOf('NMP'), agencyOf('NIDVA'), agencyOf('NPDU')],
      consent: { isVictimInformed: true, decision: 'given' },
      victim: { pseudonym: 'Client', name: 'Named person', ...victim },
      suspect,
      allegations: [{ date: '2026-12-01', kind: 'stalking_harassment', reportedTo: 'Probation' }],
      summary,
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return created.body as { id: string; reference: string };
  };

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date(`${today}T09:00:00Z`) });
    people = await app.seedDemoWorld();
    const agencies = (await (await as('coordinator')).get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    original = await register(
      'coordinator',
      { name: 'Original victim' },
      { userId: people.get('suspect')!.id, forceId: agencyOf('NMP'), name: 'PC Suspect' },
      'The original allegation.',
    );
    expect((await (await as('coordinator')).post(`/api/cases/${original.id}/triage`, { outcome: 'accepted' })).status).toBe(200);
  });
  afterAll(() => app.stop());

  it("is recorded on the case's panel and listed to the panel's audience only; the suspect's colleagues find no trace", async () => {
    const recorded = await (
      await as('coordinator')
    ).post(`/api/cases/${original.id}/counter-allegations`, {
      receivedOn: '2026-12-03',
      referringAgencyId: agencyOf('NMP'),
      madeBy: { kind: 'suspect' },
      alleged: 'COUNTER-ALLEGATION-MARKER she is the abuser',
      howReceived: 'Telephone call to the coordinator',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ receivedOn: '2026-12-03', madeBy: { kind: 'suspect' }, fromReferralReference: null });

    const listed = await (await as('chair')).get(`/api/cases/${original.id}/counter-allegations`);
    expect(listed.status).toBe(200);
    expect((listed.body as CounterAllegationView[]).map((allegation) => allegation.alleged)).toEqual([
      'COUNTER-ALLEGATION-MARKER she is the abuser',
    ]);
    const view = (await (await as('chair')).get(`/api/cases/${original.id}`)).body as CaseView;
    expect(view.structure?.counterAllegations).toEqual({ count: 1, receivedOn: ['2026-12-03'] });

    // The suspect's colleague, stepped out, and an agency not on the case: the same 404 as no case at all.
    const nowhere = await (await as('colleague')).get('/api/cases/00000000-0000-4000-8000-000000000000/counter-allegations');
    for (const key of ['colleague', 'suspect', 'csc']) {
      const refused = await (await as(key)).get(`/api/cases/${original.id}/counter-allegations`);
      expect(refused.status).toBe(404);
      expect(withoutRequestId(refused.body)).toEqual(withoutRequestId(nowhere.body));
      const write = await (
        await as(key)
      ).post(`/api/cases/${original.id}/counter-allegations`, {
        receivedOn: '2026-12-03',
        referringAgencyId: agencyOf('NMP'),
        madeBy: { kind: 'suspect' },
        alleged: 'x',
        howReceived: 'y',
      });
      expect([403, 404]).toContain(write.status);
      const cases = await (await as(key)).get('/api/cases');
      expect(JSON.stringify(cases.body)).not.toContain(original.reference);
    }
  });

  describe('a referral whose victim is the suspect of an existing case', () => {
    let referral: { id: string; reference: string };

    beforeAll(async () => {
      referral = await register(
        'coordinator',
        { pseudonym: 'Officer', name: 'PC Suspect', employerForceId: agencyOf('NMP'), userId: people.get('suspect')!.id },
        { forceId: agencyOf('NMP'), name: 'Original victim', staffNumber: 'NONE1' },
        'REFERRAL-MARKER she hit me first',
      );
    });

    it('is proposed at triage as a counter-allegation on the case, and recorded there instead of becoming a case', async () => {
      const coordinator = await as('coordinator');
      const page = (await coordinator.get(`/api/triage?reference=${referral.reference}`)).body as TriagePageView;
      expect(page.items.find((row) => row.id === referral.id)?.counterAllegationOf).toContain(original.reference);

      const taken = await coordinator.post(`/api/cases/${referral.id}/triage/counter-allegation`, {
        originalReference: original.reference,
      });
      expect(taken.status).toBe(200);
      expect(taken.body).toEqual({ id: referral.id, reference: referral.reference, status: 'declined' });

      const listed = (await (await as('chair')).get(`/api/cases/${original.id}/counter-allegations`)).body as CounterAllegationView[];
      const fromReferral = listed.find((allegation) => allegation.fromReferralReference === referral.reference)!;
      expect(fromReferral).toMatchObject({ receivedOn: '2026-12-03', referringAgencyId: agencyOf('NPDU'), madeBy: { kind: 'suspect' } });
      expect(fromReferral.alleged).toContain('REFERRAL-MARKER she hit me first');
      // Its content left the declined referral: it lives only on the original case.
      const left = await coordinator.get(`/api/cases/${referral.id}`);
      expect(JSON.stringify(left.body)).not.toContain('REFERRAL-MARKER');
      // Taken in once: a second attempt finds it decided already.
      expect(
        (await coordinator.post(`/api/cases/${referral.id}/triage/counter-allegation`, { originalReference: original.reference })).status,
      ).toBe(409);
    });

    it("is refused, as for a case that does not exist, to a coordinator who may not write the original's panel", async () => {
      const stepped = await app.person(['coordinator'], { agencyId: agencyOf('NCSP'), name: 'Second coordinator' });
      people.set('second-coordinator', stepped);
      const chair = await as('chair');
      expect(
        (
          await chair.post(`/api/cases/${original.id}/conflicts`, {
            userId: stepped.id,
            kind: 'friend',
            reason: 'Knows the suspect',
          })
        ).status,
      ).toBe(204);
      const another = await register(
        'second-coordinator',
        { pseudonym: 'Officer', name: 'PC Suspect', employerForceId: agencyOf('NMP'), userId: people.get('suspect')!.id },
        { forceId: agencyOf('NMP'), name: 'Original victim', staffNumber: 'NONE1' },
        'Another counter-allegation',
      );
      const second = await as('second-coordinator');
      const page = (await second.get(`/api/triage?reference=${another.reference}`)).body as TriagePageView;
      expect(page.items.find((row) => row.id === another.id)?.counterAllegationOf).not.toContain(original.reference);
      const refused = await second.post(`/api/cases/${another.id}/triage/counter-allegation`, { originalReference: original.reference });
      const nowhere = await second.post(`/api/cases/${another.id}/triage/counter-allegation`, { originalReference: 'MARAC-2099-9999' });
      expect(refused.status).toBe(404);
      expect(withoutRequestId(refused.body)).toEqual(withoutRequestId(nowhere.body));
      const still = (await second.get(`/api/cases/${another.id}`)).body as CaseView;
      expect(still.status).toBe('referred');
      const listed = (await (await as('chair')).get(`/api/cases/${original.id}/counter-allegations`)).body as CounterAllegationView[];
      expect(listed.some((allegation) => allegation.alleged.includes('Another counter-allegation'))).toBe(false);
    });
  });
});
