import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ConferenceMinutesView, ExposureAlertView, NotificationView } from '@caseroom/contracts';
import { compartments } from '@caseroom/domain';
import { refusalChain, verifyChain } from '@caseroom/persistence';
import { Canaries } from '@caseroom/testing';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

interface RefusalRow {
  person_id: string;
  case_id: string | null;
  attempted: string | null;
  channel: string;
  attempt: string;
  reason: string;
}

/**
 * Refused attempts leave a trace, and the refused person receives exactly what they did before (what an
 * id that names nothing receives). An attempt by someone linked to a case's suspect alerts professional
 * standards of the suspect's force and the IOPC, once per burst, live; never anyone linked to the suspect,
 * and never with content.
 */
describe('exposure: refused attempts traced and alerted', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let url: string;
  let conferenceId: string;
  let caseId: string;
  let otherCaseId: string;
  let chairCopyId: string;
  const canaries = new Canaries();
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];

  const auth = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    return `Bearer ${tokens.get(key)!}`;
  };
  const as = async (key: string) => {
    const header = await auth(key);
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
      patch: (path: string, body: object) => app.http.patch(path).set('Authorization', header).send(body),
    };
  };
  const live = async (key: string) => {
    const client = await LiveClient.connect(url, (await auth(key)).slice('Bearer '.length));
    clients.push(client);
    return client;
  };
  const refusalsOf = (key: string) =>
    app
      .get(DataSource)
      .query<RefusalRow[]>(
        `SELECT person_id, case_id, attempted, channel, attempt, reason FROM refusals WHERE person_id = $1 ORDER BY id`,
        [people.get(key)!.id],
      );
  /** The trace is written apart from the answer: wait for it to hold what is expected. */
  const eventually = async <T>(read: () => Promise<T>, test: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const value = await read();
      if (test(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return read();
  };
  const noticesOf = async (key: string) =>
    ((await (await as(key)).get('/api/me/notifications')).body as NotificationView[]).filter((notice) => notice.kind === 'exposure_alert');
  /** An answer as the refused person reads it, but for the id every answer carries of its own request. */
  const answer = (response: { status: number; text: string }) => `${response.status} ${response.text.replace(/"requestId":"[^"]+"/, '')}`;

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-12-01T09:00:00Z') });
    people = await app.seedDemoWorld({ withConference: true });
    url = await app.listen();
    const coordinator = await as('coordinator');
    const chair = await as('chair');
    const conferences = (await coordinator.get('/api/conferences')).body as { id: string; title: string }[];
    conferenceId = conferences.find((conference) => conference.title === 'Northmoor MARAC')!.id;
    const plan = (await coordinator.get(`/api/conferences/${conferenceId}/plan`)).body as { agenda: { itemId: string; caseId: string }[] };
    [caseId, otherCaseId] = plan.agenda.map((item) => item.caseId);
    for (const compartment of compartments)
      expect(
        (await chair.post(`/api/cases/${caseId}/compartments/${compartment}/entries`, { text: canaries.plant(compartment, 'entry') }))
          .status,
      ).toBe(201);
    // The second officer of professional standards is linked to the suspect: they must hear of nothing.
    expect(
      (await chair.post(`/api/cases/${caseId}/conflicts`, { userId: people.get('psd2')!.id, kind: 'friend', reason: 'Known socially' }))
        .status,
    ).toBe(204);

    // Minutes of the meeting, so that there is a copy whose link the suspect's colleague can try.
    const room = await live('chair');
    expect(await room.emit('conference.acknowledge', { conferenceId })).toMatchObject({ ok: true });
    expect(await room.emit('conference.open', { conferenceId })).toEqual({ ok: true });
    expect(await room.emit('conference.close', { conferenceId })).toEqual({ ok: true });
    const draft = (await chair.post(`/api/conferences/${conferenceId}/minutes/draft`)).body as ConferenceMinutesView;
    const approved = (await chair.post(`/api/conferences/${conferenceId}/minutes/approve`, { revision: draft.draft!.revision }))
      .body as ConferenceMinutesView;
    const distributed = (await coordinator.post(`/api/minutes/${approved.versions[0].minutesId}/distribute`)).body as ConferenceMinutesView;
    chairCopyId = distributed.copies.find((copy) => copy.recipientId === people.get('chair')!.id)!.copyId;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it("answers the suspect's colleague byte for byte as for an id that names nothing, on REST, the socket and a minutes link, and traces each refusal", async () => {
    const colleague = await as('colleague');
    const nothing = randomUUID();
    expect(answer(await colleague.get(`/api/cases/${caseId}`))).toBe(answer(await colleague.get(`/api/cases/${nothing}`)));
    expect(answer(await colleague.get(`/api/cases/${caseId}/compartments/panel/notes`))).toBe(
      answer(await colleague.get(`/api/cases/${nothing}/compartments/panel/notes`)),
    );
    const socket = await live('colleague');
    const sync = (target: string) =>
      socket.emit('notes.sync', { caseId: target, compartment: 'panel', epoch: null, message: new Uint8Array([0, 0]) });
    expect(await sync(caseId)).toEqual(await sync(nothing));
    const copy = await colleague.get(`/api/me/minutes/${chairCopyId}/file?format=pdf`);
    expect(answer(copy)).toBe(answer(await colleague.get(`/api/me/minutes/${randomUUID()}/file?format=pdf`)));

    const rows = await eventually(
      () => refusalsOf('colleague'),
      (found) => found.filter((row) => row.case_id === caseId).length >= 4,
    );
    const onCase = rows.filter((row) => row.case_id === caseId);
    expect(onCase.map((row) => `${row.channel} ${row.attempt}`).sort()).toEqual([
      'export download',
      'http read',
      'http read',
      'socket sync',
    ]);
    for (const row of onCase) expect(row.reason).toBe('conflict:same-unit-as-suspect');
    // The ids that name no case are traced as guesses, with the id as tried.
    const guesses = rows.filter((row) => row.case_id === null);
    expect(guesses.map((row) => row.attempt)).toEqual(['guess', 'guess', 'guess']);
    expect(guesses.every((row) => row.attempted === nothing && row.reason === 'no-such-case')).toBe(true);
    // A person admitted receives the case: the same routes are not refusals for them, and leave no trace.
    expect((await (await as('idva')).get(`/api/cases/${caseId}`)).status).toBe(200);
    expect(await refusalsOf('idva')).toEqual([]);
  });

  it('traces a search that the policy withholds, answered as for a reference that does not exist', async () => {
    // The coordinator is linked to the second case's suspect from now on.
    expect(
      (
        await (
          await as('chair')
        ).post(`/api/cases/${otherCaseId}/conflicts`, { userId: people.get('coordinator')!.id, kind: 'family', reason: 'A cousin' })
      ).status,
    ).toBe(204);
    const coordinator = await as('coordinator');
    const reference = ((await (await as('chair')).get(`/api/cases/${otherCaseId}`)).body as { reference: string }).reference;
    const search = (term: string) => coordinator.get(`/api/triage?reference=${term}`);
    expect(answer(await search(reference))).toBe(answer(await search('CR-2026-9999')));
    const rows = await eventually(
      () => refusalsOf('coordinator'),
      (found) => found.some((row) => row.attempt === 'search'),
    );
    expect(rows.find((row) => row.attempt === 'search')).toMatchObject({
      case_id: otherCaseId,
      channel: 'http',
      reason: 'conflict:recorded',
    });
  });

  it('alerts PSD of the force and the IOPC once per burst, live, never the PSD officer linked to the suspect, and with no content', async () => {
    const psdLive = await live('psd');
    const iopcLive = await live('iopc');
    const psd2Live = await live('psd2');
    const heard = Promise.all([
      psdLive.next<NotificationView>('notification', (notice) => notice.kind === 'exposure_alert'),
      iopcLive.next<NotificationView>('notification', (notice) => notice.kind === 'exposure_alert'),
    ]);
    // Another of the suspect's team tries the case three ways in a burst.
    const sergeant = await as('sergeant');
    await sergeant.get(`/api/cases/${caseId}`);
    await sergeant.get(`/api/cases/${caseId}/compartments/victim/notes`);
    const socket = await live('sergeant');
    await socket.emit('notes.sync', { caseId, compartment: 'victim', epoch: null, message: new Uint8Array([0, 0]) });
    const [toPsd, toIopc] = await heard;
    for (const notice of [toPsd, toIopc]) {
      expect(notice.caseId).toBe(caseId);
      expect(notice.message).toContain('Sgt Rachel Moss');
      expect(canaries.anyIn(notice.message)).toBe(false);
    }
    await eventually(
      () => refusalsOf('sergeant'),
      (rows) => rows.length >= 3,
    );
    // One alert for the sergeant's burst (and one for the colleague's before), each told once to each.
    const psdNotices = await eventually(
      () => noticesOf('psd'),
      (notices) => notices.length >= 2,
    );
    expect(psdNotices.filter((notice) => notice.message.includes('Sgt Rachel Moss'))).toHaveLength(1);
    expect(psdNotices.filter((notice) => notice.message.includes('PC Mark Doyle'))).toHaveLength(1);
    expect((await noticesOf('iopc')).filter((notice) => notice.message.includes('Sgt Rachel Moss'))).toHaveLength(1);
    expect(await noticesOf('psd2')).toEqual([]);
    expect(psd2Live.of<NotificationView>('notification').filter((notice) => notice.kind === 'exposure_alert')).toEqual([]);

    const alerts = await (await as('psd')).get('/api/exposure-alerts');
    expect(alerts.status).toBe(200);
    expect(canaries.anyIn(alerts.text)).toBe(false);
    const sergeants = (alerts.body as ExposureAlertView[]).find((alert) => alert.personName === 'Sgt Rachel Moss')!;
    expect(sergeants).toMatchObject({
      kind: 'linked_attempt',
      attempts: 3,
      channels: ['http', 'socket'],
      reason: 'conflict:same-unit-as-suspect',
    });
    expect(((await (await as('psd2')).get('/api/exposure-alerts')).body as ExposureAlertView[]).length).toBe(0);
    expect(((await (await as('sergeant')).get('/api/exposure-alerts')).body as ExposureAlertView[]).length).toBe(0);
  });

  it('is acknowledged by professional standards with what they did, once', async () => {
    const psd = await as('psd');
    const alert = ((await psd.get('/api/exposure-alerts')).body as ExposureAlertView[]).find(
      (candidate) => candidate.personName === 'Sgt Rachel Moss',
    )!;
    const empty = await psd.post(`/api/exposure-alerts/${alert.id}/acknowledgement`, { actionTaken: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'body.actionTaken' })]);
    const done = await psd.post(`/api/exposure-alerts/${alert.id}/acknowledgement`, {
      actionTaken: 'Spoke to the sergeant; access reviewed.',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ acknowledgedByName: 'DI Sam Carter', actionTaken: 'Spoke to the sergeant; access reviewed.' });
    expect((await psd.post(`/api/exposure-alerts/${alert.id}/acknowledgement`, { actionTaken: 'Again' })).status).toBe(409);
    // Someone who may not see it finds no such alert.
    expect((await (await as('psd2')).post(`/api/exposure-alerts/${alert.id}/acknowledgement`, { actionTaken: 'x' })).status).toBe(404);
  });

  it('alerts the IOPC to someone refused on many cases in a short time', async () => {
    const probation = await as('probation');
    for (let index = 0; index < 5; index += 1) await probation.get(`/api/cases/${randomUUID()}`);
    const notices = await eventually(
      () => noticesOf('iopc'),
      (found) => found.some((notice) => notice.message.includes('Tom Okafor')),
    );
    expect(notices.filter((notice) => notice.message.includes('Tom Okafor'))).toHaveLength(1);
    const alerts = (await (await as('iopc')).get('/api/exposure-alerts')).body as ExposureAlertView[];
    expect(alerts.find((alert) => alert.personName === 'Tom Okafor')).toMatchObject({ kind: 'unusual_pattern', reference: null });
  });

  it('keeps the trace in a chain that audit:verify checks', async () => {
    expect(await verifyChain(app.get(DataSource), refusalChain)).toMatchObject({ intact: true });
    const [{ n }] = await app.get(DataSource).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM refusals`);
    expect(n).toBeGreaterThan(10);
  });
});
