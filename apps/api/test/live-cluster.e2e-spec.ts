import type { ConferenceView, CurrentItemView } from '@caseroom/contracts';
import { decodeAwareness, encodeAwareness } from '@caseroom/realtime';
import { describeWithRedis } from '@caseroom/testing';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

/** Three instances, one database, one Redis: the room is the same whichever instance a client reached. */
describeWithRedis('the live room across three instances', () => {
  const instances: TestApp[] = [];
  const urls: string[] = [];
  let people: Map<string, TestPerson>;
  let conference: ConferenceView;
  let caseId: string;
  const clients: LiveClient[] = [];
  const tokens = new Map<string, string>();

  const token = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await instances[0].signIn(people.get(key)!)).accessToken);
    return tokens.get(key)!;
  };
  const enter = async (key: string, instance: number) => {
    const client = await LiveClient.connect(urls[instance], await token(key));
    clients.push(client);
    expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    return client;
  };

  beforeAll(async () => {
    const first = await TestApp.start({ withRedis: true });
    instances.push(first);
    for (let index = 0; index < 2; index += 1) {
      instances.push(
        await TestApp.start({
          withRedis: true,
          sharedDatabase: first.database,
          sharedSecrets: { jwtSecret: first.jwtSecret, dataKey: first.dataKey },
        }),
      );
    }
    for (const instance of instances) urls.push(await instance.listen());
    people = await first.seedDemoWorld();
    const coordinator = `Bearer ${await token('coordinator')}`;
    const agencies = (await first.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    caseId = ((await first.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string }[])[0].id;
    const scheduled = await first.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Cluster MARAC',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [byCode('NIDVA'), byCode('NPDU')],
      });
    conference = (await first.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId }))
      .body as ConferenceView;
    // The suspect's force, once their case is listed: everyone of it but the suspect.
    await first.http
      .post(`/api/conferences/${conference.id}/invitations`)
      .set('Authorization', coordinator)
      .send({ agencyIds: [byCode('NMP')] });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    // Let the departures settle across instances before any of them closes its Redis connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it('shows the same presence and agenda to clients on different instances, and revokes across them', async () => {
    const chair = await enter('chair', 0);
    const idva = await enter('idva', 1);
    const colleague = await enter('colleague', 2);
    for (const client of [chair, idva, colleague]) {
      await client.next<{ present: unknown[] }>('presence', (view) => view.present.length === 3);
    }

    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    expect((await idva.next<CurrentItemView>('agenda.current')).admitted).toEqual(['panel', 'victim']);
    await colleague.next('agenda.stepped-out');
    expect(colleague.text()).not.toContain(caseId);

    // Content published through the third instance, a conflict recorded through the first, for a client on the second.
    const probation = `Bearer ${await token('probation')}`;
    let sequence = 0;
    let publishing = true;
    const publisher = (async () => {
      while (publishing) {
        sequence += 1;
        await instances[2].http
          .post(`/api/cases/${caseId}/compartments/panel/entries`)
          .set('Authorization', probation)
          .send({ text: `CLUSTER-${sequence}` });
      }
    })();
    await idva.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('CLUSTER-'));
    // The IDVA's caret in the victim notes reaches the chair on another instance, and goes when she is stepped out.
    type AwarenessFrame = { compartment: string; message: Uint8Array };
    const caret = (frame: AwarenessFrame) => decodeAwareness(new Uint8Array(frame.message)).find((entry) => entry.clientId === 52_001);
    const awareness = encodeAwareness([{ clientId: 52_001, clock: 1, state: { user: {} } as never }]);
    expect(await idva.emit('notes.awareness', { caseId, compartment: 'victim', message: awareness })).toEqual({ ok: true });
    await chair.next<AwarenessFrame>('notes.awareness', (frame) => caret(frame)?.state !== null);
    const ack = await chair.emit('conflict.record', {
      conferenceId: conference.id,
      caseId,
      userId: people.get('idva')!.id,
      kind: 'colleague',
      reason: 'Worked with the suspect',
    });
    const cut = sequence + 1;
    expect(ack).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    publishing = false;
    await publisher;
    const late = idva
      .of<{ entry: { text: string } }>('case.entry')
      .map((payload) => Number(payload.entry.text.replace('CLUSTER-', '')))
      .filter((number) => number >= cut);
    expect(late).toEqual([]);
    expect(sequence).toBeGreaterThan(cut);
    await idva.next('agenda.stepped-out');
    await chair.next<AwarenessFrame>('notes.awareness', (frame) => caret(frame)?.state === null);

    // A session revoked through the third instance ends a socket held by the second.
    const disconnected = new Promise((resolve) => idva.socket.once('disconnect', resolve));
    const admin = `Bearer ${await token('admin')}`;
    expect((await instances[2].http.post(`/api/users/${people.get('idva')!.id}/sessions/revoke`).set('Authorization', admin)).status).toBe(
      200,
    );
    await disconnected;
    expect(idva.of('session.ended')).toEqual([{ reason: 'revoked' }]);
  });

  it('decides on one instance from what another instance changed a moment before', async () => {
    const psd = `Bearer ${await token('psd')}`;
    const admin = `Bearer ${await token('admin')}`;
    const psdId = people.get('psd')!.id;
    const original = (await instances[0].http.get(`/api/users/${psdId}`).set('Authorization', admin)).body as {
      lineManagerId: string | null;
    };
    const read = async () => (await instances[2].http.get(`/api/cases/${caseId}`).set('Authorization', psd)).status;
    expect(await read()).toBe(200);
    // Their own profile changes on the first instance: now managed by the suspect.
    const linked = await instances[0].http
      .patch(`/api/users/${psdId}`)
      .set('Authorization', admin)
      .send({ lineManagerId: people.get('suspect')!.id });
    expect(linked.status).toBe(200);
    expect(await read()).toBe(404);
    expect(
      (await instances[1].http.patch(`/api/users/${psdId}`).set('Authorization', admin).send({ lineManagerId: original.lineManagerId }))
        .status,
    ).toBe(200);
    expect(await read()).toBe(200);
    // The case changes on the first instance: a conflict recorded on them.
    const recorded = await instances[0].http
      .post(`/api/cases/${caseId}/conflicts`)
      .set('Authorization', `Bearer ${await token('chair')}`)
      .send({ userId: psdId, kind: 'other', reason: 'Recorded by the chair' });
    expect(recorded.status).toBe(204);
    expect(await read()).toBe(404);
  });
});
