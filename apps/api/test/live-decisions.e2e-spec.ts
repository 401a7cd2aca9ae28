import { Client } from 'pg';
import type {
  ActionView,
  ConferenceView,
  DecisionView,
  NotificationView,
  OutstandingActionsView,
  RestrictionView,
} from '@caseroom/contracts';
import { PersonRepository, verifyAllChains } from '@caseroom/persistence';
import { testServices } from '@caseroom/testing';
import { DataSource } from 'typeorm';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

const canary = 'CANARY-LIVE-DECISION-51c2';
type Detail = { restriction: RestrictionView; events: { step: string }[] };
const victimCanary = 'CANARY-VICTIM-ACTION-9d04';

/**
 * The chair records decisions and actions on the live channel, with the checks of REST; superseding a
 * restricting decision withdraws or flags its restriction; the next conference starts with the
 * outstanding actions, each member seeing only their own part.
 */
describe('decisions and actions on the live channel', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let caseId: string;
  let conference: ConferenceView;
  let agencyOf: (code: string) => string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];
  const sockets = new Map<string, LiveClient>();

  const token = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    return tokens.get(key)!;
  };
  const as = async (key: string) => {
    const header = `Bearer ${await token(key)}`;
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
    };
  };
  /** One socket per person, joined to the conference. */
  const live = async (key: string, conferenceId = conference.id) => {
    const client = sockets.get(key) ?? (await LiveClient.connect(url, await token(key)));
    if (!sockets.has(key)) {
      clients.push(client);
      sockets.set(key, client);
    }
    expect(await client.emit('conference.acknowledge', { conferenceId })).toMatchObject({ ok: true });
    return client;
  };
  const count = async (table: string) => (await app.get(DataSource).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const schedule = async () => {
    const coordinator = await as('coordinator');
    const scheduled = await coordinator.post('/api/conferences', {
      title: 'Northmoor MARAC',
      scheduledAt: '2026-12-03T10:00:00Z',
      chairId: people.get('chair')!.id,
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
  const decision = (kind: string, more: object = {}) => ({
    kind,
    conferenceId: conference.id,
    rationale: `Contact with the victim through work. ${canary}`,
    positions: [{ agencyId: agencyOf('NIDVA'), position: 'agree' }],
    ...more,
  });
  const record = async (kind: string, more: object = {}) => {
    const ack = await sockets.get('chair')!.emit<DecisionView>('decision.record', { caseId, decision: decision(kind, more) });
    expect(ack).toMatchObject({ ok: true });
    return (ack as { data: DecisionView }).data;
  };

  beforeAll(async () => {
    app = await TestApp.start({ withRedis: true });
    url = await app.listen();
    people = await app.seedDemoWorld();
    const agencies = (await (await as('coordinator')).get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    caseId = ((await (await as('coordinator')).get('/api/cases')).body as { id: string }[])[0].id;
    conference = await schedule();
    const chair = await live('chair');
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  describe('recording', () => {
    it('refuses over the socket what REST refuses, with the same errors, and writes nothing', async () => {
      const chair = sockets.get('chair')!;
      expect(await chair.emit('decision.record', { caseId, decision: { ...decision('vetting_review'), rationale: '' } })).toEqual({
        ok: false,
        code: 'VALIDATION_FAILED',
        message: 'The decision.record payload is not valid.',
      });
      expect(await chair.emit('decision.record', { caseId, decision: decision('restrict_system_access') })).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
      });
      expect(
        await chair.emit('decision.record', {
          caseId,
          decision: decision('investigation_by_another_force', { forceId: agencyOf('NMP') }),
        }),
      ).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: 'The decision is not valid.' });
      // A coordinator holds the permission but is not this conference's chair; a member holds neither.
      const coordinator = await LiveClient.connect(url, await token('coordinator'));
      clients.push(coordinator);
      expect(await coordinator.emit('decision.record', { caseId, decision: decision('vetting_review') })).toEqual({
        ok: false,
        code: 'FORBIDDEN',
        message: 'Only the chair of this conference can record its decisions and actions.',
      });
      const probation = await live('probation');
      expect(await probation.emit('decision.record', { caseId, decision: decision('vetting_review') })).toEqual({
        ok: false,
        code: 'FORBIDDEN',
        message: 'You do not have permission to do this.',
      });
      expect(
        await probation.emit('action.record', {
          caseId,
          action: { conferenceId: conference.id, text: 'x', ownerAgencyId: agencyOf('NPDU'), dueOn: '2026-12-01' },
        }),
      ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect([await count('decisions'), await count('restrictions'), await count('case_actions')]).toEqual([0, 0, 0]);
    });

    it('records a decision, shown live only to admitted members and logged as a socket write', async () => {
      const idva = await live('idva');
      const colleague = await live('colleague');
      const view = await record('remove_from_public_protection');
      expect(view).toMatchObject({
        caseId,
        kind: 'remove_from_public_protection',
        compartment: 'panel',
        restriction: { status: 'requested' },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect((await idva.next<{ decision: DecisionView }>('decision.recorded')).decision.id).toBe(view.id);
      const listed = (await (await as('idva')).get(`/api/cases/${caseId}/decisions`)).body as DecisionView[];
      expect(listed).toEqual([expect.objectContaining({ id: view.id, rationale: view.rationale })]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(colleague.text()).not.toContain(canary);
      expect(colleague.of('restriction.status')).toEqual([]);
      expect(app.logs.text).not.toContain(canary);
      const writes = await app
        .get(DataSource)
        .query<{ channel: string }[]>(`SELECT channel FROM access_log WHERE viewer_id = $1 AND action = 'write'`, [
          people.get('chair')!.id,
        ]);
      expect(writes).toEqual([{ channel: 'socket' }]);
    });
  });

  describe('superseding a restricting decision', () => {
    it('withdraws a request PSD has not applied, with an event in the chained record', async () => {
      const restricting = await record('management_restricted_duties');
      const restrictionId = restricting.restriction!.restrictionId;
      // PSD has begun to decline it: the request waits for a second person.
      const proposed = await (await as('psd')).post(`/api/restrictions/${restrictionId}/decline`, { reason: 'Not proportionate.' });
      expect(proposed.body).toMatchObject({ status: 'decline_pending' });
      const idva = sockets.get('idva')!;
      const colleague = sockets.get('colleague')!;

      const ack = await sockets.get('chair')!.emit<DecisionView>('decision.supersede', {
        caseId,
        decisionId: restricting.id,
        decision: { ...decision('vetting_review'), reason: 'The panel agreed a vetting review instead.' },
      });
      expect(ack).toMatchObject({ ok: true, data: { supersedesId: restricting.id, restriction: null } });

      const psd = await as('psd');
      const { restriction, events } = (await psd.get(`/api/restrictions/${restrictionId}`)).body as Detail;
      expect(restriction).toMatchObject({ status: 'withdrawn', proposedBy: null });
      expect(events.map((event) => event.step)).toEqual(['requested', 'decline_proposed', 'withdrawn']);
      const queue = (await psd.get('/api/restrictions/queue')).body as RestrictionView[];
      expect(queue.map((entry) => entry.id)).not.toContain(restrictionId);
      const approve = await (await as('psd2')).post(`/api/restrictions/${restrictionId}/approve`);
      expect(approve.status).toBe(409);
      await idva.next<{ restriction: { restrictionId: string; status: string } }>(
        'restriction.status',
        ({ restriction: status }) => status.restrictionId === restrictionId && status.status === 'withdrawn',
      );
      expect(colleague.of('restriction.status')).toEqual([]);
      expect((await verifyAllChains(app.get(DataSource))).every(({ verdict }) => verdict.intact)).toBe(true);
    });

    it('keeps a restriction in force and asks its force PSD, and no one else, to review it', async () => {
      // PSD of another force, and a PSD officer of the suspect's force who has left: neither is asked.
      const otherForcePsd = await app.person(['psd'], { agencyId: agencyOf('EVC') });
      const departedPsd = await app.person(['psd'], { agencyId: agencyOf('NMP') });
      await app.get(PersonRepository).update(departedPsd.id, { isActive: false });
      const restricting = await record('no_unsupervised_contact');
      const restrictionId = restricting.restriction!.restrictionId;
      const applied = await (
        await as('psd')
      ).post(`/api/restrictions/${restrictionId}/apply`, {
        kinds: ['no_lone_working_with_vulnerable_people'],
        decisionMaker: 'Superintendent, professional standards',
        noticeMethod: 'in_writing',
        toldOn: '2026-11-21',
        rationale: 'Contact with vulnerable people while the allegation is investigated.',
        alternatives: 'Redeployment considered.',
        effectiveOn: '2026-11-21',
        conditions: 'No lone working with vulnerable people.',
        legalBasis: 'direction_and_control',
      });
      expect(applied.body).toMatchObject({ status: 'applied' });

      const ack = await sockets.get('chair')!.emit('decision.supersede', {
        caseId,
        decisionId: restricting.id,
        decision: { ...decision('no_further_action'), reason: 'The allegation was withdrawn.' },
      });
      expect(ack).toMatchObject({ ok: true });

      const { restriction, events } = (await (await as('psd')).get(`/api/restrictions/${restrictionId}`)).body as Detail;
      expect(restriction).toMatchObject({ status: 'applied', endedOn: null });
      expect(events.map((event) => event.step)).toEqual(['requested', 'applied']);
      for (const key of ['psd', 'psd2']) {
        const notices = (await (await as(key)).get('/api/me/notifications')).body as NotificationView[];
        const review = notices.filter((notice) => notice.kind === 'restriction_basis_superseded');
        expect(review).toEqual([expect.objectContaining({ subjectId: restrictionId, caseId })]);
        expect(review[0].message).toMatch(/^The conference decision behind a duty restriction on CR-\d{4}-\d{4} was superseded/);
      }
      for (const key of ['colleague', 'idva', 'iopc', 'chair']) {
        const notices = (await (await as(key)).get('/api/me/notifications')).body as NotificationView[];
        expect(notices.filter((notice) => notice.kind === 'restriction_basis_superseded')).toEqual([]);
      }
      const otherForceNotices = await app.http.get('/api/me/notifications').set('Authorization', await app.bearer(otherForcePsd));
      expect(otherForceNotices.body).toEqual([]);
      const stored = await app
        .get(DataSource)
        .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = ANY($1::uuid[])`, [
          [otherForcePsd.id, departedPsd.id],
        ]);
      expect(stored).toEqual([{ n: 0 }]);
    });
  });

  const onServer = testServices.postgresUrl ? it : it.skip;
  onServer(
    'writes a decision, its restriction request and its access-log row together, or none of them (needs TEST_DATABASE_URL)',
    async () => {
      const before = [await count('decisions'), await count('restrictions'), await count('restriction_events'), await count('access_log')];
      const superuser = new Client({ connectionString: app.database.url! });
      await superuser.connect();
      try {
        // The access log refuses the chair's next write: the decision before it must not survive alone.
        await superuser.query(
          `ALTER TABLE access_log ADD CONSTRAINT refuse_chair_writes CHECK (action <> 'write' OR viewer_id <> '${people.get('chair')!.id}') NOT VALID`,
        );
        const ack = await sockets.get('chair')!.emit('decision.record', { caseId, decision: decision('recommend_suspension') });
        expect(ack).toMatchObject({ ok: false, code: 'INTERNAL' });
      } finally {
        await superuser.query(`ALTER TABLE access_log DROP CONSTRAINT IF EXISTS refuse_chair_writes`);
        await superuser.end();
      }
      expect([await count('decisions'), await count('restrictions'), await count('restriction_events'), await count('access_log')]).toEqual(
        before,
      );
      expect(app.logs.text).not.toContain(canary);
    },
  );

  describe('actions', () => {
    let panelAction: ActionView;
    let victimAction: ActionView;

    it('are recorded by the chair and reported on by the owning agency over the socket', async () => {
      const chair = sockets.get('chair')!;
      const bad = await chair.emit('action.record', {
        caseId,
        action: { conferenceId: conference.id, text: 'Check', ownerAgencyId: agencyOf('NCSP'), dueOn: '2026-12-01' },
      });
      expect(bad).toEqual({ ok: false, code: 'VALIDATION_FAILED', message: 'The action is not valid.' });
      const panel = await chair.emit<ActionView>('action.record', {
        caseId,
        action: {
          conferenceId: conference.id,
          text: `Share the suspect's licence conditions. ${canary}`,
          ownerAgencyId: agencyOf('NPDU'),
          ownerUserId: people.get('probation')!.id,
          dueOn: '2026-11-30',
        },
      });
      expect(panel).toMatchObject({ ok: true, data: { status: 'open', compartment: 'panel' } });
      panelAction = (panel as { data: ActionView }).data;
      const victim = await chair.emit<ActionView>('action.record', {
        caseId,
        action: {
          conferenceId: conference.id,
          compartment: 'victim',
          text: `Review the safety plan with the victim. ${victimCanary}`,
          ownerAgencyId: agencyOf('NIDVA'),
          dueOn: '2026-11-24',
        },
      });
      expect(victim).toMatchObject({ ok: true });
      victimAction = (victim as { data: ActionView }).data;

      const byOther = await sockets.get('idva')!.emit('action.report', {
        caseId,
        actionId: panelAction.id,
        report: { status: 'done', note: 'done' },
      });
      expect(byOther).toEqual({
        ok: false,
        code: 'FORBIDDEN',
        message: 'Only the owning agency, the chair or the coordinator can report on this action.',
      });
      const report = await sockets.get('probation')!.emit('action.report', {
        caseId,
        actionId: panelAction.id,
        report: { status: 'open', note: 'Asked the offender manager; waiting.' },
      });
      expect(report).toMatchObject({ ok: true, data: { status: 'open', updates: [{ status: 'open' }] } });
      expect(
        await sockets.get('probation')!.emit('action.report', { caseId, actionId: panelAction.id, report: { status: 'later' } }),
      ).toEqual({
        ok: false,
        code: 'VALIDATION_FAILED',
        message: 'The action.report payload is not valid.',
      });
    });

    onServer('records an action or a report and its access-log row together, or neither (needs TEST_DATABASE_URL)', async () => {
      const before = [await count('case_actions'), await count('action_updates'), await count('access_log')];
      const superuser = new Client({ connectionString: app.database.url! });
      await superuser.connect();
      try {
        // The access log refuses the next writes of the chair and of probation: neither the action nor the report may survive alone.
        const refused = [people.get('chair')!.id, people.get('probation')!.id].map((id) => `'${id}'`).join(', ');
        await superuser.query(
          `ALTER TABLE access_log ADD CONSTRAINT refuse_action_writes CHECK (action <> 'write' OR viewer_id NOT IN (${refused})) NOT VALID`,
        );
        const recorded = await sockets.get('chair')!.emit('action.record', {
          caseId,
          action: { conferenceId: conference.id, text: `Never kept. ${canary}`, ownerAgencyId: agencyOf('NPDU'), dueOn: '2026-12-01' },
        });
        expect(recorded).toMatchObject({ ok: false, code: 'INTERNAL' });
        const reported = await sockets.get('probation')!.emit('action.report', {
          caseId,
          actionId: panelAction.id,
          report: { status: 'done', note: `Never kept. ${canary}` },
        });
        expect(reported).toMatchObject({ ok: false, code: 'INTERNAL' });
      } finally {
        await superuser.query(`ALTER TABLE access_log DROP CONSTRAINT IF EXISTS refuse_action_writes`);
        await superuser.end();
      }
      expect([await count('case_actions'), await count('action_updates'), await count('access_log')]).toEqual(before);
      const stillOpen = await sockets.get('chair')!.emit<ActionView>('action.report', {
        caseId,
        actionId: panelAction.id,
        report: { status: 'open', note: 'Chased.' },
      });
      expect(stillOpen).toMatchObject({ ok: true, data: { status: 'open' } });
      expect(app.logs.text).not.toContain(canary);
    });

    it('come up when the next conference opens, to each member only as far as the policy admits them', async () => {
      const next = await schedule();
      const members = new Map<string, LiveClient>();
      for (const key of ['probation', 'psd', 'colleague', 'idva']) members.set(key, await live(key, next.id));
      const framesBefore = new Map([...members].map(([key, client]) => [key, client.frames.length]));
      // A socket that has not joined the conference is handed nothing.
      const outsider = await LiveClient.connect(url, await token('csc'));
      clients.push(outsider);
      expect(await outsider.emit('actions.outstanding', { conferenceId: next.id })).toMatchObject({ ok: false, code: 'CONFLICT' });

      await live('chair', next.id);
      expect(await sockets.get('chair')!.emit('conference.open', { conferenceId: next.id })).toEqual({ ok: true });

      const outstanding = new Map<string, OutstandingActionsView[]>();
      for (const [key, client] of members) {
        // The signal to the room carries the conference's id and nothing else.
        expect(await client.next('conference.opened')).toEqual({ conferenceId: next.id });
        const ack = await client.emit<OutstandingActionsView[]>('actions.outstanding', { conferenceId: next.id });
        expect(ack.ok).toBe(true);
        outstanding.set(key, (ack as { data: OutstandingActionsView[] }).data);
      }
      const ids = (key: string) => outstanding.get(key)!.flatMap((item) => item.actions.map((action) => action.id));
      expect(ids('probation')).toEqual([victimAction.id, panelAction.id]);
      expect(ids('idva')).toEqual([victimAction.id, panelAction.id]);
      // PSD may see the panel but not the victim's compartment; the colleague is stepped out of the case.
      expect(ids('psd')).toEqual([panelAction.id]);
      expect(outstanding.get('colleague')).toEqual([]);

      await new Promise((resolve) => setTimeout(resolve, 200));
      const since = (key: string) => JSON.stringify(members.get(key)!.frames.slice(framesBefore.get(key)));
      expect(since('colleague')).not.toContain(canary);
      expect(since('colleague')).not.toContain(victimCanary);
      expect(members.get('colleague')!.text()).not.toContain(victimCanary);
      expect(members.get('psd')!.text()).not.toContain(victimCanary);
      const reads = await app
        .get(DataSource)
        .query<{ compartment: string }[]>(
          `SELECT compartment FROM access_log WHERE viewer_id = $1 AND channel = 'socket' AND action = 'read' AND compartment = 'victim'`,
          [people.get('psd')!.id],
        );
      expect(reads).toEqual([]);
    });
  });
});
