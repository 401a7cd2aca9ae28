import type { ChairView, ConferencePlanView, ConferenceView, InvitationsView, NotificationView } from '@caseroom/contracts';
import { compartments } from '@caseroom/domain';
import { ExplainPolicy } from '../src/features/cases/explain-policy';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * Preparing a conference: scheduling it, inviting people (with a preview of what the policy would keep
 * from each), building and ordering the agenda, and circulating it. Notices name the conference, never a
 * case; what each invitee reads of the agenda is decided for them.
 */
describe('scheduling a conference, its invitations and its agenda', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let agencyOf: (code: string) => string;
  /** The demo case: its suspect is PC Hart, and there is a child in the household. */
  let demoCase: { id: string; reference: string };
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];

  const person = (key: string) => people.get(key)!;
  const as = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, await app.bearer(person(key)));
    return tokens.get(key)!;
  };
  const notices = async (key: string) =>
    (await app.http.get('/api/me/notifications').set('Authorization', await as(key))).body as NotificationView[];
  const plan = async (conferenceId: string) =>
    (await app.http.get(`/api/conferences/${conferenceId}/plan`).set('Authorization', await as('coordinator'))).body as ConferencePlanView;
  const schedule = async (title: string, body: object = {}) => {
    const response = await app.http
      .post('/api/conferences')
      .set('Authorization', await as('coordinator'))
      .send({
        title,
        scheduledAt: '2026-12-03T10:00:00Z',
        location: 'Room 4, Northmoor Civic Centre',
        chairId: person('chair').id,
        ...body,
      });
    expect(response.status).toBe(201);
    return response.body as ConferenceView;
  };
  const invite = async (conferenceId: string, body: { userIds?: string[]; agencyIds?: string[] }) =>
    app.http
      .post(`/api/conferences/${conferenceId}/invitations`)
      .set('Authorization', await as('coordinator'))
      .send(body);
  const list = async (conferenceId: string, caseId: string) =>
    app.http
      .post(`/api/conferences/${conferenceId}/agenda`)
      .set('Authorization', await as('coordinator'))
      .send({ caseId });
  const move = async (conferenceId: string, itemId: string, direction: 'up' | 'down') =>
    app.http
      .post(`/api/conferences/${conferenceId}/agenda/${itemId}/move`)
      .set('Authorization', await as('coordinator'))
      .send({ direction });
  let caseSequence = 0;
  /** A new case of Northmoor Police; its suspect has an account when one is given, and the household children when asked. */
  const newCase = async ({ hasChildren, suspect }: { hasChildren: boolean; suspect?: TestPerson }) => {
    caseSequence += 1;
    const created = await app.http
      .post('/api/cases')
      .set('Authorization', await as('coordinator'))
      .send({
        referral: { ground: 'visible_high_risk', referredOn: '2026-11-10', referringAgencyId: agencyOf('NIDVA'), dashScore: 16 },
        agencyIds: ['NMP', 'NIDVA', 'NPDU', 'NCSC'].map(agencyOf),
        victim: {
          pseudonym: `Client ${caseSequence}`,
          name: `Victim ${caseSequence}`,
          children: hasChildren ? [{ name: `Child of ${caseSequence}` }] : [],
        },
        suspect: suspect
          ? { userId: suspect.id, forceId: agencyOf('NMP'), name: `Suspect ${caseSequence}` }
          : { forceId: agencyOf('NMP'), name: `Suspect ${caseSequence}`, staffNumber: `NM9${String(caseSequence).padStart(3, '0')}` },
      });
    expect(created.status).toBe(201);
    // Accepted at triage: only an accepted case goes on an agenda.
    const accepted = await app.http
      .post(`/api/cases/${created.body.id as string}/triage`)
      .set('Authorization', await as('coordinator'))
      .send({ outcome: 'accepted' });
    expect(accepted.status).toBe(200);
    return created.body as { id: string; reference: string };
  };

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-11-21T09:00:00Z') });
    url = await app.listen();
    people = await app.seedDemoWorld();
    const agencies = (await app.http.get('/api/agencies').set('Authorization', await as('coordinator'))).body as {
      id: string;
      code: string;
    }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    demoCase = (
      (await app.http.get('/api/cases').set('Authorization', await as('coordinator'))).body as { id: string; reference: string }[]
    )[0];
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it('offers the people with the chair role as chairs, and lists the conferences a coordinator organises', async () => {
    const chairs = (await app.http.get('/api/conferences/chairs').set('Authorization', await as('coordinator'))).body as ChairView[];
    expect(chairs).toEqual([{ id: person('chair').id, name: 'DCI Hannah Reid', agencyId: agencyOf('EVC') }]);
    expect((await app.http.get('/api/conferences/chairs').set('Authorization', await as('idva'))).status).toBe(403);

    const conference = await schedule('Northmoor MARAC, organised');
    const mine = (await app.http.get('/api/conferences').set('Authorization', await as('coordinator'))).body as ConferenceView[];
    expect(mine.map((listed) => listed.id)).toContain(conference.id);
    expect(conference).toMatchObject({ coordinatorId: person('coordinator').id, agenda: [], agendaCirculatedAt: null });
  });

  it('refuses a chair without the chair role, naming the field', async () => {
    const response = await app.http
      .post('/api/conferences')
      .set('Authorization', await as('coordinator'))
      .send({ title: 'No chair', scheduledAt: '2026-12-03T10:00:00Z', chairId: person('idva').id });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'body.chairId', message: 'must be an active person with the chair role' }]);
  });

  it('tells the chair and every invitee of their invitation: the title, the date and the place, never a case', async () => {
    const conference = await schedule('Northmoor MARAC, invitations', { invitedUserIds: [person('probation').id] });
    for (const key of ['chair', 'probation']) {
      const invitation = (await notices(key)).find((notice) => notice.subjectId === conference.id)!;
      expect(invitation).toMatchObject({ kind: 'invitation', caseId: null, readAt: null });
      expect(invitation.message).toBe(
        'You are invited to Northmoor MARAC, invitations on 3 Dec 2026, 10:00, Room 4, Northmoor Civic Centre.',
      );
    }
  });

  describe('with the demo case on the agenda', () => {
    let conference: ConferenceView;

    beforeAll(async () => {
      conference = await schedule('Northmoor MARAC, 3 December');
      const listed = await list(conference.id, demoCase.id);
      expect(listed.status).toBe(201);
    });

    it("previews each candidate's step-outs with decide()'s own reason, before anyone is invited", async () => {
      const preview = await plan(conference.id);
      expect(preview.conference.agenda).toHaveLength(1);
      expect(preview.agenda).toEqual([expect.objectContaining({ reference: demoCase.reference, hasChildren: true })]);
      expect(preview.candidates.every((candidate) => !candidate.isInvited)).toBe(true);
      const candidate = (key: string) => preview.candidates.find((entry) => entry.userId === person(key).id)!;
      expect(candidate('colleague').steppedOutOf).toEqual([
        { itemId: preview.agenda[0].itemId, position: 1, reference: demoCase.reference, reason: 'conflict:same-unit-as-suspect' },
      ]);
      expect(candidate('inspector').steppedOutOf[0].reason).toBe('conflict:manages-the-suspect');
      expect(candidate('police-rep').steppedOutOf[0].reason).toBe('conflict:shared-posting');
      expect(candidate('suspect')).toMatchObject({
        isSuspect: true,
        steppedOutOf: [expect.objectContaining({ reason: 'conflict:is-the-suspect' })],
      });
      expect(candidate('idva')).toMatchObject({ isSuspect: false, steppedOutOf: [] });
      // Nobody who only administers, nor the conference's own chair and coordinator, is a candidate.
      for (const key of ['admin', 'chair', 'coordinator'])
        expect(preview.candidates.map((entry) => entry.userId)).not.toContain(person(key).id);

      // Every reason is the one decide() gives: the policy's own explanation of the case agrees, person by person.
      const explanation = await app.get(ExplainPolicy).execute(demoCase.reference, '2026-11-21');
      for (const entry of preview.candidates) {
        const row = explanation.rows.find((candidateRow) => candidateRow.name === entry.name)!;
        const isSteppedOut = compartments.every((compartment) => !row.decisions[compartment].admitted);
        expect(entry.steppedOutOf.map((item) => item.reason)).toEqual(isSteppedOut ? [row.decisions.panel.reason] : []);
      }
    });

    it('refuses to invite the suspect of a case on the agenda, naming the field, and invites nobody of that request', async () => {
      const response = await invite(conference.id, { userIds: [person('idva').id, person('suspect').id] });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        { path: 'body.userIds.1', message: `is the suspect in ${demoCase.reference}, which is on the agenda: never invited` },
      ]);
      expect((await plan(conference.id)).candidates.filter((candidate) => candidate.isInvited)).toEqual([]);
    });

    it('invites people one by one and by agency, leaves the suspect out of their agency, and tells each invitee once', async () => {
      const listening = await LiveClient.connect(url, (await app.signIn(person('probation'))).accessToken);
      clients.push(listening);
      const response = await invite(conference.id, { userIds: [person('idva').id, person('probation').id], agencyIds: [agencyOf('NMP')] });
      expect(response.status).toBe(201);
      const result = response.body as InvitationsView;
      expect(result.leftOutIds).toEqual([person('suspect').id]);
      const expected = ['idva', 'probation', 'inspector', 'sergeant', 'colleague', 'police-rep', 'psd', 'psd2'].map(
        (key) => person(key).id,
      );
      expect([...result.invitedIds].sort()).toEqual([...expected].sort());

      const pushed = await listening.next<NotificationView>('notification', (notice) => notice.subjectId === conference.id);
      expect(pushed).toMatchObject({ kind: 'invitation', caseId: null });
      const invitation = (await notices('colleague')).filter((notice) => notice.subjectId === conference.id);
      expect(invitation).toEqual([expect.objectContaining({ kind: 'invitation', caseId: null })]);
      expect(invitation[0].message).toContain('Northmoor MARAC, 3 December on 3 Dec 2026, 10:00');

      // Inviting again changes nothing and tells nobody twice.
      expect((await invite(conference.id, { userIds: [person('idva').id] })).body).toEqual({ invitedIds: [], leftOutIds: [] });
      expect((await notices('idva')).filter((notice) => notice.subjectId === conference.id)).toHaveLength(1);
      const invited = (await plan(conference.id)).candidates
        .filter((candidate) => candidate.isInvited)
        .map((candidate) => candidate.userId);
      expect([...invited].sort()).toEqual([...expected].sort());
      expect(invited).not.toContain(person('suspect').id);
    });

    it('refuses to list a case whose suspect is invited, naming the field', async () => {
      const theirs = await newCase({ hasChildren: false, suspect: person('inspector') });
      const response = await list(conference.id, theirs.id);
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([
        { path: 'body.caseId', message: 'its suspect is invited to this conference: withdraw the invitation first' },
      ]);
    });

    it('withdraws an invitation: the person is told, no longer finds the conference, and is told again if invited again', async () => {
      const withdrawn = await app.http
        .delete(`/api/conferences/${conference.id}/invitations/${person('probation').id}`)
        .set('Authorization', await as('coordinator'));
      expect(withdrawn.status).toBe(204);
      expect((await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', await as('probation'))).status).toBe(404);
      const told = (await notices('probation')).filter((notice) => notice.subjectId === conference.id);
      expect(told.map((notice) => notice.kind)).toEqual(['invitation_withdrawn', 'invitation']);
      expect(told[0].message).toBe('Your invitation to Northmoor MARAC, 3 December on 3 Dec 2026, 10:00 was withdrawn.');
      const again = await app.http
        .delete(`/api/conferences/${conference.id}/invitations/${person('probation').id}`)
        .set('Authorization', await as('coordinator'));
      expect(again.status).toBe(404);

      expect(((await invite(conference.id, { userIds: [person('probation').id] })).body as InvitationsView).invitedIds).toEqual([
        person('probation').id,
      ]);
      expect((await notices('probation')).filter((notice) => notice.subjectId === conference.id).map((notice) => notice.kind)).toEqual([
        'invitation',
        'invitation_withdrawn',
        'invitation',
      ]);
      expect((await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', await as('probation'))).status).toBe(200);
    });

    it('lets only its organisers prepare it', async () => {
      const otherCoordinator = await app.person(['coordinator']);
      const other = await app.bearer(otherCoordinator);
      expect((await app.http.get(`/api/conferences/${conference.id}/plan`).set('Authorization', other)).status).toBe(404);
      expect(
        (
          await app.http
            .post(`/api/conferences/${conference.id}/invitations`)
            .set('Authorization', other)
            .send({ userIds: [otherCoordinator.id] })
        ).status,
      ).toBe(404);
      const asInvitee = await app.http.post(`/api/conferences/${conference.id}/agenda/circulation`).set('Authorization', await as('idva'));
      expect(asInvitee.status).toBe(403);
    });
  });

  it('orders the agenda with cases with children first, then in the order the coordinator sets, and takes a case off it', async () => {
    const conference = await schedule('Northmoor MARAC, ordering');
    const adultsFirst = await newCase({ hasChildren: false });
    const adultsSecond = await newCase({ hasChildren: false });
    const children = await newCase({ hasChildren: true });
    let view = conference;
    for (const theCase of [adultsFirst, demoCase, adultsSecond, children])
      view = (await list(conference.id, theCase.id)).body as ConferenceView;
    const references = (agenda: ConferenceView) => agenda.agenda.map((item) => item.reference);
    const itemOf = (agenda: ConferenceView, theCase: { reference: string }) =>
      agenda.agenda.find((item) => item.reference === theCase.reference)!.itemId;
    expect(references(view)).toEqual([demoCase.reference, children.reference, adultsFirst.reference, adultsSecond.reference]);

    view = (await move(conference.id, itemOf(view, adultsSecond), 'up')).body as ConferenceView;
    expect(references(view)).toEqual([demoCase.reference, children.reference, adultsSecond.reference, adultsFirst.reference]);
    view = (await move(conference.id, itemOf(view, children), 'up')).body as ConferenceView;
    expect(references(view)).toEqual([children.reference, demoCase.reference, adultsSecond.reference, adultsFirst.reference]);
    // A case without children never goes above one with them, nor past either end.
    const above = await move(conference.id, itemOf(view, adultsSecond), 'up');
    expect(above.status).toBe(409);
    expect((await move(conference.id, itemOf(view, adultsFirst), 'down')).status).toBe(409);
    expect((await move(conference.id, itemOf(view, children), 'up')).status).toBe(409);
    const plan = (await app.http.get(`/api/conferences/${conference.id}/plan`).set('Authorization', await as('coordinator')))
      .body as ConferencePlanView;
    expect(plan.agenda.map((item) => item.hasChildren)).toEqual([true, true, false, false]);

    const removed = await app.http
      .delete(`/api/conferences/${conference.id}/agenda/${itemOf(view, demoCase)}`)
      .set('Authorization', await as('coordinator'));
    expect(removed.status).toBe(200);
    expect(references(removed.body as ConferenceView)).toEqual([children.reference, adultsSecond.reference, adultsFirst.reference]);
    expect((removed.body as ConferenceView).agenda.map((item) => item.position)).toEqual([1, 2, 3]);
    const again = await app.http
      .delete(`/api/conferences/${conference.id}/agenda/${itemOf(view, demoCase)}`)
      .set('Authorization', await as('coordinator'));
    expect(again.status).toBe(404);
  });

  it('circulates the agenda: every invitee is told, and reads of it only what the policy admits them to', async () => {
    const conference = await schedule('Northmoor MARAC, circulated');
    const adultsOnly = await newCase({ hasChildren: false });
    expect(
      (await app.http.post(`/api/conferences/${conference.id}/agenda/circulation`).set('Authorization', await as('coordinator'))).status,
    ).toBe(409);
    await list(conference.id, adultsOnly.id);
    await list(conference.id, demoCase.id);
    expect((await invite(conference.id, { userIds: ['idva', 'colleague', 'csc'].map((key) => person(key).id) })).status).toBe(201);

    const circulated = await app.http
      .post(`/api/conferences/${conference.id}/agenda/circulation`)
      .set('Authorization', await as('coordinator'));
    expect(circulated.status).toBe(201);
    expect((circulated.body as ConferenceView).agendaCirculatedAt).toBe(app.clock.now().toISOString());
    for (const key of ['chair', 'idva', 'colleague', 'csc']) {
      const told = (await notices(key)).filter((notice) => notice.kind === 'agenda_circulated' && notice.subjectId === conference.id);
      expect(told).toEqual([
        expect.objectContaining({
          caseId: null,
          message: 'The agenda for Northmoor MARAC, circulated on 3 Dec 2026, 10:00 was circulated: 2 items.',
        }),
      ]);
    }
    expect((await notices('coordinator')).filter((notice) => notice.kind === 'agenda_circulated')).toEqual([]);

    const agendaOf = async (key: string) =>
      ((await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', await as(key))).body as ConferenceView).agenda;
    expect((await agendaOf('idva')).map((item) => item.reference)).toEqual([demoCase.reference, adultsOnly.reference]);
    // The colleague of the suspect: the demo case is "Item 1" to them, with neither its reference nor its id.
    expect(await agendaOf('colleague')).toEqual([
      { itemId: expect.any(String), position: 1, reference: null, caseId: null, isSteppedOut: true },
      expect.objectContaining({ position: 2, reference: adultsOnly.reference, isSteppedOut: false }),
    ]);
    // Nowhere in what they are told, or in the conferences they list, does the demo case appear.
    const everything = [
      JSON.stringify(await notices('colleague')),
      JSON.stringify((await app.http.get('/api/conferences').set('Authorization', await as('colleague'))).body),
      JSON.stringify((await app.http.get('/api/me/notifications/unread').set('Authorization', await as('colleague'))).body),
    ].join('\n');
    expect(everything).not.toContain(demoCase.reference);
    expect(everything).not.toContain(demoCase.id);
    expect(everything).toContain(adultsOnly.reference);
  });

  it('keeps invitations and the agenda as they are once the chair opens the conference; the chair removes people live, and they are told', async () => {
    const conference = await schedule('Northmoor MARAC, open', { invitedUserIds: [person('idva').id, person('csc').id] });
    await list(conference.id, demoCase.id);
    const chair = await LiveClient.connect(url, (await app.signIn(person('chair'))).accessToken);
    clients.push(chair);
    expect(await chair.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });

    const late = await invite(conference.id, { userIds: [person('probation').id] });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      'Invitations change only before the conference opens; once it is open, the chair runs it in the live room.',
    );
    expect(
      (
        await app.http
          .delete(`/api/conferences/${conference.id}/invitations/${person('csc').id}`)
          .set('Authorization', await as('coordinator'))
      ).status,
    ).toBe(409);
    expect((await move(conference.id, conference.id, 'up')).status).toBe(409);

    expect(await chair.emit('participant.remove', { conferenceId: conference.id, userId: person('csc').id })).toEqual({ ok: true });
    expect((await notices('csc')).filter((notice) => notice.subjectId === conference.id).map((notice) => notice.kind)).toEqual([
      'invitation_withdrawn',
      'invitation',
    ]);
  });

  it('marks every notice the person may see read at once, and counts none unread after', async () => {
    const unread = async () =>
      ((await app.http.get('/api/me/notifications/unread').set('Authorization', await as('idva'))).body as { unread: number }).unread;
    expect(await unread()).toBeGreaterThan(1);
    expect((await app.http.post('/api/me/notifications/read').set('Authorization', await as('idva'))).status).toBe(204);
    expect(await unread()).toBe(0);
    expect((await notices('idva')).every((notice) => notice.readAt !== null)).toBe(true);
  });
});
