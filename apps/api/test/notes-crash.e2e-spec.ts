import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createTestDatabase, dropRedisKeys, reportChaos, testServices, type TestDatabase } from '@caseroom/testing';
import { builtEntry, ServerProcess } from './support/server-process';
import { WritersRoom } from './support/writers-room';
import { testOrigin } from './support/test-origin';

const describeCrash = testServices.postgresUrl && testServices.redisUrl && existsSync(builtEntry) ? describe : describe.skip;

/** Two server processes, ten people typing into the same notes; one process is killed mid-run. */
describeCrash('notes when an instance dies mid-edit (needs TEST_DATABASE_URL, TEST_REDIS_URL and a build)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];
  const urls: string[] = [];
  const rooms: WritersRoom[] = [];

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
    for (const room of rooms) room.close();
    for (const server of servers) await server.kill('SIGKILL');
    await database.drop();
    await dropRedisKeys(testServices.redisUrl!, redisPrefix);
  });

  it('loses no acknowledged edit, and every client ends with the same document', async () => {
    const room = await WritersRoom.open({ urls, dataDir: database.dataDir, writers: 10, label: 'Crash' });
    rooms.push(room);
    const { peers, tokens: typists } = room;

    // Everyone types a line every 40 ms; the second instance is killed once a hundred lines are
    // acknowledged, and typing goes on until two hundred more are (counted, not timed: a busy machine
    // acknowledges fewer a second, and must still show the same).
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
          await peer.rebind(await room.enter(typists[index], urls[0], 'conference.join'));
        }
      }
    });
    const acknowledgedSoFar = () => peers.reduce((total, peer) => total + peer.acknowledged.length, 0);
    const until = async (count: number) => {
      const deadline = Date.now() + 60_000;
      while (acknowledgedSoFar() < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await until(100);
    await servers[1].kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await until(acknowledgedSoFar() + 200);
    typing = false;
    await Promise.all(sessions);
    for (const peer of peers) await Promise.all([...peer.pending]);
    // A last sync each, as a client does on reconnecting: anything relayed while it was away arrives.
    for (const peer of peers) await peer.open();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const texts = peers.map((peer) => peer.text());
    const acknowledged = peers.flatMap((peer) => peer.acknowledged);
    const lines = new Set(texts[0].split('\n'));
    const missing = acknowledged.filter((label) => !lines.has(label));
    // The survivor ending on its own would be a crash; the one killed is the fault itself.
    const crashes = [servers[0]].filter((server) => server.child.exitCode !== null || server.child.signalCode !== null).length;
    reportChaos({ cycles: 1, acknowledged: acknowledged.length, missing: missing.length, diverged: new Set(texts).size - 1, crashes });
    expect(new Set(texts).size).toBe(1);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(missing).toEqual([]);

    // And the database holds them: a server started now, which has never seen the document, returns them all.
    servers.push(ServerProcess.start(env));
    const stored = await room.storedText(await servers[2].ready());
    const storedLines = new Set(stored.split('\n'));
    expect(acknowledged.filter((label) => !storedLines.has(label))).toEqual([]);
    expect(stored).toBe(texts[0]);
  }, 150_000);
});
