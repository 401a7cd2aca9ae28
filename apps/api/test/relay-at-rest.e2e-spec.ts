import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { ConferenceView } from '@caseroom/contracts';
import { notesFragment, spanOf } from '@caseroom/realtime';
import { describeWithRedis, simpleEncodings, testServices } from '@caseroom/testing';
import { LiveClient } from './support/live-client';
import { NotesPeer } from './support/notes-peer';
import { TestApp, type TestPerson } from './support/test-app';

/** Every key under the deployment's prefix, whatever its type, as text: what a reader of Redis would get. */
async function everythingStored(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    for (const key of keys) {
      const type = await redis.type(key);
      parts.push(key);
      if (type === 'string') parts.push(((await redis.getBuffer(key)) ?? Buffer.alloc(0)).toString('latin1'));
      if (type === 'hash') parts.push((await redis.hgetallBuffer(key)) ? JSON.stringify(await redis.hgetall(key)) : '');
      if (type === 'list') parts.push((await redis.lrangeBuffer(key, 0, -1)).map((item) => item.toString('latin1')).join('\n'));
      if (type === 'set') parts.push((await redis.smembersBuffer(key)).map((item) => item.toString('latin1')).join('\n'));
      if (type === 'zset') parts.push((await redis.zrangeBuffer(key, 0, -1)).map((item) => item.toString('latin1')).join('\n'));
      if (type === 'stream')
        parts.push(
          (await redis.xrangeBuffer(key, '-', '+')).flatMap(([, fields]) => fields.map((field) => field.toString('latin1'))).join('\n'),
        );
    }
    cursor = next;
  } while (cursor !== '0');
  return parts.join('\n');
}

/**
 * Redis is a copy of what the live relay carries between instances, never the only one, and never
 * readable: after a live session whose notes held a canary, and a redaction of it, neither what Redis
 * stores nor anything sent to it during the session holds the canary in any simple encoding.
 */
describeWithRedis('what Redis holds of a live session', () => {
  const instances: TestApp[] = [];
  const clients: LiveClient[] = [];
  let people: Map<string, TestPerson>;

  beforeAll(async () => {
    const first = await TestApp.start({ withRedis: true });
    instances.push(
      first,
      await TestApp.start({
        withRedis: true,
        sharedDatabase: first.database,
        sharedSecrets: { jwtSecret: first.jwtSecret, dataKey: first.dataKey },
      }),
    );
    people = await first.seedDemoWorld();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await instances[1].stop();
    await instances[0].stop();
  });

  it('holds no canary, in clear or in any simple encoding, after the notes were typed, relayed and redacted', async () => {
    const [first, second] = instances;
    const urls = [await first.listen(), await second.listen()];
    const coordinator = await first.bearer(people.get('coordinator')!);
    const agencies = (await first.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    const caseId = ((await first.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string }[])[0].id;
    const scheduled = await first.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Relay MARAC',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [byCode('NIDVA')],
      });
    const conference = (
      await first.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId })
    ).body as ConferenceView;

    const traffic: string[] = [];
    // MONITOR sees every client of this Redis, other test files' included: only this deployment's commands
    // are kept. ioredis marks a connection as monitoring a microtask after Redis said OK, so monitor lines that
    // arrive in the same chunk reach its command queue and it reports "Command queue state error"; the
    // watcher listens for errors from its first moment, starts again on one, and the test still insists that
    // it saw this deployment's writes.
    const watchers: Redis[] = [];
    const watch = async (): Promise<void> => {
      const monitor = new Redis(testServices.redisUrl!, { monitor: true, lazyConnect: true });
      watchers.push(monitor);
      monitor.on('error', () => {
        if (monitor.status === 'end') return;
        monitor.disconnect();
        if (watchers.length < 20) void watch().catch(() => undefined);
      });
      monitor.on('monitor', (_time: string, args: unknown[]) => {
        const line = args.map(String).join(' ');
        if (line.includes(first.redisPrefix!)) traffic.push(line);
      });
      const monitoring = new Promise((resolve) => monitor.once('monitoring', resolve));
      await monitor.connect();
      await monitoring;
    };
    await watch();

    const enter = async (key: string, instance: number) => {
      const client = await LiveClient.connect(urls[instance], (await first.signIn(people.get(key)!)).accessToken);
      clients.push(client);
      expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
      return client;
    };
    const chair = await enter('chair', 1);
    const idva = await enter('idva', 0);
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    await idva.next('agenda.current');
    await chair.next('agenda.current');

    const canary = 'REDIS-CANARY-she-is-staying-at-her-sisters';
    const typed = new NotesPeer(idva, caseId, 'panel');
    const watching = new NotesPeer(chair, caseId, 'panel');
    await typed.open();
    await watching.open();
    expect(await typed.type(`${canary} until Friday`)).toEqual({ ok: true });
    // Relayed through Redis to the chair's instance.
    for (let attempt = 0; attempt < 100 && !watching.text().includes(canary); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(watching.text()).toContain(canary);

    const paragraph = notesFragment(watching.doc)
      .toArray()
      .find((node) => node instanceof Y.XmlElement && node.toJSON().includes(canary)) as Y.XmlElement;
    expect(
      await chair.emit('notes.redact', { caseId, compartment: 'panel', span: spanOf(paragraph.get(0) as Y.XmlText, 0, canary.length) }),
    ).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const watcher of watchers) watcher.disconnect();

    const reader = new Redis(testServices.redisUrl!);
    try {
      const stored = await everythingStored(reader, first.redisPrefix!);
      expect(stored).toContain(`${first.redisPrefix}:socket.io`);
      // The canary's own relay went through the stream: the watcher saw this deployment write to it.
      expect(traffic.some((line) => line.toLowerCase().startsWith('xadd'))).toBe(true);
      for (const form of simpleEncodings(canary)) {
        expect(stored).not.toContain(form);
        expect(traffic.join('\n')).not.toContain(form);
      }
    } finally {
      reader.disconnect();
    }
  });
});
