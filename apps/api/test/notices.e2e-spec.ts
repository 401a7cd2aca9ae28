import type { ConferenceView, NotificationView } from '@caseroom/contracts';
import { DataSource } from 'typeorm';
import { CaseConflicts } from '../src/features/cases/case-conflicts.use-case';
import { Recipients } from '../src/features/notifications/recipients';
import { ReminderSweep } from '../src/features/notifications/reminder-sweep';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * Notices name a case by its reference, so they follow the policy like everything else: each one is
 * decided when it is listed, counted, marked read or pushed, and a sweep decides its recipients at the
 * policy version current when it writes them.
 */
describe('notices and the policy', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let caseId: string;
  let reference: string;
  let conference: ConferenceView;
  let agencyOf: (code: string) => string;
  const clients: LiveClient[] = [];

  const bearer = (person: TestPerson) => app.bearer(person);
  const notices = async (person: TestPerson) =>
    (await app.http.get('/api/me/notifications').set('Authorization', await bearer(person))).body as NotificationView[];
  const unread = async (person: TestPerson) =>
    ((await app.http.get('/api/me/notifications/unread').set('Authorization', await bearer(person))).body as { unread: number }).unread;
  const probationPerson = () => app.person(['member'], { agencyId: agencyOf('NPDU') });
  /** An action for probation, due in two days: the sweep reminds probation's people of it. */
  const actionForProbation = async () => {
    const created = await app.http
      .post(`/api/cases/${caseId}/actions`)
      .set('Authorization', await bearer(people.get('chair')!))
      .send({
        conferenceId: conference.id,
        compartment: 'panel',
        text: 'Check the licence conditions',
        ownerAgencyId: agencyOf('NPDU'),
        ownerUserId: null,
        dueOn: '2026-12-11',
      });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const recordConflict = (person: TestPerson) =>
    app.get(CaseConflicts).record({ userId: people.get('chair')!.id } as never, caseId, {
      userId: person.id,
      kind: 'friend',
      reason: 'A friend of the suspect',
    });
  const sweep = () => app.get(ReminderSweep).run();

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-12-09T09:00:00Z') });
    url = await app.listen();
    people = await app.seedDemoWorld();
    const coordinator = await bearer(people.get('coordinator')!);
    const agencies = (await app.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    const cases = (await app.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string; reference: string }[];
    ({ id: caseId, reference } = cases[0]);
    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Notices MARAC',
        scheduledAt: '2026-12-09T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: ['NIDVA', 'NPDU'].map(agencyOf),
      });
    conference = (await app.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId }))
      .body as ConferenceView;
    const chair = await LiveClient.connect(url, (await app.signIn(people.get('chair')!)).accessToken);
    clients.push(chair);
    expect(await chair.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it('lists, counts and lets a person mark read only the notices of cases they are not stepped out of', async () => {
    const officer = await probationPerson();
    const actionId = await actionForProbation();
    expect((await sweep()).raised).toBeGreaterThan(0);
    const before = await notices(officer);
    expect(before).toEqual([expect.objectContaining({ kind: 'action_due', caseId, subjectId: actionId })]);
    expect(before[0].message).toContain(reference);
    expect(await unread(officer)).toBe(1);

    await recordConflict(officer);
    expect(await notices(officer)).toEqual([]);
    expect(await unread(officer)).toBe(0);
    const marked = await app.http.post(`/api/me/notifications/${before[0].id}/read`).set('Authorization', await bearer(officer));
    expect(marked.status).toBe(404);
    expect(JSON.stringify(marked.body)).not.toContain(reference);
    // Still stored, and still unread: the notice is hidden, not consumed.
    const [{ read_at: readAt }] = await app
      .get(DataSource)
      .query<{ read_at: Date | null }[]>(`SELECT read_at FROM notifications WHERE id = $1`, [before[0].id]);
    expect(readAt).toBeNull();
  });

  it('marks read a notice its person may see, and counts it no more', async () => {
    const officer = await probationPerson();
    const actionId = await actionForProbation();
    await sweep();
    const notice = (await notices(officer)).find((candidate) => candidate.subjectId === actionId)!;
    const before = await unread(officer);
    expect(before).toBeGreaterThan(0);
    expect((await app.http.post(`/api/me/notifications/${notice.id}/read`).set('Authorization', await bearer(officer))).status).toBe(204);
    expect(await unread(officer)).toBe(before - 1);
    expect((await notices(officer)).find((candidate) => candidate.id === notice.id)!.readAt).not.toBeNull();
  });

  it('decides the recipients of a sweep when it writes them: a conflict recorded meanwhile leaves its person out', async () => {
    const steppedOut = await probationPerson();
    const stillIn = await probationPerson();
    const actionId = await actionForProbation();
    const recipients = app.get(Recipients);
    const decideAgency = recipients.inAgency.bind(recipients);
    let calls = 0;
    const spy = jest.spyOn(recipients, 'inAgency').mockImplementation(async (...args) => {
      const decided = await decideAgency(...args);
      calls += 1;
      // The conflict commits after the sweep decided its recipients, before it writes the notices.
      if (calls === 1) await recordConflict(steppedOut);
      return decided;
    });
    try {
      await sweep();
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBeGreaterThan(1);
    const rows = await app
      .get(DataSource)
      .query<{ recipient_id: string }[]>(`SELECT recipient_id FROM notifications WHERE subject_id = $1`, [actionId]);
    expect(rows.map((row) => row.recipient_id)).toContain(stillIn.id);
    expect(rows.map((row) => row.recipient_id)).not.toContain(steppedOut.id);
  });

  it('pushes a notice live only while its person may still hear of the case, up to the moment it is sent', async () => {
    const listening = await probationPerson();
    const socket = await LiveClient.connect(url, (await app.signIn(listening)).accessToken);
    clients.push(socket);
    await actionForProbation();
    await sweep();
    await socket.next<NotificationView>('notification', (notice) => notice.caseId === caseId);

    const afterwards = await probationPerson();
    const late = await LiveClient.connect(url, (await app.signIn(afterwards)).accessToken);
    clients.push(late);
    await actionForProbation();
    const recipients = app.get(Recipients);
    const known = recipients.casesKnownTo.bind(recipients);
    let decidedFor = 0;
    const spy = jest.spyOn(recipients, 'casesKnownTo').mockImplementation(async (...args) => {
      const decided = await known(...args);
      // Stepped out after the push was decided for them, before it is written to their socket.
      if (args[1] === afterwards.id) {
        decidedFor += 1;
        expect(decided.has(caseId)).toBe(true);
        await recordConflict(afterwards);
      }
      return decided;
    });
    try {
      await sweep();
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      spy.mockRestore();
    }
    expect(decidedFor).toBe(1);
    expect(late.of<NotificationView>('notification')).toEqual([]);
    expect(late.text()).not.toContain(reference);
  });
});
