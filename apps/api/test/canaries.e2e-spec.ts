import { compartments, type Compartment } from '@caseroom/domain';
import { Canaries } from '@caseroom/testing';
import { ExplainPolicy } from '../src/features/cases/explain-policy';
import type { RouteEntry } from '../src/edge/route-table';
import { withoutMarks } from '../src/features/minutes/fingerprint';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

/** Routes that would end the caller's own session or change someone's sign-in: exercised elsewhere. */
const destructive = new Set([
  'POST /api/auth/logout',
  'POST /api/users/:userId/sessions/revoke',
  'POST /api/users/:userId/second-factor/reset',
  // Would take the case off the agenda or someone off the invitations before the others had called.
  'DELETE /api/conferences/:conferenceId/agenda/:itemId',
  'DELETE /api/conferences/:conferenceId/invitations/:userId',
  'DELETE /api/referrals/drafts/:draftId',
  // Would withdraw or replace the copies of minutes that the other people then read.
  'POST /api/minutes/copies/:copyId/withdraw',
  'POST /api/minutes/copies/:copyId/reissue',
  'POST /api/me/minutes/:copyId/fresh',
]);

/**
 * Every protected field of a case holds a canary. Every demo person calls every route they can, with
 * real ids and with bad input; no canary may reach anyone the policy did not admit to its
 * compartment, and none may reach the log at all.
 */
