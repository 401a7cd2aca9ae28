import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import type { ConferenceView, CurrentItemView, SteppedOutView } from '@caseroom/contracts';
import type { AccessRecord } from '@caseroom/domain';
import { AccessLogRepository, ConferenceRepository, PersonRepository, verifyAllChains } from '@caseroom/persistence';
import { LiveRooms } from '../src/features/live/live-rooms';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

describe('the live conference room', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let conference: ConferenceView;
  let caseId: string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];

  const token = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    return tokens.get(key)!;
  };
  const connect = async (key: string) => {
    const client = await LiveClient.connect(url, await token(key));
    clients.push(client);
    return client;
  };
  const enter = async (key: string) => {
    const client = await connect(key);
    const ack = await client.emit('conference.acknowledge', { conferenceId: conference.id });
    expect(ack).toMatchObject({ ok: true });
    return client;
  };

  beforeAll(async () => {
    app = await TestApp.start();
    url = await app.listen();
    people = await app.seedDemoWorld();
    const coordinator = `Bearer ${await token('coordinator')}`;
    const agencies = (await app.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    caseId = ((await app.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string }[])[0].id;
    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Northmoor MARAC, 3 December',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [byCode('NIDVA'), byCode('NPDU'), byCode('NCSC')],
      });
    expect(scheduled.status).toBe(201);
    const listed = await app.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId });
    expect(listed.status).toBe(201);
    conference = listed.body as ConferenceView;
    // The suspect's force is invited once their case is on the agenda: everyone of it but the suspect.
    const invited = await app.http
      .post(`/api/conferences/${conference.id}/invitations`)
      .set('Authorization', coordinator)
      .send({ agencyIds: [byCode('NMP')] });
    expect(invited.body).toMatchObject({ leftOutIds: [people.get('suspect')!.id] });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it('leaves the suspect out when their force is invited to a conference that hears their case', async () => {
    const asSuspect = await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', `Bearer ${await token('suspect')}`);
    expect(asSuspect.status).toBe(404);
    expect((await app.http.get('/api/conferences').set('Authorization', `Bearer ${await token('suspect')}`)).body).toEqual([]);
    const asColleague = await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', `Bearer ${await token('colleague')}`);
    expect(asColleague.body.agenda).toEqual([
      { itemId: expect.any(String), position: 1, reference: null, caseId: null, isSteppedOut: true },
    ]);
  });

  describe('the handshake', () => {
    it('refuses a connection without a token, with a forged one, or from another origin', async () => {
      await expect(LiveClient.connect(url, undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const forged = jwt.sign({ sid: 'x' }, 'not-the-key-not-the-key-not-the-key', {
        algorithm: 'HS256',
        audience: 'caseroom-api',
        issuer: 'caseroom',
        subject: 'y',
        expiresIn: 60,
      });
      await expect(LiveClient.connect(url, forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(LiveClient.connect(url, await token('idva'), 'https://evil.example')).rejects.toThrow();
    });

    it('refuses a genuine-looking token that never expires', async () => {
      const claims = jwt.decode(await token('idva')) as jwt.JwtPayload;
      const endless = jwt.sign({ sid: claims.sid, amr: claims.amr }, app.jwtSecret, {
        algorithm: 'HS256',
        subject: people.get('idva')!.id,
        issuer: 'caseroom',
        audience: 'caseroom-api',
      });
      await expect(LiveClient.connect(url, endless)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('answers a malformed event with VALIDATION_FAILED and a flood with RATE_LIMITED', async () => {
      const client = await connect('probation');
      expect(await client.emit('conference.join', { conferenceId: 'not-a-uuid', extra: 1 })).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
      });
      const answers = await Promise.all(Array.from({ length: 60 }, () => client.emit('conference.join', { conferenceId: 'x' })));
      expect(answers.some((answer) => !answer.ok && answer.code === 'RATE_LIMITED')).toBe(true);
      client.close();
    });

    it('answers an event the channel does not have, and keeps no copy of the token that opened the socket', async () => {
      const client = await connect('probation');
      expect(await client.emit('conference.vanish', { conferenceId: conference.id })).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
      });
      // The server's side of the same socket: authenticated from the token, which it then let go.
      const namespace = app.get(LiveRooms)['namespace']!;
      const socket = namespace.sockets.get(client.socket.id!)!;
      expect(socket.data.actor.userId).toBe(people.get('probation')!.id);
      expect(JSON.stringify(socket.handshake)).not.toContain(await token('probation'));
      client.close();
    });
  });

  describe('joining', () => {
    it('sends nothing before the confidentiality statement is acknowledged, then records the time', async () => {
      const client = await connect('idva');
      const refused = await client.emit('conference.join', { conferenceId: conference.id });
      expect(refused).toMatchObject({ ok: false, code: 'CONFIDENTIALITY_NOT_ACKNOWLEDGED', message: conference.confidentialityStatement });
      expect(client.frames).toEqual([]);
      const accepted = await client.emit<ConferenceView>('conference.acknowledge', { conferenceId: conference.id });
      expect(accepted.ok).toBe(true);
      const register = await app.http
        .get(`/api/conferences/${conference.id}/register`)
        .set('Authorization', `Bearer ${await token('coordinator')}`);
      expect(register.body.find((line: { userId: string }) => line.userId === people.get('idva')!.id)).toMatchObject({
        acknowledgedAt: expect.any(String),
        attendance: [{ joinedAt: expect.any(String), leftAt: null }],
      });
      client.close();
    });

    it('refuses someone not invited with the same answer as a conference that does not exist', async () => {
      const client = await connect('investigator');
      const notInvited = await client.emit('conference.acknowledge', { conferenceId: conference.id });
      const missing = await client.emit('conference.acknowledge', { conferenceId: '00000000-0000-4000-8000-000000000000' });
      expect(notInvited).toEqual(missing);
      expect(notInvited).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      client.close();
    });
  });

  describe('a case on the agenda', () => {
    let chair: LiveClient;
    let idva: LiveClient;
    let colleague: LiveClient;

    beforeAll(async () => {
      chair = await enter('chair');
      idva = await enter('idva');
      colleague = await enter('colleague');
      expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
      expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    });

    it('shows presence by agency to everyone in the conference', async () => {
      const presence = await idva.next<{ present: { name: string }[] }>('presence', (view) => view.present.length >= 3);
      expect(presence.present.map((person) => person.name)).toEqual(
        expect.arrayContaining(['DCI Hannah Reid', 'Priya Shah', 'PC Mark Doyle']),
      );
    });

    it('names the people present as their sessions were read, asking the database for no name as they arrive', async () => {
      const names = jest.spyOn(app.get(PersonRepository), 'namesOf');
      const secondTab = await connect('idva');
      try {
        expect(await secondTab.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
        const presence = await secondTab.next<{ present: { userId: string; name: string }[] }>(
          'presence',
          (view) => view.present.length >= 3,
        );
        // Each person once, whatever tabs they have open, in the order of their names.
        expect(presence.present.map((person) => person.name)).toEqual(['DCI Hannah Reid', 'PC Mark Doyle', 'Priya Shah']);
        expect(names).not.toHaveBeenCalled();
      } finally {
        names.mockRestore();
        secondTab.close();
      }
    });

    it('gives admitted members the item, and steps the suspect’s colleague out with nothing but the position', async () => {
      const current = await idva.next<CurrentItemView>('agenda.current');
      expect(current).toMatchObject({ caseId, admitted: ['panel', 'victim'], position: 1 });
      const steppedOut = await colleague.next<SteppedOutView>('agenda.stepped-out');
      expect(steppedOut).toEqual({ conferenceId: conference.id, position: 1, message: 'Item 1: you are not part of this discussion.' });
      expect(colleague.of('agenda.current')).toEqual([]);
      expect(colleague.text()).not.toContain(caseId);
    });

    it('logs what an arriving member is given once, in the transaction that records the arrival', async () => {
      const viewerId = people.get('probation')!.id;
      const readsLogged = async () =>
        app.get(DataSource).query<{ compartment: string; policy_version: string }[]>(
          `SELECT compartment, policy_version::text AS policy_version FROM access_log
              WHERE case_id = $1 AND viewer_id = $2 AND action = 'read' AND channel = 'socket' ORDER BY id`,
          [caseId, viewerId],
        );
      const before = (await readsLogged()).length;
      let groupCommits = 0;
      app.get(AccessLogRepository).onGroupCommit(() => (groupCommits += 1));
      const arriving = await enter('probation');
      const current = await arriving.next<CurrentItemView>('agenda.current');
      const [{ version }] = await app.get(DataSource).query<{ version: string }[]>(`SELECT version::text AS version FROM policy_state`);
      const logged = (await readsLogged()).slice(before);
      expect(logged).toEqual(current.admitted.map((compartment) => ({ compartment, policy_version: version })));
      // A reconnection (the statement acknowledged before) logs again, once, with its own arrival.
      arriving.close();
      const again = await connect('probation');
      expect(await again.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
      await again.next<CurrentItemView>('agenda.current');
      expect((await readsLogged()).slice(before)).toHaveLength(2 * current.admitted.length);
      // Written with the arrival, not by the log's own commit after it; and the chain still holds.
      expect(groupCommits).toBe(0);
      expect((await verifyAllChains(app.get(DataSource))).every(({ verdict }) => verdict.intact)).toBe(true);
      again.close();
    });

    it('records a meeting arriving at once in one commit after the first, each arrival with its own rows; a bad one fails alone', async () => {
      const repository = app.get(ConferenceRepository);
      const commits: number[] = [];
      repository.onArrivalsCommit((arrivals) => commits.push(arrivals));
      const [{ version }] = await app.get(DataSource).query<{ version: string }[]>(`SELECT version::text AS version FROM policy_state`);
      const reason = `arrivals at once ${randomUUID()}`;
      const logOf = (key: string): AccessRecord[] => [
        { viewerId: people.get(key)!.id, caseId, compartment: 'panel', action: 'read', channel: 'socket', policyVersion: version, reason },
      ];
      // Long ago, so that the register's latest line of each person stays their own arrival in this file.
      const at = new Date('2020-01-01T09:00:00Z');
      const acknowledging = ['idva', 'probation', 'csc', 'idva'];
      const arrived = await Promise.all([
        repository.recordJoin(conference.id, people.get('chair')!.id, at),
        ...acknowledging.map((key) => repository.acknowledgeAndRecordJoin(conference.id, people.get(key)!.id, at, logOf(key))),
        repository.recordJoin(conference.id, people.get('probation')!.id, at, logOf('probation')),
      ]);
      // The first went at once; the other five (one person twice among them) waited for it and went together.
      expect(commits).toEqual([1, 5]);
      const attendanceIds = [arrived[0], ...arrived.slice(1, 5).map((one) => (one as { attendanceId: string }).attendanceId), arrived[5]];
      expect(new Set(attendanceIds).size).toBe(6);
      const attendance = await app
        .get(DataSource)
        .query<{ id: string; user_id: string }[]>(
          `SELECT id::text AS id, user_id::text AS user_id FROM attendance WHERE id = ANY($1::uuid[])`,
          [attendanceIds],
        );
      expect(new Map(attendance.map((row) => [row.id, row.user_id]))).toEqual(
        new Map(attendanceIds.map((id, index) => [id, people.get(['chair', ...acknowledging, 'probation'][index])!.id])),
      );
      // Everyone who acknowledged had it recorded, the first acknowledgement kept.
      for (const one of arrived.slice(1, 5)) expect((one as { acknowledgedAt: Date }).acknowledgedAt).toBeInstanceOf(Date);
      const logged = await app
        .get(DataSource)
        .query<{ viewer_id: string }[]>(`SELECT viewer_id::text AS viewer_id FROM access_log WHERE reason = $1 ORDER BY id`, [reason]);
      expect(logged.map((row) => row.viewer_id)).toEqual([...acknowledging, 'probation'].map((key) => people.get(key)!.id));
      // An arrival the database refuses (no such conference) fails alone: the one beside it is recorded.
      commits.length = 0;
      const [first, good, bad] = await Promise.allSettled([
        repository.recordJoin(conference.id, people.get('chair')!.id, at),
        repository.recordJoin(conference.id, people.get('idva')!.id, at, logOf('idva')),
        repository.recordJoin(randomUUID(), people.get('idva')!.id, at, logOf('idva')),
      ]);
      expect([first.status, good.status, bad.status]).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect(commits).toEqual([1, 1]);
      expect(await app.get(DataSource).query(`SELECT 1 FROM access_log WHERE reason = $1`, [reason])).toHaveLength(6);
      expect((await verifyAllChains(app.get(DataSource))).every(({ verdict }) => verdict.intact)).toBe(true);
    });

    it('tells the chair alone who is stepped out of the current item, by id and nothing else', async () => {
      const colleagueId = people.get('colleague')!.id;
      const told = await chair.next<{ conferenceId: string; userIds: string[] }>('presence.stepped-out', (event) =>
        event.userIds.includes(colleagueId),
      );
      expect(told).toEqual({ conferenceId: conference.id, userIds: [colleagueId] });
      expect(idva.of('presence.stepped-out')).toEqual([]);
      expect(colleague.of('presence.stepped-out')).toEqual([]);
    });

    it('sends new content to the compartment’s admitted members only', async () => {
      const entry = await app.http
        .post(`/api/cases/${caseId}/compartments/victim/entries`)
        .set('Authorization', `Bearer ${await token('idva')}`)
        .send({ text: 'LIVE-VICTIM-ENTRY Victim has moved to the refuge.' });
      expect(entry.status).toBe(201);
      await chair.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('LIVE-VICTIM-ENTRY'));
      await idva.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('LIVE-VICTIM-ENTRY'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(colleague.text()).not.toContain('LIVE-VICTIM-ENTRY');
    });

    it('cuts a member off the moment a conflict is recorded, even while content keeps flowing', async () => {
      const probationToken = `Bearer ${await token('probation')}`;
      let sequence = 0;
      let publishing = true;
      const publisher = (async () => {
        while (publishing) {
          sequence += 1;
          await app.http
            .post(`/api/cases/${caseId}/compartments/panel/entries`)
            .set('Authorization', probationToken)
            .send({ text: `RACE-${sequence}` });
        }
      })();
      await idva.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('RACE-'));
      const ack = await chair.emit('conflict.record', {
        conferenceId: conference.id,
        caseId,
        userId: people.get('idva')!.id,
        kind: 'friend',
        reason: 'Knows the suspect',
      });
      const cut = sequence + 1; // every entry numbered from here on was published after the revocation returned
      expect(ack).toEqual({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      publishing = false;
      await publisher;
      const received = idva.of<{ entry: { text: string } }>('case.entry').map((payload) => Number(payload.entry.text.replace('RACE-', '')));
      expect(received.filter((number) => number >= cut)).toEqual([]);
      expect(idva.of('case.drop')).toEqual([{ caseId }]);
      await idva.next('agenda.stepped-out');
      expect(sequence).toBeGreaterThan(cut);
    });

    it('steps out someone who becomes the suspect’s line manager, though the change was made to the suspect', async () => {
      const psd = await enter('psd');
      await psd.next<CurrentItemView>('agenda.current');
      const admin = `Bearer ${await token('admin')}`;
      const suspectId = people.get('suspect')!.id;
      const moved = await app.http
        .patch(`/api/users/${suspectId}`)
        .set('Authorization', admin)
        .send({ lineManagerId: people.get('psd')!.id });
      expect(moved.status).toBe(200);
      // The change has taken effect by the time the request returns: what is published next never reaches them.
      const after = await app.http
        .post(`/api/cases/${caseId}/compartments/panel/entries`)
        .set('Authorization', `Bearer ${await token('chair')}`)
        .send({ text: 'AFTER-THE-MOVE panel note' });
      expect(after.status).toBe(201);
      await psd.next('case.drop');
      await psd.next('agenda.stepped-out');
      await chair.next('case.entry', (payload: { entry: { text: string } }) => payload.entry.text.startsWith('AFTER-THE-MOVE'));
      expect(psd.text()).not.toContain('AFTER-THE-MOVE');
      const admittedBefore = psd.of('agenda.current').length;
      const restored = await app.http
        .patch(`/api/users/${suspectId}`)
        .set('Authorization', admin)
        .send({ lineManagerId: people.get('sergeant')!.id });
      expect(restored.status).toBe(200);
      await psd.next('agenda.current', () => psd.of('agenda.current').length > admittedBefore);
      psd.close();
    });
  });

  describe('sessions', () => {
    it('disconnects a socket whose session an administrator revokes', async () => {
      const client = await enter('csc');
      const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
      const revoke = await app.http
        .post(`/api/users/${people.get('csc')!.id}/sessions/revoke`)
        .set('Authorization', `Bearer ${await token('admin')}`);
      expect(revoke.status).toBe(200);
      await disconnected;
      expect(client.of('session.ended')).toEqual([{ reason: 'revoked' }]);
      tokens.delete('csc');
    });

    it('disconnects a socket when its access token expires, and a reconnection is asked the policy again', async () => {
      const person = people.get('idva')!;
      const claims = jwt.decode(await token('idva')) as jwt.JwtPayload;
      const shortLived = jwt.sign({ sid: claims.sid, amr: claims.amr }, app.jwtSecret, {
        algorithm: 'HS256',
        subject: person.id,
        issuer: 'caseroom',
        audience: 'caseroom-api',
        expiresIn: 2,
      });
      const client = await LiveClient.connect(url, shortLived);
      clients.push(client);
      const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
      await disconnected;
      expect(client.of('session.ended')).toEqual([{ reason: 'expired' }]);
      const again = await connect('idva');
      expect(await again.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
      await again.next('agenda.stepped-out');
      expect(again.of('agenda.current')).toEqual([]);
    });
  });

  it('takes a socket that moves to another conference out of the first one', async () => {
    const coordinator = `Bearer ${await token('coordinator')}`;
    const other = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Northmoor MARAC, 10 December',
        scheduledAt: '2026-12-10T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedUserIds: [people.get('csc')!.id],
      });
    expect(other.status).toBe(201);
    const mover = await enter('csc');
    expect(await mover.emit('conference.acknowledge', { conferenceId: other.body.id })).toMatchObject({ ok: true });
    const movedAt = mover.frames.length;
    const stayer = await enter('chair');
    await stayer.next<{ present: { userId: string }[] }>('presence', (view) =>
      view.present.some((person) => person.userId === people.get('chair')!.id),
    );
    // The first conference's presence no longer reaches the socket that moved, and no longer lists it.
    const present = stayer.of<{ conferenceId: string; present: { userId: string }[] }>('presence').at(-1)!;
    expect(present.present.map((person) => person.userId)).not.toContain(people.get('csc')!.id);
    expect(
      mover.frames.slice(movedAt).filter((frame) => (frame.payload as { conferenceId?: string })?.conferenceId === conference.id),
    ).toEqual([]);
    const register = await app.http.get(`/api/conferences/${conference.id}/register`).set('Authorization', coordinator);
    const line = (register.body as { userId: string; attendance: { leftAt: string | null }[] }[]).find(
      (entry) => entry.userId === people.get('csc')!.id,
    )!;
    expect(line.attendance.at(-1)!.leftAt).toEqual(expect.any(String));
  });

  it('lets the chair remove a participant, who is told, leaves the room, and is not answered by a read begun before', async () => {
    const client = await enter('probation');
    const chairToken = await token('chair');
    const chair = await LiveClient.connect(url, chairToken);
    clients.push(chair);
    const probationId = people.get('probation')!.id;
    // Their read of the conference has found them a participant; the removal returns before it answers.
    const repository = app.get(ConferenceRepository);
    const acknowledgedAt = repository.acknowledgedAt.bind(repository);
    let removal: unknown = null;
    const held = jest.spyOn(repository, 'acknowledgedAt').mockImplementation(async (conferenceId, userId) => {
      const answer = await acknowledgedAt(conferenceId, userId);
      if (userId === probationId && removal === null)
        removal = await chair.emit('participant.remove', { conferenceId: conference.id, userId: probationId });
      return answer;
    });
    let read: { status: number; body: unknown };
    try {
      read = await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', `Bearer ${await token('probation')}`);
    } finally {
      held.mockRestore();
    }
    expect(removal).toEqual({ ok: true });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(conference.title);
    await client.next('conference.removed');
    expect(await client.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('lists the conferences a person chairs, coordinates or is invited to, by date, leaving out one they were removed from', async () => {
    const titles = async (key: string) =>
      ((await app.http.get('/api/conferences').set('Authorization', `Bearer ${await token(key)}`)).body as ConferenceView[]).map(
        (listed) => listed.title,
      );
    const both = ['Northmoor MARAC, 3 December', 'Northmoor MARAC, 10 December'];
    expect(await titles('chair')).toEqual(both);
    expect(await titles('coordinator')).toEqual(both);
    // Invited to the first with their agency and to the second by name.
    expect(await titles('csc')).toEqual(both);
    // Invited to the first with their agency, then removed; never invited to the second.
    expect(await titles('probation')).toEqual([]);
    // Each listed conference is exactly as the conference alone shows it to that person: its agenda, the
    // items they are stepped out of (the colleague, from the case), and whether they acknowledged.
    let compared = 0;
    for (const key of ['chair', 'coordinator', 'csc', 'idva', 'colleague']) {
      const bearer = `Bearer ${await token(key)}`;
      const listed = (await app.http.get('/api/conferences').set('Authorization', bearer)).body as ConferenceView[];
      for (const view of listed) {
        expect(view).toEqual((await app.http.get(`/api/conferences/${view.id}`).set('Authorization', bearer)).body);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('closes: everyone is told, leaves the case rooms, and the register records their leaving', async () => {
    const member = await enter('psd');
    const chair = await LiveClient.connect(url, await token('chair'));
    clients.push(chair);
    expect(await chair.emit('conference.close', { conferenceId: conference.id })).toEqual({ ok: true });
    await member.next<{ status: string }>('conference.status', (view) => view.status === 'closed');
    const closed = await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', `Bearer ${await token('psd')}`);
    expect(closed.body.status).toBe('closed');
    const register = await app.http
      .get(`/api/conferences/${conference.id}/register`)
      .set('Authorization', `Bearer ${await token('coordinator')}`);
    const line = (register.body as { userId: string; attendance: { leftAt: string | null }[] }[]).find(
      (entry) => entry.userId === people.get('psd')!.id,
    )!;
    expect(line.attendance.at(-1)!.leftAt).toEqual(expect.any(String));
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });

  it('never logs content that reached the room', () => {
    expect(app.logs.text).not.toContain('LIVE-VICTIM-ENTRY');
    expect(app.logs.text).not.toContain('RACE-');
  });
});
