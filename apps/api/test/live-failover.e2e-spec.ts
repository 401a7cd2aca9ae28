import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConferenceView, CurrentItemView } from '@caseroom/contracts';
import { createTestDatabase, dropRedisKeys, testServices, type TestDatabase } from '@caseroom/testing';
import { LiveClient } from './support/live-client';
import { builtEntry, ServerProcess } from './support/server-process';
import { testOrigin } from './support/test-app';

const describeFailover = testServices.postgresUrl && testServices.redisUrl && existsSync(builtEntry) ? describe : describe.skip;

/** Three server processes; one is killed outright; its clients carry on through another. */
describeFailover('when an instance dies (needs TEST_DATABASE_URL, TEST_REDIS_URL and a build)', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const urls: string[] = [];
  const clients: LiveClient[] = [];
  let logins: { email: string; password: string }[];

  const signIn = async (key: string, url = urls[0]) => {
    const login = logins.find((candidate) => candidate.email.startsWith(`${key}@`))!;
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: login.email, password: login.password }),
    });
    const body = (await response.json()) as { tokens?: { accessToken: string } };
    if (!body.tokens) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
    return body.tokens.accessToken;
  };
  const api = async (token: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${urls[0]}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await response.json()) as Record<string, unknown> & unknown[];
  };

  const redisPrefix = `failover-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url!,
      REDIS_URL: testServices.redisUrl!,
      REDIS_PREFIX: redisPrefix,
      DEMO_MODE: 'true',
      DATA_DIR: database.dataDir,
      PORT: '0',
      CORS_ORIGINS: testOrigin,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
    };
    // The first seeds the demo world; the others find it there.
    servers.push(ServerProcess.start({ ...env, LOG_LEVEL: 'info' }));
    urls.push(await servers[0].ready());
    for (let index = 0; index < 2; index += 1) servers.push(ServerProcess.start({ ...env, LOG_LEVEL: 'info' }));
    for (const server of servers.slice(1)) urls.push(await server.ready());
    logins = JSON.parse(await readFile(join(database.dataDir, 'demo-logins.json'), 'utf8')) as typeof logins;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const server of servers) await server.kill('SIGKILL');
    await database.drop();
    await dropRedisKeys(testServices.redisUrl!, redisPrefix);
  });

  it('keeps serving, and the killed instance’s clients reconnect elsewhere to the same room', async () => {
    const coordinator = await signIn('coordinator');
    const agencies = (await api(coordinator, 'GET', '/api/agencies')) as unknown as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    const caseId = ((await api(coordinator, 'GET', '/api/cases')) as unknown as { id: string }[])[0].id;
    const people = (await api(await signIn('admin'), 'GET', '/api/users')) as unknown as { id: string; email: string }[];
    const chairId = people.find((person) => person.email.startsWith('chair@'))!.id;
    const scheduled = (await api(coordinator, 'POST', '/api/conferences', {
      title: 'Failover MARAC',
      scheduledAt: '2026-12-03T10:00:00Z',
      chairId,
      invitedAgencyIds: [byCode('NIDVA'), byCode('NPDU')],
    })) as unknown as ConferenceView;
    const conference = (await api(coordinator, 'POST', `/api/conferences/${scheduled.id}/agenda`, { caseId })) as unknown as ConferenceView;

    const enter = async (key: string, instance: number) => {
      const client = await LiveClient.connect(urls[instance], await signIn(key));
      clients.push(client);
      expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
      return client;
    };
    const chair = await enter('chair', 0);
    const idva = await enter('idva', 2);
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    await idva.next<CurrentItemView>('agenda.current');

    const lost = new Promise((resolve) => idva.socket.once('disconnect', resolve));
    await servers[2].kill('SIGKILL');
    await lost;

    for (const url of urls.slice(0, 2)) expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    const again = await LiveClient.connect(urls[1], await signIn('idva', urls[1]));
    clients.push(again);
    expect(await again.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
    expect((await again.next<CurrentItemView>('agenda.current')).caseId).toBe(caseId);

    // The chair, on a surviving instance, still runs the room; the reconnected client feels it.
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    const idvaId = people.find((person) => person.email.startsWith('idva@'))!.id;
    expect(
      await chair.emit('conflict.record', { conferenceId: conference.id, caseId, userId: idvaId, kind: 'other', reason: 'Test' }),
    ).toEqual({ ok: true });
    await again.next('case.drop');
    await again.next('agenda.stepped-out');
  });
});
