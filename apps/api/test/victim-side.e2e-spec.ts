import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CaseView, ConferenceView, CurrentItemView, ReferralInput } from '@caseroom/contracts';
import { dashQuestionIds } from '@caseroom/domain';
import { PersonRepository } from '@caseroom/persistence';
import { testServices } from '@caseroom/testing';
import { ExplainPolicy, formatExplanation } from '../src/features/cases/explain-policy';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

const cli = resolve(__dirname, '../../../dist/apps/api/src/cli/explain-policy.js');
// The embedded database belongs to the process that opened it, so the command runs against a server only.
const onServer = testServices.postgresUrl && existsSync(cli) ? it : it.skip;
const today = '2026-11-21';

/**
 * The victim's side: where the victim works for a police force, the people around her there (her team,
 * her line managers, those she manages, those who shared a posting with her) are stepped out of her case
 * as the suspect's colleagues are, and she is herself. Here she is a call handler in Northmoor Police's
 * control room; the suspect is an Eastvale sergeant without an account.
 */
describe("the victim's side of a case", () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let agencyOf: (code: string) => string;
  let controlRoom: string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];

  const auth = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, await app.bearer(people.get(key)!));
    return tokens.get(key)!;
  };
  const as = async (key: string) => {
    const header = await auth(key);
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
      put: (path: string, body: object) => app.http.put(path).set('Authorization', header).send(body),
      patch: (path: string, body: object) => app.http.patch(path).set('Authorization', header).send(body),
    };
  };
  const idOf = (key: string) => people.get(key)!.id;

  /** A referral by the IDVA service of a victim who works for Northmoor Police; the suspect is typed. */
  const referral = (victim: Partial<ReferralInput['victim']>): ReferralInput => ({
    referral: {
      ground: 'visible_high_risk',
      referredOn: '2026-11-20',
      referringAgencyId: agencyOf('NIDVA'),
      dashAnswers: Object.fromEntries(dashQuestionIds.map((id, index) => [id, index < 16 ? 'yes' : 'no'])) as never,
    },
    agencyIds: [agencyOf('NMP'), agencyOf('NPDU')],
    consent: { isVictimInformed: true, decision: 'given' },
    victim: { pseudonym: 'Client V', name: 'VICTIM-SIDE-CANARY Erin Shaw', ...victim },
    suspect: { forceId: agencyOf('EVC'), name: 'PS Mark Ellery', staffNumber: 'EV4410' },
  });
  const submit = async (body: ReferralInput) => {
    const response = await (await as('coordinator')).post('/api/referrals', body);
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string };
  };
  const explain = async (reference: string) => {
    const { rows } = await app.get(ExplainPolicy).execute(reference, today);
    return (name: string) => rows.find((row) => row.name === name)!.decisions;
  };

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date(`${today}T09:00:00Z`) });
    url = await app.listen();
    people = await app.seedDemoWorld();
    const agencies = (await (await as('coordinator')).get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    const northmoor = agencyOf('NMP');
    const contactManagement = await app.unit(northmoor);
    controlRoom = await app.unit(northmoor, contactManagement);
    const enquiryOffice = await app.unit(northmoor);
    const add = async (key: string, name: string, setup: { unitId: string | null; lineManager?: string }) =>
      people.set(
        key,
        await app.person(['member'], {
          agencyId: northmoor,
          name,
          unitId: setup.unitId,
          lineManagerId: setup.lineManager ? idOf(setup.lineManager) : null,
        }),
      );
    await add('control-inspector', 'Insp. Paul Grant', { unitId: null });
    await add('supervisor', 'Sgt Nia Holt', { unitId: contactManagement, lineManager: 'control-inspector' });
    await add('victim', 'Erin Shaw', { unitId: controlRoom, lineManager: 'supervisor' });
    await add('call-handler', 'Leah Morris', { unitId: controlRoom, lineManager: 'supervisor' });
    await add('trainee', 'Sam Reed', { unitId: enquiryOffice, lineManager: 'victim' });
    await add('former-colleague', 'PC Tom Hale', { unitId: enquiryOffice });
    const postings = app.get(PersonRepository);
    await postings.addPosting(idOf('victim'), { unitId: controlRoom, roleTitle: 'Call handler', startsOn: '2022-01-10', endsOn: null });
    await postings.addPosting(idOf('former-colleague'), {
      unitId: controlRoom,
      roleTitle: 'Call handler',
      startsOn: '2021-05-01',
      endsOn: '2024-06-30',
    });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  describe('a victim picked from her force’s records', () => {
    let picked: { id: string; reference: string };

    beforeAll(async () => {
      picked = await submit(referral({ employerForceId: agencyOf('NMP'), userId: idOf('victim') }));
    });

    it('steps her, her team, her line-management chain either way and a shared posting out of the case, in policy:explain', async () => {
      const decisions = await explain(picked.reference);
      const reasons = {
        'Erin Shaw': 'conflict:is-the-victim',
        'Sgt Nia Holt': 'conflict:manages-the-victim',
        'Insp. Paul Grant': 'conflict:manages-the-victim',
        'Leah Morris': 'conflict:same-unit-as-victim',
        'Sam Reed': 'conflict:managed-by-the-victim',
        'PC Tom Hale': 'conflict:shared-posting-with-victim',
      };
      for (const [name, reason] of Object.entries(reasons))
        for (const decision of Object.values(decisions(name))) expect(decision).toMatchObject({ admitted: false, reason });
      // Someone else of her force, linked to neither side, keeps the panel: only her circle is stepped out.
      expect(decisions('DS Laura Bennett').panel).toEqual({ admitted: true, reason: 'member agency of the case' });
    });

    it('refuses her line manager and her colleague the case as if it did not exist, and shows the panel it is police-connected', async () => {
      for (const key of ['supervisor', 'call-handler', 'victim']) {
        const refused = await (await as(key)).get(`/api/cases/${picked.id}`);
        expect(refused.status).toBe(404);
        expect(JSON.stringify(refused.body)).not.toContain('VICTIM-SIDE-CANARY');
      }
      const seen = await (await as('police-rep')).get(`/api/cases/${picked.id}`);
      expect(seen.status).toBe(200);
      expect((seen.body as CaseView).structure?.policeConnected).toEqual({ suspect: true, victim: true });
    });

    onServer('prints the same from the command line (needs TEST_DATABASE_URL and a build)', async () => {
      const child = spawn(process.execPath, [cli, picked.reference, '--on', today], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.database.url!, DEMO_MODE: 'true', DATA_DIR: app.database.dataDir },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      expect(await new Promise((resolveExit) => child.once('exit', resolveExit))).toBe(0);
      expect(output).toBe(formatExplanation(await app.get(ExplainPolicy).execute(picked.reference, today)));
      expect(output).toMatch(/Sgt Nia Holt <[^>]+> \(Northmoor Police; member\)\n {2}panel +deny {2}conflict:manages-the-victim/);
      expect(output).toMatch(/Leah Morris <[^>]+> \(Northmoor Police; member\)\n {2}panel +deny {2}conflict:same-unit-as-victim/);
    });
  });

  it('takes the unit and line manager of a victim without an account as the referrer gives them', async () => {
    const typed = await submit(
      referral({ employerForceId: agencyOf('NMP'), unitId: controlRoom, lineManagerId: idOf('supervisor'), employer: 'Control room' }),
    );
    const decisions = await explain(typed.reference);
    expect(decisions('Sgt Nia Holt').panel.reason).toBe('conflict:manages-the-victim');
    expect(decisions('Insp. Paul Grant').panel.reason).toBe('conflict:manages-the-victim');
    expect(decisions('Leah Morris').panel.reason).toBe('conflict:same-unit-as-victim');
    // Without her account named, nothing links the people she manages.
    expect(decisions('Sam Reed').panel).toEqual({ admitted: true, reason: 'member agency of the case' });
  });

  it('shows the workplace recorded to those who may correct it, postings included, so a correction keeps them', async () => {
    const posting = { unitId: await app.unit(agencyOf('NMP')), startsOn: '2020-02-01', endsOn: '2023-03-31' };
    const typed = await submit(
      referral({
        employerForceId: agencyOf('NMP'),
        unitId: controlRoom,
        lineManagerId: null,
        postings: [posting],
        employer: 'Control room',
      }),
    );
    const coordinator = await as('coordinator');
    const recorded = await coordinator.get(`/api/cases/${typed.id}/victim-workplace`);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toEqual({
      employerForceId: agencyOf('NMP'),
      userId: null,
      unitId: controlRoom,
      lineManagerId: null,
      postings: [posting],
    });
    // The reading is in the access log like any other of the victim compartment.
    const log = (await (await as('chair')).get(`/api/cases/${typed.id}/access-log`)).body as { viewerId: string; compartment: string }[];
    expect(log).toContainEqual(expect.objectContaining({ viewerId: idOf('coordinator'), compartment: 'victim' }));

    // Her line manager added, everything else sent back as it was read: the posting is still there.
    const corrected = await coordinator.put(`/api/cases/${typed.id}/victim-workplace`, {
      ...recorded.body,
      lineManagerId: idOf('supervisor'),
    });
    expect(corrected.status).toBe(204);
    expect((await coordinator.get(`/api/cases/${typed.id}/victim-workplace`)).body).toMatchObject({
      lineManagerId: idOf('supervisor'),
      postings: [posting],
    });

    // Only for those who may change the victim compartment; for anyone else, no such case.
    expect((await (await as('supervisor')).get(`/api/cases/${typed.id}/victim-workplace`)).status).toBe(403);
    expect((await coordinator.get('/api/cases/00000000-0000-4000-8000-000000000000/victim-workplace')).status).toBe(404);
  });

  it('refuses a victim’s workplace that does not fit her force, naming each field', async () => {
    const elsewhere = await (
      await as('coordinator')
    ).post(
      '/api/referrals',
      referral({ employerForceId: agencyOf('NMP'), unitId: await app.unit(agencyOf('EVC')), lineManagerId: idOf('chair') }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details).toEqual([
      { path: 'body.victim.unitId', message: "must be a unit of the victim's force" },
      { path: 'body.victim.lineManagerId', message: "must be a person in the victim's force" },
    ]);
    const withoutForce = await (await as('coordinator')).post('/api/referrals', referral({ userId: idOf('victim') }));
    expect(withoutForce.status).toBe(400);
    expect(withoutForce.body.error.details).toEqual([
      { path: 'body.victim.employerForceId', message: 'choose the police force the victim works for' },
    ]);
    const notThere = await (
      await as('coordinator')
    ).post('/api/referrals', referral({ employerForceId: agencyOf('EVC'), userId: idOf('victim') }));
    expect(notThere.body.error.details).toEqual([{ path: 'body.victim.userId', message: "must be a person in the victim's force" }]);
  });

  describe('recorded while her case is live in a room', () => {
    let caseId: string;
    let conference: ConferenceView;
    /** Who is in the room, by key, across the tests below. */
    const room = new Map<string, LiveClient>();

    const enter = async (key: string) => {
      const client = await LiveClient.connect(url, (await auth(key)).replace('Bearer ', ''));
      clients.push(client);
      expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
      return client;
    };

    beforeAll(async () => {
      // Referred knowing only that she is police staff in Northmoor: police-connected, nobody linked yet.
      const referred = await submit(referral({ employerForceId: agencyOf('NMP') }));
      caseId = referred.id;
      const coordinator = await as('coordinator');
      expect((await coordinator.post(`/api/cases/${caseId}/triage`, { outcome: 'accepted' })).status).toBe(200);
      const scheduled = await coordinator.post('/api/conferences', {
        title: 'Northmoor MARAC, 3 December',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: idOf('chair'),
        invitedAgencyIds: [agencyOf('NIDVA'), agencyOf('NPDU'), agencyOf('NMP')],
      });
      expect(scheduled.status).toBe(201);
      const listed = await coordinator.post(`/api/conferences/${scheduled.body.id}/agenda`, { caseId });
      expect(listed.status).toBe(201);
      conference = listed.body as ConferenceView;
    });

    it('steps her line manager and her colleague out of the room before the request returns, and no one else', async () => {
      const chair = await enter('chair');
      expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
      expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
      const [supervisor, callHandler, bennett] = await Promise.all(['supervisor', 'call-handler', 'police-rep'].map(enter));
      room.set('supervisor', supervisor).set('police-rep', bennett);
      for (const client of [supervisor, callHandler, bennett]) {
        // Before her workplace is known, her own force's people take part like anyone of a member agency.
        expect(await client.next<CurrentItemView>('agenda.current')).toMatchObject({ caseId, admitted: ['panel', 'victim'] });
      }

      const recorded = await (
        await as('coordinator')
      ).put(`/api/cases/${caseId}/victim-workplace`, {
        employerForceId: agencyOf('NMP'),
        userId: idOf('victim'),
      });
      expect(recorded.status).toBe(204);
      // The change has taken effect by the time the request returns: what is published next never reaches them.
      const after = await (
        await as('chair')
      ).post(`/api/cases/${caseId}/compartments/victim/entries`, {
        text: 'AFTER-THE-LINK Victim has moved to a refuge.',
      });
      expect(after.status).toBe(201);
      await chair.next('case.fields', (payload: { compartment: string }) => payload.compartment === 'victim');
      await chair.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('AFTER-THE-LINK'));
      await bennett.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('AFTER-THE-LINK'));
      for (const client of [supervisor, callHandler]) {
        await client.next('case.drop');
        await client.next('agenda.stepped-out');
        expect(client.text()).not.toContain('AFTER-THE-LINK');
        expect(client.of('case.fields')).toEqual([]);
      }
      expect(bennett.of('case.drop')).toEqual([]);
      const told = await chair.next<{ userIds: string[] }>(
        'presence.stepped-out',
        (event) => event.userIds.includes(idOf('supervisor')) && event.userIds.includes(idOf('call-handler')),
      );
      expect(told.userIds).not.toContain(idOf('police-rep'));

      // The conflict list names each of them under the victim's side, for the chair.
      const listed = await (await as('chair')).get(`/api/cases/${caseId}/conflicts`);
      const reasons = Object.fromEntries((listed.body as { name: string; reason: string }[]).map((line) => [line.name, line.reason]));
      expect(reasons).toMatchObject({
        'Erin Shaw': 'is-the-victim',
        'Sgt Nia Holt': 'manages-the-victim',
        'Leah Morris': 'same-unit-as-victim',
      });
    });

    it('follows her account: a new line manager is stepped out live, and the one before steps back in', async () => {
      const [supervisor, bennett] = [room.get('supervisor')!, room.get('police-rep')!];
      const admittedBefore = supervisor.of('agenda.current').length;
      const moved = await (await as('admin')).patch(`/api/users/${idOf('victim')}`, { lineManagerId: idOf('police-rep') });
      expect(moved.status).toBe(200);
      await bennett.next('case.drop');
      await bennett.next('agenda.stepped-out');
      await supervisor.next('agenda.current', () => supervisor.of('agenda.current').length > admittedBefore);
    });

    it('refuses to record a workplace for someone who may not change the victim compartment', async () => {
      const refused = await (await as('supervisor')).put(`/api/cases/${caseId}/victim-workplace`, { employerForceId: null });
      expect(refused.status).toBe(403);
      const notAdmitted = await (
        await as('coordinator')
      ).put(`/api/cases/00000000-0000-4000-8000-000000000000/victim-workplace`, {
        employerForceId: null,
      });
      expect(notAdmitted.status).toBe(404);
    });
  });

  it('never logs the victim’s details', () => {
    expect(app.logs.text).not.toContain('VICTIM-SIDE-CANARY');
  });
});
