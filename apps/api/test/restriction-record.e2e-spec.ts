import type { ConferenceView, DecisionView, NotificationView, RestrictionEventView, RestrictionView } from '@caseroom/contracts';
import { PersonRepository, verifyAllChains } from '@caseroom/persistence';
import { DataSource } from 'typeorm';
import { ReminderSweep } from '../src/features/notifications/reminder-sweep';
import { englandAndWalesWorkingDays } from '../src/shared/bank-holidays';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

const canary = 'CANARY-RESTRICTION-RECORD-5c1e';

/** Professional standards' record of a restriction, its two-person rule for suspension, and its clocks. */
describe('the duty restriction record and its clocks', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let caseId: string;
  let agencyOf: (code: string) => string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];
  const restrictionOf = new Map<string, string>();

  const as = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    const header = `Bearer ${tokens.get(key)!}`;
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
    };
  };
  const moveClock = (to: string) => {
    app.clock.set(new Date(`${to}T09:00:00Z`));
    tokens.clear();
  };
  const suspension = {
    kinds: ['suspension', 'warrant_card_retained', 'firearms_or_taser_withdrawn'],
    effectiveOn: '2026-12-23',
    conditions: `Not to attend any police building. ${canary}`,
    legalBasis: 'regulation_11_suspension',
    isRedeploymentInappropriate: true,
    regulation11Grounds: ['investigation_prejudiced', 'public_interest'],
    decisionMaker: 'Deputy Chief Constable',
    noticeMethod: 'orally_then_in_writing',
    toldOn: '2026-12-23',
    rationale: `Access to the victim's address through police systems. ${canary}`,
    alternatives: 'Redeployment to a non-public-facing role: still within reach of the systems.',
    representations: 'The officer says the allegation is malicious.',
    isIopcConsulted: true,
    iopcConsultedOn: '2026-12-22',
  };
  const queue = async () =>
    ((await (await as('psd')).get('/api/restrictions/queue')).body as RestrictionView[]).filter((entry) => entry.caseId === caseId);

  beforeAll(async () => {
    app = await TestApp.start({ withRedis: true });
    url = await app.listen();
    people = await app.seedDemoWorld();
    moveClock('2026-12-22');
    const coordinator = await as('coordinator');
    const agencies = (await coordinator.get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    caseId = ((await coordinator.get('/api/cases')).body as { id: string }[])[0].id;
    const scheduled = await coordinator.post('/api/conferences', {
      title: 'Northmoor MARAC',
      scheduledAt: '2026-12-22T10:00:00Z',
      chairId: people.get('chair')!.id,
      invitedAgencyIds: ['NIDVA', 'NPDU', 'IOPC'].map(agencyOf),
    });
    const conference = (await coordinator.post(`/api/conferences/${scheduled.body.id}/agenda`, { caseId })).body as ConferenceView;
    await coordinator.post(`/api/conferences/${conference.id}/invitations`, { agencyIds: [agencyOf('NMP')] });
    const chairClient = await LiveClient.connect(url, tokens.get('chair') ?? (await as('chair'), tokens.get('chair')!));
    clients.push(chairClient);
    expect(await chairClient.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    expect(await chairClient.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chairClient.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({
      ok: true,
    });
    for (const kind of ['recommend_suspension', 'management_restricted_duties', 'no_unsupervised_contact']) {
      const recorded = await (
        await as('chair')
      ).post(`/api/cases/${caseId}/decisions`, {
        kind,
        conferenceId: conference.id,
        rationale: 'The panel agreed it.',
        positions: [{ agencyId: agencyOf('NIDVA'), position: 'agree' }],
      });
      expect(recorded.status).toBe(201);
      restrictionOf.set(kind, (recorded.body as DecisionView).restriction!.restrictionId);
    }
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it('gives a suspension request 3 working days for a decision under regulation 11B', async () => {
    const request = (await queue()).find((entry) => entry.id === restrictionOf.get('recommend_suspension'))!;
    expect(request.clocks).toEqual([
      { clock: 'decision', dueOn: englandAndWalesWorkingDays.add(request.requestedOn, 3), workingDaysLeft: expect.any(Number) },
    ]);
    // Other kinds of request have no decision clock.
    expect((await queue()).find((entry) => entry.id === restrictionOf.get('no_unsupervised_contact'))!.clocks).toEqual([]);

    // A working day after it was due, the sweep reminds PSD, by reference only. The request's day is the
    // database's, so the sweep's clock is moved there and back without anyone signing in meanwhile.
    const dueOn = request.clocks[0].dueOn;
    app.clock.set(new Date(`${englandAndWalesWorkingDays.add(dueOn, 1)}T09:00:00Z`));
    expect((await app.get(ReminderSweep).run()).ran).toBe(true);
    app.clock.set(new Date('2026-12-22T09:00:00Z'));
    const notices = await app
      .get(DataSource)
      .query<{ recipient_id: string; kind: string; subject_id: string; due_on: string; message: string }[]>(
        `SELECT recipient_id, kind, subject_id, due_on::text AS due_on, message FROM notifications WHERE kind LIKE 'restriction_decision%' ORDER BY recipient_id`,
      );
    expect(notices.map((notice) => notice.recipient_id).sort()).toEqual([people.get('psd')!.id, people.get('psd2')!.id].sort());
    for (const notice of notices) {
      expect(notice).toMatchObject({ kind: 'restriction_decision_overdue', subject_id: request.id, due_on: dueOn });
      expect(notice.message).toMatch(
        /^The decision on a requested suspension on CR-\d{4}-\d{4} is overdue \(due \d{1,2} [A-Z][a-z]+ \d{4}\)\.$/,
      );
    }
  });

  it('refuses a suspension without the conditions of regulation 11, naming each field', async () => {
    const id = restrictionOf.get('recommend_suspension')!;
    const refused = await (
      await as('psd')
    ).post(`/api/restrictions/${id}/apply`, {
      ...suspension,
      isRedeploymentInappropriate: false,
      regulation11Grounds: [],
      kinds: ['suspension', 'system_access_restriction'],
      isIopcConsulted: false,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'body.namedSystem', message: 'name the system or record' },
      { path: 'body.isRedeploymentInappropriate', message: 'regulation 11 needs redeployment considered and judged inappropriate' },
      { path: 'body.regulation11Grounds', message: 'regulation 11 needs the investigation prejudiced or the public interest' },
      { path: 'body.iopcConsultedOn', message: 'only when the IOPC was consulted' },
    ]);
    const late = await (await as('psd')).post(`/api/restrictions/${id}/apply`, { ...suspension, writtenNoticeOn: '2026-12-31' });
    expect(late.status).toBe(400);
    expect(late.body.error.details).toEqual([
      { path: 'body.writtenNoticeOn', message: 'must be within 3 working days of telling the officer orally (by 30 December 2026)' },
    ]);
    expect(JSON.stringify(late.body)).not.toContain(canary);
    expect((await (await as('psd')).get(`/api/restrictions/${id}`)).body.restriction).toMatchObject({ status: 'requested', record: null });
  });

  it('applies a suspension only when a second PSD officer approves it, refusing the proposer', async () => {
    const id = restrictionOf.get('recommend_suspension')!;
    const proposed = await (await as('psd')).post(`/api/restrictions/${id}/apply`, suspension);
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'apply_pending', proposedBy: people.get('psd')!.id, effectiveOn: '2026-12-23' });
    const own = await (await as('psd')).post(`/api/restrictions/${id}/approve`, { note: null });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('A second person from professional standards must approve or reject this proposal.');
    // Rejected: a request again, with nothing of the proposal left on it.
    const rejected = await (await as('psd2')).post(`/api/restrictions/${id}/reject`, { note: 'Redeployment first.' });
    expect(rejected.body).toMatchObject({ status: 'requested', record: null, effectiveOn: null, legalBasis: null, proposedBy: null });
    // Proposed again by the second officer, approved by the first.
    expect((await (await as('psd2')).post(`/api/restrictions/${id}/apply`, suspension)).body).toMatchObject({ status: 'apply_pending' });
    const approved = await (await as('psd')).post(`/api/restrictions/${id}/approve`, { note: 'Agreed.' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'applied',
      nextReviewOn: '2027-01-20',
      record: {
        kinds: suspension.kinds,
        regulation11Grounds: ['investigation_prejudiced', 'public_interest'],
        decisionMaker: 'Deputy Chief Constable',
        noticeMethod: 'orally_then_in_writing',
        toldOn: '2026-12-23',
        writtenNoticeOn: null,
        // Christmas Day, the weekend and the Boxing Day substitute are not working days.
        writtenNoticeDueOn: '2026-12-30',
        iopcConsultedOn: '2026-12-22',
        representations: 'The officer says the allegation is malicious.',
      },
    });
  });

  it('presumes suspension after an arrest for a domestic abuse offence (regulation 11C): anything less says why', async () => {
    const id = restrictionOf.get('management_restricted_duties')!;
    const lesser = {
      kinds: ['management_restricted_duties', 'no_contact_or_exclusion'],
      effectiveOn: '2026-12-23',
      conditions: 'Office duties at headquarters; no contact with the victim.',
      legalBasis: 'annex_ee_management_restricted_duties',
      decisionMaker: 'Superintendent, professional standards',
      noticeMethod: 'in_writing',
      toldOn: '2026-12-23',
      rationale: 'The officer is on bail with conditions.',
      alternatives: 'Suspension.',
      arrestFor: 'domestic_abuse_offence',
    };
    const refused = await (await as('psd')).post(`/api/restrictions/${id}/apply`, lesser);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      {
        path: 'body.presumptionRebutted',
        message: 'after this arrest suspension is presumed (regulation 11C): say why it is rebutted, or apply a suspension',
      },
    ]);
    const applied = await (
      await as('psd')
    ).post(`/api/restrictions/${id}/apply`, { ...lesser, presumptionRebutted: 'Bail conditions keep him away; no access to systems.' });
    // Not a suspension: one officer applies it.
    expect(applied.body).toMatchObject({
      status: 'applied',
      record: { arrestFor: 'domestic_abuse_offence', writtenNoticeOn: '2026-12-23', writtenNoticeDueOn: null },
    });
  });

  it('reminds PSD of an overdue written notice, lists it first, and takes the notice only within its working days', async () => {
    const id = restrictionOf.get('recommend_suspension')!;
    moveClock('2026-12-31');
    expect((await app.get(ReminderSweep).run()).ran).toBe(true);
    for (const key of ['psd', 'psd2']) {
      const notices = ((await (await as(key)).get('/api/me/notifications')).body as NotificationView[]).filter(
        (notice) => notice.kind === 'written_notice_overdue',
      );
      expect(notices).toEqual([expect.objectContaining({ subjectId: id, dueOn: '2026-12-30' })]);
      expect(notices[0].message).toMatch(
        /^The written notice of a duty restriction on CR-\d{4}-\d{4} is overdue \(due 30 December 2026\)\.$/,
      );
    }
    const listed = await queue();
    expect(listed[0]).toMatchObject({
      id,
      clocks: [{ clock: 'written_notice', dueOn: '2026-12-30', workingDaysLeft: -1 }, { clock: 'review' }],
    });
    // Requests with no clock running come last.
    expect(listed.at(-1)).toMatchObject({ id: restrictionOf.get('no_unsupervised_contact'), clocks: [] });

    const late = await (await as('psd')).post(`/api/restrictions/${id}/written-notice`, { writtenOn: '2026-12-31' });
    expect(late.status).toBe(400);
    expect(late.body.error.details[0]).toMatchObject({ path: 'body.writtenOn' });
    const recorded = await (await as('psd')).post(`/api/restrictions/${id}/written-notice`, { writtenOn: '2026-12-29' });
    expect(recorded.body).toMatchObject({ record: { writtenNoticeOn: '2026-12-29' } });
    expect(recorded.body.clocks.map((clock: { clock: string }) => clock.clock)).toEqual(['review']);
    const twice = await (await as('psd')).post(`/api/restrictions/${id}/written-notice`, { writtenOn: '2026-12-29' });
    expect(twice.status).toBe(409);
  });

  it('keeps every step in the chained history, with who took it and the review outcome', async () => {
    const id = restrictionOf.get('recommend_suspension')!;
    const reviewed = await (
      await as('psd2')
    ).post(`/api/restrictions/${id}/review`, { reviewedOn: '2027-01-19', outcome: 'vary', note: 'Warrant card returned.' });
    expect(reviewed.body).toMatchObject({ nextReviewOn: '2027-02-16' });
    const { events } = (await (await as('psd')).get(`/api/restrictions/${id}`)).body as { events: RestrictionEventView[] };
    const names = await app.get(PersonRepository).namesOf(['chair', 'psd', 'psd2'].map((key) => people.get(key)!.id));
    const nameOf = (key: string) => names.find((person) => person.id === people.get(key)!.id)!.name;
    expect(events.map((event) => [event.step, event.byName])).toEqual([
      ['requested', nameOf('chair')],
      ['apply_proposed', nameOf('psd')],
      ['rejected', nameOf('psd2')],
      ['apply_proposed', nameOf('psd2')],
      ['approved', nameOf('psd')],
      ['written_notice_recorded', nameOf('psd')],
      ['reviewed', nameOf('psd2')],
    ]);
    expect(events.at(-1)!.detail).toMatchObject({ outcome: 'vary' });
    expect((await verifyAllChains(app.get(DataSource))).every(({ verdict }) => verdict.intact)).toBe(true);
    // The suspect's colleague learns nothing of it.
    expect((await (await as('colleague')).get(`/api/restrictions/${id}`)).status).toBe(404);
    expect(app.logs.text).not.toContain(canary);
  });
});
