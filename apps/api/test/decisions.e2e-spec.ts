import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import type {
  CaseView,
  CompartmentView,
  ConferenceView,
  DecisionView,
  NotificationView,
  RestrictionRequestView,
  RestrictionView,
} from '@caseroom/contracts';
import { decisionChain, restrictionEventChain, verifyAllChains, verifyChain } from '@caseroom/persistence';
import { testServices } from '@caseroom/testing';
import { DataSource } from 'typeorm';
import { ReminderSweep } from '../src/features/notifications/reminder-sweep';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

const canary = 'CANARY-DECISION-7f3a';

describe('decisions, actions and duty restrictions', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let caseId: string;
  let conference: ConferenceView;
  let agencyOf: (code: string) => string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];
  const others: TestApp[] = [];

  const auth = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    return `Bearer ${tokens.get(key)!}`;
  };
  const as = async (key: string) => {
    const header = await auth(key);
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
    };
  };
  const live = async (key: string, conferenceId = conference.id) => {
    const client = await LiveClient.connect(url, (await auth(key)).slice('Bearer '.length));
    clients.push(client);
    expect(await client.emit('conference.acknowledge', { conferenceId })).toMatchObject({ ok: true });
    return client;
  };
  /** Moves every instance's clock; tokens signed before then have expired, so everyone signs in again. */
  const moveClocks = (to: Date, ...others: TestApp[]) => {
    for (const instance of [app, ...others]) instance.clock.set(to);
    tokens.clear();
  };
  const count = async (table: string) => (await app.get(DataSource).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const schedule = async (chairId: string) => {
    const coordinator = await as('coordinator');
    const scheduled = await coordinator.post('/api/conferences', {
      title: 'Northmoor MARAC',
      scheduledAt: '2026-12-03T10:00:00Z',
      chairId,
      invitedAgencyIds: ['NIDVA', 'NPDU', 'NCSC', 'IOPC'].map(agencyOf),
    });
    expect(scheduled.status).toBe(201);
    const listed = await coordinator.post(`/api/conferences/${scheduled.body.id}/agenda`, { caseId });
    expect(listed.status).toBe(201);
    // The suspect's force, once their case is listed: everyone of it but the suspect.
    expect((await coordinator.post(`/api/conferences/${scheduled.body.id}/invitations`, { agencyIds: [agencyOf('NMP')] })).status).toBe(
      201,
    );
    return listed.body as ConferenceView;
  };
  /** Notices about cases, without those of preparing the conferences (invitations name no case). */
  /** Notices about cases, but exposure alerts (the colleague's refused attempts in these tests raise those; exposure.e2e-spec covers them). */
  const aboutCases = (notices: NotificationView[]) =>
    notices.filter((notice) => notice.caseId !== null && notice.kind !== 'exposure_alert');
  /** What PSD record when applying a restriction that is not a suspension. */
  const record = {
    kinds: ['non_public_facing', 'system_access_restriction'],
    namedSystem: 'Niche RMS safeguarding records',
    decisionMaker: 'Superintendent, professional standards',
    noticeMethod: 'in_writing',
    toldOn: '2026-11-21',
    rationale: 'Access to the victim through police systems.',
    alternatives: 'Suspension: not proportionate while the investigation starts.',
  };
  const decision = (kind: string, more: object = {}) => ({
    kind,
    conferenceId: conference.id,
    rationale: `Access to police systems and the victim's details. ${canary}`,
    positions: [
      { agencyId: agencyOf('NIDVA'), position: 'agree' },
      { agencyId: agencyOf('NPDU'), position: 'abstain', note: 'no contact with the suspect' },
    ],
    ...more,
  });

  beforeAll(async () => {
    app = await TestApp.start({ withRedis: true });
    url = await app.listen();
    people = await app.seedDemoWorld();
    const agencies = (await (await as('coordinator')).get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    caseId = ((await (await as('coordinator')).get('/api/cases')).body as { id: string }[])[0].id;
    conference = await schedule(people.get('chair')!.id);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    // Passport's strategies are process-wide: instances in one test process are stopped together, at the end.
    for (const instance of others) await instance.stop();
    await app.stop();
  });

  describe('bad input', () => {
    it('refuses a decision outside an open conference, and writes nothing', async () => {
      const chair = await as('chair');
      const refused = await chair.post(`/api/cases/${caseId}/decisions`, decision('remove_from_public_protection'));
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('while the conference is open');
      expect(JSON.stringify(refused.body)).not.toContain(canary);
      expect([await count('decisions'), await count('restrictions'), await count('restriction_events')]).toEqual([0, 0, 0]);
    });

    it('refuses someone who is not the chair of the conference', async () => {
      const chairClient = await live('chair');
      expect(await chairClient.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
      expect(await chairClient.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({
        ok: true,
      });
      const byCoordinator = await (await as('coordinator')).post(`/api/cases/${caseId}/decisions`, decision('vetting_review'));
      expect(byCoordinator.status).toBe(403);
      expect(byCoordinator.body.error.message).toBe('Only the chair of this conference can record its decisions and actions.');
      const byPsd = await (await as('psd')).post(`/api/cases/${caseId}/decisions`, decision('vetting_review'));
      expect(byPsd.status).toBe(403);
      expect(await count('decisions')).toBe(0);
    });

    it('refuses a chair who is conflicted on the case, saying so', async () => {
      const deputy = await app.person(['chair'], { agencyId: agencyOf('NCSP') });
      const deputyAuth = await app.bearer(deputy);
      const declared = await app.http
        .post(`/api/cases/${caseId}/conflicts/declaration`)
        .set('Authorization', deputyAuth)
        .send({ kind: 'friend', reason: 'plays in the same team' });
      expect(declared.status).toBe(204);
      const other = await schedule(deputy.id);
      const client = await LiveClient.connect(url, deputyAuth.slice('Bearer '.length));
      clients.push(client);
      await client.emit('conference.acknowledge', { conferenceId: other.id });
      expect(await client.emit('conference.open', { conferenceId: other.id })).toEqual({ ok: true });
      const refused = await app.http
        .post(`/api/cases/${caseId}/decisions`)
        .set('Authorization', deputyAuth)
        .send(decision('recommend_suspension', { conferenceId: other.id }));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain('stepped out of this case');
      expect([await count('decisions'), await count('restrictions')]).toEqual([0, 0]);
    });

    it('refuses positions from agencies outside the case and its conference and a force linked to the suspect, naming the fields', async () => {
      const chair = await as('chair');
      const refused = await chair.post(
        `/api/cases/${caseId}/decisions`,
        decision('investigation_by_another_force', {
          forceId: agencyOf('NMP'),
          positions: [{ agencyId: agencyOf('NCSP'), position: 'agree' }],
        }),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([
        { path: 'body.positions.0.agencyId', message: 'is not an agency of this case or its conference' },
        { path: 'body.forceId', message: 'must be a police force with no recorded link to the suspect' },
      ]);
      const missing = await chair.post(`/api/cases/${caseId}/decisions`, decision('restrict_system_access'));
      expect(missing.status).toBe(400);
      expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'body.systems' })]);
      const candidates = (await chair.get(`/api/cases/${caseId}/candidate-forces`)).body as { code: string }[];
      expect(candidates.map((force) => force.code)).toEqual(['EVC']);
      expect(await count('decisions')).toBe(0);
    });
  });

  describe('recording', () => {
    let restrictionId: string;

    it('shows a decision live to admitted members, never to the colleague stepped out of the case', async () => {
      const idva = await live('idva');
      const colleague = await live('colleague');
      const recorded = await (await as('chair')).post(`/api/cases/${caseId}/decisions`, decision('remove_from_public_protection'));
      expect(recorded.status).toBe(201);
      const view = recorded.body as DecisionView;
      expect(view).toMatchObject({
        kind: 'remove_from_public_protection',
        compartment: 'panel',
        positions: [
          { agencyId: agencyOf('NIDVA'), position: 'agree', note: null },
          { agencyId: agencyOf('NPDU'), position: 'abstain', note: 'no contact with the suspect' },
        ],
        restriction: { status: 'requested', nextReviewOn: null },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      restrictionId = view.restriction!.restrictionId;
      // The chair's own socket is in the room too; the IDVA's is the one that matters.
      const seen = await idva.next<{ decision: DecisionView }>('decision.recorded');
      expect(seen.decision.id).toBe(view.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(colleague.text()).not.toContain(canary);
      expect(colleague.of('decision.recorded')).toEqual([]);
      expect(colleague.of('restriction.status')).toEqual([]);
      expect(app.logs.text).not.toContain(canary);
      const asColleague = await (await as('colleague')).get(`/api/cases/${caseId}/decisions`);
      expect(asColleague.status).toBe(404);
    });

    it("puts a restricting decision in the queue of the suspect's force PSD only, told by reference", async () => {
      const queue = (await (await as('psd')).get('/api/restrictions/queue')).body as RestrictionView[];
      expect(queue).toEqual([expect.objectContaining({ id: restrictionId, status: 'requested', kind: 'remove_from_public_protection' })]);
      const notices = aboutCases((await (await as('psd')).get('/api/me/notifications')).body as NotificationView[]);
      expect(notices).toEqual([expect.objectContaining({ kind: 'restriction_requested', subjectId: restrictionId })]);
      expect(notices[0].message).toMatch(/^A conference has asked for a duty restriction on CR-\d{4}-\d{4}\.$/);
      // The suspect's unit: neither the queue, nor the restriction, nor a hint that it exists.
      expect((await (await as('colleague')).get('/api/restrictions/queue')).status).toBe(403);
      const probe = await (await as('colleague')).get(`/api/restrictions/${restrictionId}`);
      expect(probe.status).toBe(404);
      expect(aboutCases((await (await as('colleague')).get('/api/me/notifications')).body as NotificationView[])).toEqual([]);
      expect((await (await as('iopc')).get(`/api/restrictions/${restrictionId}`)).status).toBe(200);
    });

    it('shows PSD what the conference asked, as far as the policy admits each reader, and the suspect’s unit nothing', async () => {
      const psd = await as('psd');
      const request = await psd.get(`/api/restrictions/${restrictionId}/request`);
      expect(request.status).toBe(200);
      const view = request.body as RestrictionRequestView;
      const panel = (await psd.get(`/api/cases/${caseId}/compartments/panel`)).body as CompartmentView;
      const kinds = [...new Set((panel.fields.allegations as { kind: string }[]).map((allegation) => allegation.kind))];
      expect(kinds.length).toBeGreaterThan(0);
      expect(view).toMatchObject({
        restrictionId,
        conference: { id: conference.id, title: 'Northmoor MARAC', scheduledAt: '2026-12-03T10:00:00.000Z' },
        decision: {
          kind: 'remove_from_public_protection',
          rationale: expect.stringContaining("Access to police systems and the victim's details."),
          positions: [
            { agencyId: agencyOf('NIDVA'), agencyName: 'Northmoor IDVA Service', position: 'agree', note: null },
            {
              agencyId: agencyOf('NPDU'),
              agencyName: 'Northmoor Probation Delivery Unit',
              position: 'abstain',
              note: 'no contact with the suspect',
            },
          ],
          isSuperseded: false,
        },
        panel: { allegationKinds: kinds, riskSummary: panel.fields.risk },
      });
      // Each reader gets the panel's part only where the policy admits them to the panel.
      for (const key of ['iopc', 'chair']) {
        const reader = await as(key);
        const admitted = ((await reader.get(`/api/cases/${caseId}`)).body as CaseView).admitted;
        const seen = (await reader.get(`/api/restrictions/${restrictionId}/request`)).body as RestrictionRequestView;
        expect(seen.panel === null).toBe(!admitted.includes('panel'));
        expect(seen.decision === null).toBe(!admitted.includes('panel'));
      }
      // The suspect's unit: the answer of a restriction that does not exist, byte for byte.
      const probe = await (await as('colleague')).get(`/api/restrictions/${restrictionId}/request`);
      const nothing = await (await as('colleague')).get(`/api/restrictions/${randomUUID()}/request`);
      const withoutRequestId = (text: string) => text.replace(/"requestId":"[^"]+"/, '');
      expect([probe.status, withoutRequestId(probe.text)]).toEqual([404, withoutRequestId(nothing.text)]);
    });

    it('applies with a fitting legal basis, reviews on its clock, and lifts only with a second PSD approval', async () => {
      const psd = await as('psd');
      const wrongBasis = await psd.post(`/api/restrictions/${restrictionId}/apply`, {
        ...record,
        effectiveOn: '2026-11-21',
        conditions: 'Non-public-facing role; no access to safeguarding systems.',
        legalBasis: 'regulation_11_suspension',
        isRedeploymentInappropriate: true,
        regulation11Grounds: ['public_interest'],
      });
      expect(wrongBasis.status).toBe(400);
      expect(wrongBasis.body.error.details).toEqual([{ path: 'body.legalBasis', message: 'regulation 11 is for suspension only' }]);
      const applied = await psd.post(`/api/restrictions/${restrictionId}/apply`, {
        ...record,
        effectiveOn: '2026-11-21',
        conditions: 'Non-public-facing role; no access to safeguarding systems.',
        legalBasis: 'annex_ee_management_restricted_duties',
      });
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({ status: 'applied', nextReviewOn: '2026-12-19', reviewCycle: 'standard' });
      const reviewed = await psd.post(`/api/restrictions/${restrictionId}/review`, { reviewedOn: '2026-12-18', note: 'Still needed.' });
      expect(reviewed.body).toMatchObject({ status: 'applied', nextReviewOn: '2027-01-15' });

      const proposed = await psd.post(`/api/restrictions/${restrictionId}/lift`, {
        liftedOn: '2027-01-10',
        reason: 'Investigation concluded.',
      });
      expect(proposed.body).toMatchObject({ status: 'lift_pending', proposedBy: people.get('psd')!.id });
      const ownApproval = await psd.post(`/api/restrictions/${restrictionId}/approve`);
      expect(ownApproval.status).toBe(403);
      expect(ownApproval.body.error.message).toContain('second person');
      const approved = await (await as('psd2')).post(`/api/restrictions/${restrictionId}/approve`, { note: 'Agreed.' });
      expect(approved.body).toMatchObject({ status: 'lifted', endedOn: '2027-01-10', proposedBy: null });
      const again = await psd.post(`/api/restrictions/${restrictionId}/review`, { reviewedOn: '2027-01-11', note: 'late' });
      expect(again.status).toBe(409);

      const history = (await psd.get(`/api/restrictions/${restrictionId}`)).body as { events: { step: string; byId: string }[] };
      expect(history.events.map((event) => event.step)).toEqual(['requested', 'applied', 'reviewed', 'lift_proposed', 'approved']);
      expect((await verifyAllChains(app.get(DataSource))).every(({ verdict }) => verdict.intact)).toBe(true);
    });

    it('tells the chair and the IOPC when PSD declines a suspension, after a second approval', async () => {
      const recorded = await (await as('chair')).post(`/api/cases/${caseId}/decisions`, decision('recommend_suspension'));
      const id = (recorded.body as DecisionView).restriction!.restrictionId;
      await (await as('psd')).post(`/api/restrictions/${id}/decline`, { reason: 'Redeployment is sufficient.' });
      expect(aboutCases((await (await as('iopc')).get('/api/me/notifications')).body as NotificationView[])).toEqual([]);
      const rejected = await (await as('psd2')).post(`/api/restrictions/${id}/reject`, { note: 'Not yet.' });
      expect(rejected.body).toMatchObject({ status: 'requested' });
      await (await as('psd2')).post(`/api/restrictions/${id}/decline`, { reason: 'Redeployment is sufficient.' });
      const declined = await (await as('psd')).post(`/api/restrictions/${id}/approve`);
      expect(declined.body).toMatchObject({ status: 'declined' });
      for (const key of ['chair', 'iopc']) {
        const notices = (await (await as(key)).get('/api/me/notifications')).body as NotificationView[];
        expect(notices).toContainEqual(expect.objectContaining({ kind: 'restriction_declined', subjectId: id }));
      }
    });

    it('supersedes a decision with a reason and keeps the original', async () => {
      const chair = await as('chair');
      const first = (await chair.post(`/api/cases/${caseId}/decisions`, decision('vetting_review'))).body as DecisionView;
      const correction = await chair.post(`/api/cases/${caseId}/decisions/${first.id}/supersede`, {
        ...decision('refer_to_iopc', { iopcCriteria: ['serious_corruption'] }),
        reason: 'The panel agreed a referral, not a vetting review.',
      });
      expect(correction.status).toBe(201);
      expect(correction.body).toMatchObject({ supersedesId: first.id, details: { iopcCriteria: ['serious_corruption'] } });
      const twice = await chair.post(`/api/cases/${caseId}/decisions/${first.id}/supersede`, {
        ...decision('no_further_action'),
        reason: 'again',
      });
      expect(twice.status).toBe(409);
      const listed = (await chair.get(`/api/cases/${caseId}/decisions`)).body as DecisionView[];
      expect(listed.find((entry) => entry.id === first.id)).toMatchObject({ supersededById: correction.body.id });
    });
  });

  describe('actions', () => {
    it('are recorded by the chair, reported on by the owning agency, and come up at the next conference', async () => {
      const chair = await as('chair');
      const bad = await chair.post(`/api/cases/${caseId}/actions`, {
        conferenceId: conference.id,
        text: 'Check',
        ownerAgencyId: agencyOf('NCSP'),
        dueOn: '2026-12-01',
      });
      expect(bad.status).toBe(400);
      const created = await chair.post(`/api/cases/${caseId}/actions`, {
        conferenceId: conference.id,
        text: `Share the suspect's licence conditions. ${canary}`,
        ownerAgencyId: agencyOf('NPDU'),
        ownerUserId: people.get('probation')!.id,
        dueOn: '2026-11-30',
      });
      expect(created.status).toBe(201);
      // In the victim compartment: PSD may not read it, so it must not count in their audit either.
      const forTheVictim = await chair.post(`/api/cases/${caseId}/actions`, {
        conferenceId: conference.id,
        compartment: 'victim',
        text: 'Review the safety plan with the victim.',
        ownerAgencyId: agencyOf('NIDVA'),
        dueOn: '2026-11-24',
      });
      expect(forTheVictim.status).toBe(201);
      const done = await chair.post(`/api/cases/${caseId}/actions`, {
        conferenceId: conference.id,
        text: 'Refer the children to the school nurse.',
        ownerAgencyId: agencyOf('NCSC'),
        dueOn: '2026-11-25',
      });
      const byOther = await (
        await as('idva')
      ).post(`/api/cases/${caseId}/actions/${done.body.id}/reports`, {
        status: 'done',
        note: 'done',
      });
      expect(byOther.status).toBe(403);
      const report = await (
        await as('csc')
      ).post(`/api/cases/${caseId}/actions/${done.body.id}/reports`, {
        status: 'not_possible',
        note: 'The family moved out of the area.',
      });
      expect(report.body).toMatchObject({ status: 'not_possible', updates: [{ status: 'not_possible' }] });

      const next = await schedule(people.get('chair')!.id);
      const outstanding = (await (await as('probation')).get(`/api/conferences/${next.id}/outstanding-actions`)).body as {
        actions: { id: string }[];
      }[];
      expect(outstanding.flatMap((item) => item.actions.map((action) => action.id))).toEqual([forTheVictim.body.id, created.body.id]);
      const forColleague = await (await as('colleague')).get(`/api/conferences/${next.id}/outstanding-actions`);
      expect(forColleague.body).toEqual([]);
    });
  });

  describe('reminders', () => {
    it('run on exactly one instance at a time, once per due date, and reach the person live', async () => {
      // A second instance on the same database (a server database only: PGlite is one process's).
      if (testServices.postgresUrl)
        others.push(
          await TestApp.start({
            withRedis: true,
            sharedDatabase: app.database,
            sharedSecrets: { jwtSecret: app.jwtSecret, dataKey: app.dataKey },
          }),
        );
      // A restriction in force, reviewed on its clock.
      const recorded = await (await as('chair')).post(`/api/cases/${caseId}/decisions`, decision('no_unsupervised_contact'));
      const id = (recorded.body as DecisionView).restriction!.restrictionId;
      await (
        await as('psd')
      ).post(`/api/restrictions/${id}/apply`, {
        ...record,
        effectiveOn: '2026-11-20',
        conditions: 'No lone working with vulnerable people.',
        legalBasis: 'direction_and_control',
      });
      const probationBefore = ((await (await as('probation')).get('/api/me/notifications')).body as NotificationView[]).length;

      moveClocks(new Date('2026-12-16T09:00:00Z'), ...others);
      const psdSocket = await LiveClient.connect(url, (await auth('psd')).slice('Bearer '.length));
      clients.push(psdSocket);
      const sweepEverywhere = () => Promise.all([app, ...others].map((instance) => instance.get(ReminderSweep).run()));
      const runs = await sweepEverywhere();
      expect(runs.filter((run) => run.ran)).toHaveLength(1);
      expect(runs.find((run) => run.ran)!.raised).toBeGreaterThan(0);
      const again = await sweepEverywhere();
      expect(again.filter((run) => run.ran)).toHaveLength(1);
      expect(again.map((run) => run.raised)).toEqual(again.map(() => 0));

      const dueSoon = await psdSocket.next<NotificationView>('notification', (notice) => notice.kind === 'review_due');
      expect(dueSoon).toMatchObject({ subjectId: id, dueOn: '2026-12-18' });
      const probation = (await (await as('probation')).get('/api/me/notifications')).body as NotificationView[];
      expect(probation.length - probationBefore).toBe(1);
      expect(probation[0]).toMatchObject({ kind: 'action_overdue', dueOn: '2026-11-30' });
      expect(JSON.stringify(probation)).not.toContain(canary);

      moveClocks(new Date('2026-12-20T09:00:00Z'), ...others);
      expect((await sweepEverywhere()).filter((run) => run.ran)).toHaveLength(1);
      const overdue = await psdSocket.next<NotificationView>('notification', (notice) => notice.kind === 'review_overdue');
      expect(overdue.message).toMatch(/overdue \(due 18 December 2026\)/);
    });
  });

  describe('the register', () => {
    it("lists restrictions in force for the force's PSD and the IOPC, and the audit of live cases", async () => {
      const force = agencyOf('NMP');
      const register = (await (await as('psd')).get(`/api/forces/${force}/register`)).body as RestrictionView[];
      expect(register).toEqual([
        expect.objectContaining({
          kind: 'no_unsupervised_contact',
          status: 'applied',
          conditions: 'No lone working with vulnerable people.',
        }),
      ]);
      expect((await (await as('iopc')).get(`/api/forces/${force}/register`)).body).toEqual(
        register.map((line) => ({ ...line, isReviewOverdue: expect.any(Boolean) })),
      );
      expect((await (await as('probation')).get(`/api/forces/${force}/register`)).status).toBe(403);
      const evcPsd = await app.person(['psd'], { agencyId: agencyOf('EVC') });
      expect((await app.http.get(`/api/forces/${force}/register`).set('Authorization', await app.bearer(evcPsd))).status).toBe(403);
      const audit = (await (await as('psd')).get(`/api/forces/${force}/ppda-audit`)).body as { caseId: string; overdueReviews: number }[];
      expect(audit).toEqual([expect.objectContaining({ caseId, overdueReviews: 1, overdueActions: 1 })]);
    });
  });

  const onServer = testServices.postgresUrl ? it : it.skip;
  onServer('names the first altered decision and restriction event (needs TEST_DATABASE_URL)', async () => {
    const superuser = new Client({ connectionString: app.database.url! });
    await superuser.connect();
    try {
      await superuser.query(`SET session_replication_role = replica`);
      await superuser.query(`UPDATE decisions SET rationale = 'nothing to see' WHERE sequence = (SELECT min(sequence) + 1 FROM decisions)`);
      await superuser.query(`UPDATE restriction_events SET detail = '{}' WHERE id = (SELECT min(id) + 1 FROM restriction_events)`);
      const [{ sequence, event }] = (
        await superuser.query(
          `SELECT (SELECT min(sequence) + 1 FROM decisions)::text AS sequence, (SELECT min(id) + 1 FROM restriction_events)::text AS event`,
        )
      ).rows as { sequence: string; event: string }[];
      expect(await verifyChain(app.get(DataSource), decisionChain)).toMatchObject({
        intact: false,
        brokenAt: sequence,
        problem: expect.stringContaining('altered'),
      });
      expect(await verifyChain(app.get(DataSource), restrictionEventChain)).toMatchObject({ intact: false, brokenAt: event });
      await expect(superuser.query(`SET session_replication_role = origin; DELETE FROM decisions`)).rejects.toThrow(/append-only/);
    } finally {
      await superuser.end();
    }
  });
});
