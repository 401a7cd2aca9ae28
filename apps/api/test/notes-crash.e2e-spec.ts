import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConferenceView } from '@caseroom/contracts';
import { createTestDatabase, dropRedisKeys, testServices, type TestDatabase } from '@caseroom/testing';
import { LiveClient } from './support/live-client';
import { NotesPeer } from './support/notes-peer';
import { builtEntry, ServerProcess } from './support/server-process';
import { testOrigin } from './support/test-origin';

const describeCrash = testServices.postgresUrl && testServices.redisUrl && existsSync(builtEntry) ? describe : describe.skip;

/** Two server processes, ten people typing into the same notes; one process is killed mid-run. */
describeCrash('notes when an instance dies mid-edit (needs TEST_DATABASE_URL, TEST_REDIS_URL and a build)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];
  const urls: string[] = [];
  const clients: LiveClient[] = [];

  const redisPrefix = `notes-crash-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = {
      DATABASE_URL: database.url!,
      REDIS_URL: testServices.redisUrl!,
      REDIS_PREFIX: redisPrefix,
      DEMO_MODE: 'true',
      DATA_DIR: database.dataDir,
      PORT: '0',
      CORS_ORIGINS: testOrigin,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'info',
    };
    servers.push(ServerProcess.start(env));
    urls.push(await servers[0].ready());
    servers.push(ServerProcess.start(env));
    urls.push(await servers[1].ready());
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const server of servers) await server.kill('SIGKILL');
    await database.drop();
    await dropRedisKeys(testServices.redisUrl!, redisPrefix);
  });

  it('loses no acknowledged edit, and every client ends with the same document', async () => {
    const logins = JSON.parse(await readFile(join(database.dataDir, 'demo-logins.json'), 'utf8')) as { email: string; password: string }[];
    const call = async (token: string | null, method: string, path: string, body?: object, url = urls[0]) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return (await response.json()) as never;
    };
    const signIn = async (email: string, password: string) =>
      ((await call(null, 'POST', '/api/auth/login', { email, password })) as { tokens: { accessToken: string } }).tokens.accessToken;
    const demo = (key: string) => {
      const login = logins.find((entry) => entry.email.startsWith(`${key}@`))!;
      return signIn(login.email, login.password);
    };
    const admin = await demo('admin');
    const coordinator = await demo('coordinator');
    const chair = await demo('chair');
    const agencies = (await call(admin, 'GET', '/api/agencies')) as { id: string; code: string }[];
    const invited = agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id);
    const chairId = ((await call(admin, 'GET', '/api/users')) as { id: string; email: string }[]).find((person) =>
      person.email.startsWith('chair@'),
    )!.id;
    const typists: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const created = (await call(admin, 'POST', '/api/users', {
        name: `Typist ${index}`,
        email: `typist${index}@crash.caseroom.test`,
        agencyId: invited[index % invited.length],
        roles: ['member'],
      })) as { email: string; initialPassword: string };
      typists.push(await signIn(created.email, created.initialPassword));
    }
    const caseId = ((await call(coordinator, 'GET', '/api/cases')) as { id: string }[])[0].id;
    const scheduled = (await call(coordinator, 'POST', '/api/conferences', {
      title: 'Crash MARAC',
      scheduledAt: '2026-12-03T10:00:00Z',
      chairId,
      invitedAgencyIds: invited,
    })) as ConferenceView;
    const conference = (await call(coordinator, 'POST', `/api/conferences/${scheduled.id}/agenda`, { caseId })) as ConferenceView;
    const chairClient = await LiveClient.connect(urls[0], chair);
    clients.push(chairClient);
    expect(await chairClient.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    expect(await chairClient.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chairClient.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({
      ok: true,
    });

    const enter = async (token: string, url: string, event: 'conference.acknowledge' | 'conference.join') => {
      const client = await LiveClient.connect(url, token);
      clients.push(client);
      expect(await client.emit(event, { conferenceId: conference.id })).toMatchObject({ ok: true });
      await client.next('agenda.current');
      return client;
    };
    const peers = await Promise.all(
      typists.map(async (token, index) => {
        const peer = new NotesPeer(await enter(token, urls[index % 2], 'conference.acknowledge'), caseId, 'panel');
        await peer.open();
        return peer;
      }),
    );

    // Everyone types a line every 40 ms for three seconds; the second instance is killed after one.
    let typing = true;
    const sessions = peers.map(async (peer, index) => {
      let line = 0;
      let moved = index % 2 === 0;
      while (typing) {
        line += 1;
        void peer.type(`T${index}-L${line}`);
        await new Promise((resolve) => setTimeout(resolve, 40));
        if (!moved && servers[1].child.signalCode !== null) {
          // Its server is gone: reconnect to the other with the same document and carry on.
          moved = true;
          await peer.rebind(await enter(typists[index], urls[0], 'conference.join'));
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await servers[1].kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    typing = false;
    await Promise.all(sessions);
    for (const peer of peers) await Promise.all([...peer.pending]);
    // A last sync each, as a client does on reconnecting: anything relayed while it was away arrives.
    for (const peer of peers) await peer.open();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const texts = peers.map((peer) => peer.text());
    expect(new Set(texts).size).toBe(1);
    const acknowledged = peers.flatMap((peer) => peer.acknowledged);
    expect(acknowledged.length).toBeGreaterThan(200);
    const lines = new Set(texts[0].split('\n'));
    const missing = acknowledged.filter((label) => !lines.has(label));
    expect(missing).toEqual([]);

    // And the database holds them: a server started now, which has never seen the document, returns them all.
    servers.push(ServerProcess.start(env));
    const fresh = await servers[2].ready();
    const stored = (await call(chair, 'GET', `/api/cases/${caseId}/compartments/panel/notes`, undefined, fresh)) as { text: string };
    const storedLines = new Set(stored.text.split('\n'));
    expect(acknowledged.filter((label) => !storedLines.has(label))).toEqual([]);
    expect(stored.text).toBe(texts[0]);
  });
});