describe('canaries in every protected field', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  const canaries = new Canaries();
  let caseId: string;
  let reference: string;
  const ids: Record<string, string> = {};
  let copyIds: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-11-21T09:00:00Z') });
    people = await app.seedDemoWorld();
    const coordinator = await app.bearer(people.get('coordinator')!);
    const chair = await app.bearer(people.get('chair')!);
    const agencies = (await app.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    const agency = (code: string) => agencies.find((candidate) => candidate.code === code)!.id;
    const plant = (compartment: Compartment, field: string) => canaries.plant(compartment, field);

    const created = await app.http
      .post('/api/cases')
      .set('Authorization', coordinator)
      .send({
        referral: {
          ground: 'professional_judgement',
          referredOn: '2026-11-15',
          referringAgencyId: agency('NIDVA'),
          concern: plant('panel', 'concern'),
        },
        agencyIds: [agency('NMP'), agency('NIDVA'), agency('NPDU'), agency('NCSC')],
        investigatingForceId: agency('EVC'),
        consent: {
          isVictimInformed: false,
          decision: 'not_asked',
          reasonWithoutConsent: plant('victim', 'consentReason'),
          isNecessaryAndProportionate: true,
        },
        victim: {
          pseudonym: plant('panel', 'pseudonym'),
          name: plant('victim', 'name'),
          address: plant('victim', 'address'),
          safeContact: {
            method: plant('victim', 'contactMethod'),
            details: plant('victim', 'contactDetails'),
            times: plant('victim', 'contactTimes'),
          },
          children: [
            {
              name: plant('victim', 'childName'),
              school: plant('victim', 'school'),
              childProtectionStatus: plant('victim', 'childStatus'),
            },
          ],
          safetyPlan: plant('victim', 'safetyPlan'),
          employer: plant('victim', 'employer'),
        },
        suspect: {
          userId: people.get('suspect')!.id,
          forceId: agency('NMP'),
          name: plant('panel', 'suspectName'),
          roleTitle: plant('panel', 'suspectRole'),
        },
        allegations: [{ date: '2026-11-10', kind: 'stalking_harassment', reportedTo: plant('panel', 'reportedTo') }],
        summary: plant('panel', 'summary'),
      });
    expect(created.status).toBe(201);
    caseId = created.body.id as string;
    reference = created.body.reference as string;
    const write = (compartment: Compartment, fields: object) =>
      app.http.patch(`/api/cases/${caseId}/compartments/${compartment}/fields`).set('Authorization', chair).send(fields);
    expect((await write('panel', { risk: plant('panel', 'risk') })).status).toBe(200);
    expect((await write('victim', { viewsAndWishes: plant('victim', 'viewsAndWishes') })).status).toBe(200);
    expect(
      (
        await write('investigation', {
          strategy: plant('investigation', 'strategy'),
          criminalReference: plant('investigation', 'crimeRef'),
          misconductReference: plant('investigation', 'misconductRef'),
          attestation: plant('investigation', 'attestation'),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await write('standards', {
          dutyStatus: plant('standards', 'dutyStatus'),
          vettingLevel: plant('standards', 'vetting'),
          notes: plant('standards', 'notes'),
        })
      ).status,
    ).toBe(200);
    for (const compartment of compartments) {
      const entry = await app.http
        .post(`/api/cases/${caseId}/compartments/${compartment}/entries`)
        .set('Authorization', chair)
        .send({ text: plant(compartment, 'entry') });
      expect(entry.status).toBe(201);
    }

    const counterAllegation = await app.http
      .post(`/api/cases/${caseId}/counter-allegations`)
      .set('Authorization', coordinator)
      .send({
        receivedOn: '2026-11-18',
        referringAgencyId: agency('NMP'),
        madeBy: { kind: 'described', description: plant('panel', 'counterAllegationMaker') },
        alleged: plant('panel', 'counterAllegation'),
        howReceived: plant('panel', 'counterAllegationReceived'),
      });
    expect(counterAllegation.status).toBe(201);
    // The victim's side: her IDVA allocated with the coordinator's reason, a contact in the log, and a status
    // PSD released (plain words) with a newer draft of theirs (a canary) not yet released.
    const idvaToken = await app.bearer(people.get('idva')!);
    const psd = await app.bearer(people.get('psd')!);
    const allocated = await app.http
      .post(`/api/cases/${caseId}/idva`)
      .set('Authorization', coordinator)
      .send({ serviceId: agency('NIDVA'), idvaId: people.get('idva')!.id, reason: plant('victim', 'idvaReason') });
    expect(allocated.status).toBe(201);
    const contact = await app.http
      .post(`/api/cases/${caseId}/contacts`)
      .set('Authorization', idvaToken)
      .send({
        contactedOn: '2026-11-20',
        method: 'phone',
        safeContact: plant('victim', 'contactSafe'),
        said: plant('victim', 'contactSaid'),
        agreed: plant('victim', 'contactAgreed'),
      });
    expect(contact.status).toBe(201);
    const released = await app.http
      .post(`/api/cases/${caseId}/victim-status/draft`)
      .set('Authorization', psd)
      .send({ text: 'Professional standards are assessing the referral.' });
    expect(
      (
        await app.http
          .post(`/api/cases/${caseId}/victim-status/release`)
          .set('Authorization', psd)
          .send({ revision: released.body.draft.revision })
      ).status,
    ).toBe(200);
    const unreleased = await app.http
      .post(`/api/cases/${caseId}/victim-status/draft`)
      .set('Authorization', psd)
      .send({ text: plant('standards', 'statusDraft') });
    expect(unreleased.status).toBe(200);

    // Before the meeting: the case accepted, on a conference's agenda, research asked of the invited agencies
    // and returned by one with a note of what it withheld, and a referral half-written by its author.
    const triaged = await app.http.post(`/api/cases/${caseId}/triage`).set('Authorization', coordinator).send({ outcome: 'accepted' });
    expect(triaged.status).toBe(200);
    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Canary MARAC',
        scheduledAt: '2026-11-28T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [agency('NIDVA'), agency('NPDU'), agency('NCSC')],
      });
    expect(scheduled.status).toBe(201);
    ids.conferenceId = scheduled.body.id as string;
    const listed = await app.http.post(`/api/conferences/${ids.conferenceId}/agenda`).set('Authorization', coordinator).send({ caseId });
    expect(listed.status).toBe(201);
    ids.itemId = (listed.body as { agenda: { itemId: string }[] }).agenda[0].itemId;
    expect((await app.http.post(`/api/conferences/${ids.conferenceId}/research`).set('Authorization', coordinator)).status).toBe(200);
    const idva = await app.bearer(people.get('idva')!);
    const asked = (await app.http.get('/api/me/research').set('Authorization', idva)).body as { requestId: string }[];
    ids.requestId = asked[0].requestId;
    const returned = await app.http
      .post(`/api/research/${ids.requestId}/return`)
      .set('Authorization', idva)
      .send({ holdings: { victim: plant('victim', 'research') }, withheld: plant('panel', 'withheld') });
    expect(returned.status).toBe(200);
    const draft = await app.http
      .post('/api/referrals/drafts')
      .set('Authorization', idva)
      .send({ victim: { name: plant('victim', 'draftName') } });
    expect(draft.status).toBe(201);
    ids.draftId = draft.body.id as string;

    ids.agencyId = agency('NMP');
    ids.unitId = (
      (await app.http.get(`/api/agencies/${ids.agencyId}/units`).set('Authorization', coordinator)).body as { id: string }[]
    )[0].id;
    ids.postingId = '00000000-0000-4000-8000-000000000000';

    // After the meeting: the conference held and closed, its minutes drafted with a summary in every
    // compartment, approved and distributed, one copy per invitee.
    const url = await app.listen();
    const chairToken = chair.slice('Bearer '.length);
    const room = await LiveClient.connect(url, chairToken);
    try {
      expect(await room.emit('conference.acknowledge', { conferenceId: ids.conferenceId })).toMatchObject({ ok: true });
      expect(await room.emit('conference.open', { conferenceId: ids.conferenceId })).toEqual({ ok: true });
      expect(await room.emit('agenda.move', { conferenceId: ids.conferenceId, itemId: ids.itemId })).toEqual({ ok: true });
      // A suspension asked for in the standards compartment: PSD's record of it is protected there too.
      const suspension = await app.http
        .post(`/api/cases/${caseId}/decisions`)
        .set('Authorization', chair)
        .send({
          kind: 'recommend_suspension',
          conferenceId: ids.conferenceId,
          compartment: 'standards',
          rationale: plant('standards', 'decisionRationale'),
          positions: [],
        });
      expect(suspension.status).toBe(201);
      ids.restrictionId = suspension.body.restriction.restrictionId as string;
      expect(await room.emit('conference.close', { conferenceId: ids.conferenceId })).toEqual({ ok: true });
    } finally {
      room.close();
    }
    const minutesDraft = await app.http.post(`/api/conferences/${ids.conferenceId}/minutes/draft`).set('Authorization', chair);
    expect(minutesDraft.status).toBe(200);
    const summaries = Object.fromEntries(compartments.map((compartment) => [compartment, plant(compartment, 'minutes')]));
    const summarised = await app.http
      .patch(`/api/conferences/${ids.conferenceId}/minutes/draft`)
      .set('Authorization', chair)
      .send({ revision: minutesDraft.body.draft.revision, items: [{ itemId: ids.itemId, summaries }] });
    expect(summarised.status).toBe(200);
    const approved = await app.http
      .post(`/api/conferences/${ids.conferenceId}/minutes/approve`)
      .set('Authorization', chair)
      .send({ revision: summarised.body.draft.revision });
    expect(approved.status).toBe(200);
    ids.minutesId = approved.body.versions[0].minutesId as string;
    const distributed = await app.http.post(`/api/minutes/${ids.minutesId}/distribute`).set('Authorization', coordinator);
    expect(distributed.status).toBe(200);
    copyIds = (distributed.body.copies as { copyId: string }[]).map((copy) => copy.copyId);
    expect(copyIds.length).toBeGreaterThan(3);
    // Proposed by one PSD officer, so its whole record waits on the restriction for the second.
    const proposed = await app.http
      .post(`/api/restrictions/${ids.restrictionId}/apply`)
      .set('Authorization', await app.bearer(people.get('psd')!))
      .send({
        kinds: ['suspension', 'system_access_restriction', 'other'],
        namedSystem: plant('standards', 'namedSystem'),
        otherKind: plant('standards', 'otherKind'),
        effectiveOn: '2026-11-21',
        conditions: plant('standards', 'restrictionConditions'),
        legalBasis: 'regulation_11_suspension',
        isRedeploymentInappropriate: true,
        regulation11Grounds: ['public_interest'],
        decisionMaker: plant('standards', 'decisionMaker'),
        noticeMethod: 'orally_then_in_writing',
        toldOn: '2026-11-21',
        rationale: plant('standards', 'restrictionRationale'),
        alternatives: plant('standards', 'alternatives'),
        representations: plant('standards', 'representations'),
        arrestFor: 'sexual_offence',
        presumptionRebutted: plant('standards', 'presumptionRebutted'),
      });
    expect(proposed.status).toBe(200);
  });
  afterAll(() => app.stop());

  /** Every way to fill a route's path: each compartment, the person's own id and the suspect's. */
  function paths(route: RouteEntry, self: string): string[] {
    let results = [route.path];
    const fill = (name: string, values: string[]) => {
      results = results.flatMap((path) => (path.includes(`:${name}`) ? values.map((value) => path.replace(`:${name}`, value)) : [path]));
    };
    fill('caseId', [caseId]);
    fill('compartment', [...compartments]);
    fill('userId', [self, people.get('suspect')!.id]);
    fill('agencyId', [ids.agencyId]);
    fill('unitId', [ids.unitId]);
    fill('postingId', [ids.postingId]);
    fill('conferenceId', [ids.conferenceId]);
    fill('itemId', [ids.itemId]);
    fill('requestId', [ids.requestId]);
    fill('draftId', [ids.draftId]);
    fill('forceId', [ids.agencyId]);
    fill('minutesId', [ids.minutesId]);
    fill('copyId', copyIds);
    fill('restrictionId', [ids.restrictionId]);
    // A copy as a file: the HTML document, which is text like the other answers. A report: the screen's JSON and its CSV
    // (its PDF is read back as text in reports.e2e-spec.ts).
    return results.flatMap((path) =>
      path.endsWith('/file') ? [`${path}?format=html`] : path.startsWith('/api/reports/') ? [path, `${path}?format=csv`] : [path],
    );
  }

  it('reach nobody the policy did not admit, through any route, and never the log', async () => {
    const explanation = await app.get(ExplainPolicy).execute(reference, '2026-11-21');
    const routes = app.caseroom.routes.filter((route) => !destructive.has(`${route.method} ${route.path}`));
    let calls = 0;
    const leaks: string[] = [];
    for (const [key, person] of people) {
      const row = explanation.rows.find((candidate) => candidate.email === person.email)!;
      const denied = compartments.filter((compartment) => !row.decisions[compartment].admitted);
      const authorization = await app.bearer(person);
      const seen: string[] = [];
      for (const route of routes) {
        for (const path of paths(route, person.id)) {
          const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
          const bodies = route.method === 'GET' ? [undefined] : [{ unexpected: true }, {}];
          for (const body of bodies) {
            const response = await app.http[method](path).set('Authorization', authorization).send(body);
            calls += 1;
            // Read with a copy's fingerprint (look-alike letters) taken back to plain Latin.
            const text = withoutMarks(`${response.status} ${response.text}`);
            seen.push(text);
            for (const canary of canaries.foundIn(text, denied)) leaks.push(`${key} ${route.method} ${path}: ${canary}`);
          }
        }
      }
      // The test must be able to fail: whoever is admitted does receive the canaries.
      const admitted = compartments.filter((compartment) => row.decisions[compartment].admitted);
      for (const compartment of admitted) expect(canaries.foundIn(seen.join('\n'), [compartment]).length).toBeGreaterThan(0);
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(500);
    expect(canaries.anyIn(app.logs.text)).toBe(false);
    // Every person calls every route: the sweep grows with the routes, so it has more time than one request would need.
  }, 240_000);

  it('leave no trace of the case for whoever is stepped out of it: not its reference, on any route they may read', async () => {
    const explanation = await app.get(ExplainPolicy).execute(reference, '2026-11-21');
    const steppedOut = [...people].filter(([, person]) => {
      const row = explanation.rows.find((candidate) => candidate.email === person.email)!;
      return compartments.every((compartment) => !row.decisions[compartment].admitted);
    });
    expect(steppedOut.map(([key]) => key)).toContain('suspect');
    const reads = app.caseroom.routes.filter((route) => route.method === 'GET');
    const traces: string[] = [];
    for (const [key, person] of steppedOut) {
      const authorization = await app.bearer(person);
      for (const route of reads)
        for (const path of paths(route, person.id)) {
          const response = await app.http.get(path).set('Authorization', authorization);
          if (withoutMarks(response.text).includes(reference)) traces.push(`${key} GET ${path}`);
        }
      // Their search for the case's exact reference answers what a search for one that does not exist answers.
      const search = (term: string) => app.http.get('/api/triage').query({ reference: term }).set('Authorization', authorization);
      // Byte for byte, but for the id every answer carries of its own request.
      const answer = async (term: string) => {
        const response = await search(term);
        return `${response.status} ${response.text.replace(/"requestId":"[^"]+"/, '"requestId":"…"')}`;
      };
      if ((await answer(reference)) !== (await answer('CR-2026-9999'))) traces.push(`${key} search ${reference}`);
    }
    // The test can fail: the coordinator, admitted, finds the reference on these same routes.
    const coordinator = await app.bearer(people.get('coordinator')!);
    const found = await app.http.get('/api/triage').query({ reference }).set('Authorization', coordinator);
    expect(found.text).toContain(reference);
    expect(traces).toEqual([]);
  });

  it('covers people admitted and denied alike', async () => {
    const explanation = await app.get(ExplainPolicy).execute(reference, '2026-11-21');
    const admittedCounts = explanation.rows.map((row) => compartments.filter((compartment) => row.decisions[compartment].admitted).length);
    expect(admittedCounts).toContain(0);
    expect(admittedCounts).toContain(4);
  });
});
