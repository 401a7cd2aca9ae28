import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropRedisKeys, OwnPostgres, reportChaos, testServices } from '@caseroom/testing';
import { builtEntry, ServerProcess } from './support/server-process';
import { WritersRoom } from './support/writers-room';
import { testOrigin } from './support/test-origin';

/** Fault cycles of each kind: one in the suite, more under `npm run chaos`. */
const rounds = Number(process.env.CHAOS_ROUNDS ?? 1);
/** How long the database stays stopped: three seconds in the suite, five under `npm run chaos`. */
const outageMs = Number(process.env.CHAOS_POSTGRES_OUTAGE_MS ?? 3_000);

const describeRestart = testServices.redisUrl && existsSync(builtEntry) ? describe : describe.skip;

/**
 * Six people typing into the same notes on two instances while their PostgreSQL (of this test's own) is
 * restarted fast, then immediately, then stopped for three seconds (five under `npm run chaos`): once
 * in the suite, CHAOS_ROUNDS times under `npm run chaos`. Edits in flight are refused, never
 * acknowledged and then lost: each writer syncs again by itself, and in the end every acknowledged edit
 * is in every copy and in the database, and the copies agree.
 */
describeRestart('notes through PostgreSQL restarts and an outage (needs TEST_REDIS_URL and a build)', () => {
  let postgres: OwnPostgres;
  let dataDir: string;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];
  const urls: string[] = [];
  const rooms: WritersRoom[] = [];
  const redisPrefix = `pg-restart-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    postgres = await OwnPostgres.start();
    dataDir = await mkdtemp(join(tmpdir(), 'caseroom-pg-restart-'));
    env = {
      DATABASE_URL: postgres.url,
      DATABASE_POOL_SIZE: '6',
      REDIS_URL: testServices.redisUrl!,
      REDIS_PREFIX: redisPrefix,
      DEMO_MODE: 'true',
      DATA_DIR: dataDir,
      PORT: '0',
      CORS_ORIGINS: testOrigin,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      REMINDER_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'info',
    };
    servers.push(ServerProcess.start(env));
    urls.push(await servers[0].ready());
    servers.push(ServerProcess.start(env));
    urls.push(await servers[1].ready());
  }, 120_000);

  afterAll(async () => {
    for (const room of rooms) room.close();
    for (const server of servers) await server.kill('SIGKILL');
    await postgres?.destroy();
    await rm(dataDir, { recursive: true, force: true });
    await dropRedisKeys(testServices.redisUrl!, redisPrefix);
  });

  it(
    'loses no acknowledged edit, and every copy and the database end the same',
    async () => {
      const room = await WritersRoom.open({ urls, dataDir, writers: 6, label: 'Restart' });
      rooms.push(room);
      const { peers } = room;

      // Everyone types a line every 50 ms; the database is restarted fast, then immediately, then stopped for a while.
      let typing = true;
      const sessions = peers.map(async (peer, index) => {
        let line = 0;
        while (typing) {
          line += 1;
          void peer.type(`W${index}-L${line}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let round = 0; round < rounds; round += 1) {
        await pause(1_000);
        await postgres.restart('fast');
        await pause(1_500);
        await postgres.restart('immediate');
        await pause(1_500);
        await postgres.stop('fast');
        await pause(outageMs);
        await postgres.resume();
      }
      await pause(2_000);
      typing = false;
      await Promise.all(sessions);
      // Every writer's refused edits are sent again by its own resyncs; wait for them to be taken.
      const deadline = Date.now() + 30_000;
      while (peers.some((peer) => peer.pending.size > 0) && Date.now() < deadline) await pause(100);
      for (const peer of peers) await peer.open();
      await pause(500);

      const crashes = servers.filter((server) => server.child.exitCode !== null || server.child.signalCode !== null).length;
      const texts = peers.map((peer) => peer.text());
      const acknowledged = peers.flatMap((peer) => peer.acknowledged);
      // The line `npm run chaos` asks for: missing counts acknowledged edits absent from any copy.
      const missingAnywhere = new Set(
        texts.flatMap((text) => {
          const lines = new Set(text.split('\n'));
          return acknowledged.filter((label) => !lines.has(label));
        }),
      );
      reportChaos({
        cycles: rounds * 3,
        acknowledged: acknowledged.length,
        missing: missingAnywhere.size,
        diverged: new Set(texts).size - 1,
        crashes,
      });
      // What the writers were refused, and why, to read beside the line.
      const refusals = new Map<string, number>();
      for (const ack of peers.flatMap((peer) => peer.refused)) {
        const reason = ack.ok ? 'ok' : `${ack.code}: ${ack.message}`;
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      }
      process.stdout.write(`  (refused: ${[...refusals].map(([reason, count]) => `${count} x ${reason}`).join('; ') || 'nothing'})\n`);
      expect(crashes).toBe(0);
      expect(acknowledged.length).toBeGreaterThan(100);
      for (const text of texts) {
        const lines = new Set(text.split('\n'));
        expect(acknowledged.filter((label) => !lines.has(label))).toEqual([]);
      }
      expect(new Set(texts).size).toBe(1);

      // And the database holds them: a server started now, which has never seen the document, returns them all.
      servers.push(ServerProcess.start(env));
      const stored = await room.storedText(await servers[2].ready());
      const storedLines = new Set(stored.split('\n'));
      expect(acknowledged.filter((label) => !storedLines.has(label))).toEqual([]);
      expect(stored).toBe(texts[0]);
    },
    60_000 + rounds * (27_000 + outageMs),
  );
});
