import { decode } from '@msgpack/msgpack';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { liveParser } from '@caseroom/contracts';
import { describeWithRedis, dropRedisKeys, OwnRedis, testServices } from '@caseroom/testing';
import { FrameGate } from './frame-gate';
import { RelaySeal } from './relay-seal';
import { SealedStreams, type RelayRedis } from './sealed-streams-adapter';
import { CaseroomSocketAdapter, realtimeLimits } from './socket-adapter';

const origin = 'https://caseroom.test';
const relaySecret = randomBytes(32);
/** How long a newcomer waits after registering before it serves. */
const joinWaitMs = realtimeLimits.relayAloneWindowMs + realtimeLimits.relayJoinMarginMs;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 10): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await sleep(stepMs);
  }
  return condition();
}

function client(url: string): Socket {
  return connect(url, {
    transports: ['websocket'],
    parser: liveParser,
    extraHeaders: { Origin: origin },
    reconnection: false,
    forceNew: true,
  });
}

const outcome = (socket: Socket) =>
  new Promise<'connected' | 'refused'>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', () => resolve('refused'));
  });

/** Numbered broadcasts a socket received, in the order it received them. */
function numbersOf(socket: Socket): number[] {
  const received: number[] = [];
  socket.on('numbered', (payload: { n: number }) => received.push(payload.n));
  return received;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);

/**
 * Instances of the real relay on one Redis, each refusing connections while it does not serve, as the
 * live gateway does (its namespace middleware asks the frame gate the relay tells).
 */
describeWithRedis('an instance alone on the relay', () => {
  const relayPrefix = `test-${process.pid}-alone-${randomBytes(3).toString('hex')}`;
  const context = `${relayPrefix}:socket.io`;
  const members = `${context}:members`;
  const seal = RelaySeal.fromSecret(relaySecret, context);
  const redisClients: Redis[] = [];
  const servers: Server[] = [];
  const adapters: CaseroomSocketAdapter[] = [];
  const sockets: Socket[] = [];
  let reader: Redis;

  beforeAll(() => {
    reader = new Redis(testServices.redisUrl!);
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(adapters.splice(0).map((adapter) => adapter.dispose()));
    for (const redis of redisClients.splice(0)) redis.disconnect();
    await dropRedisKeys(testServices.redisUrl!, relayPrefix);
  });

  afterAll(() => reader.disconnect());

  const instance = () => {
    const redis = new Redis(testServices.redisUrl!);
    redisClients.push(redis);
    const gate = new FrameGate(() => 'nobody');
    const adapter = new CaseroomSocketAdapter(undefined as never, {
      redis,
      allowedOrigins: [origin],
      prefix: relayPrefix,
      relaySecret,
      gate,
    });
    const server = adapter.createIOServer(0);
    server.use((_socket, next) => (gate.isServing() ? next() : next(new Error('SERVICE_UNAVAILABLE'))));
    servers.push(server);
    adapters.push(adapter);
    const { port } = server.httpServer.address() as AddressInfo;
    return { server, adapter, gate, url: `http://127.0.0.1:${port}` };
  };

  /** The numbers of the broadcasts in the stream, opened as another instance would open them. */
  const numbersInStream = async () => {
    const entries = await reader.xrangeBuffer(context, '-', '+');
    return entries.flatMap(([, fields]) => {
      const plain = seal.open(fields[fields.findIndex((field) => field.toString() === 'd') + 1]);
      const message = plain ? (decode(plain) as { data?: { packet?: { data?: [string, { n?: number }] } } }) : null;
      const n = message?.data?.packet?.data?.[1]?.n;
      return typeof n === 'number' ? [n] : [];
    });
  };

  it('writes nothing to the stream while it is alone, and its own clients still receive every broadcast and room change', async () => {
    const first = instance();
    expect(first.gate.isServing()).toBe(false);
    expect(await first.adapter.untilServing(10_000)).toBe(true);
    first.server.on('connection', (socket) => void socket.join('alone-room'));
    const socket = client(first.url);
    sockets.push(socket);
    const received = numbersOf(socket);
    expect(await outcome(socket)).toBe('connected');
    const lengthBefore = await reader.xlen(context);

    for (let n = 1; n <= 300; n += 1) first.server.to('alone-room').emit('numbered', { n });
    // A room change for every instance, then a broadcast to the room it made (through the stream, a room
    // change is applied here only once Redis took it).
    const rooms = first.server.of('/').adapter.rooms;
    first.server.in('alone-room').socketsJoin('alone-joined');
    expect(await until(() => rooms.has('alone-joined'), 2_000)).toBe(true);
    first.server.to('alone-joined').emit('numbered', { n: 301 });
    first.server.in('alone-joined').socketsLeave('alone-joined');
    expect(await until(() => !rooms.has('alone-joined'), 2_000)).toBe(true);
    first.server.to('alone-joined').emit('numbered', { n: 302 });
    first.server.to('alone-room').emit('numbered', { n: 303 });

    expect(await until(() => received.length >= 302, 5_000)).toBe(true);
    await sleep(100);
    expect(received).toEqual([...range(1, 301), 303]);
    expect(await reader.xlen(context)).toBe(lengthBefore);
  });

  it('lets a second instance serve only once the alone window and a margin have passed since it registered, and relays every later broadcast to it', async () => {
    const first = instance();
    expect(await first.adapter.untilServing(10_000)).toBe(true);
    const [firstMember] = await reader.zrange(members, 0, -1);
    const room = 'joining-room';
    const sentAt: number[] = [];
    const broadcasting = setInterval(() => {
      sentAt.push(performance.now());
      first.server.to(room).emit('numbered', { n: sentAt.length });
    }, 4);
    try {
      await sleep(300);
      // Alone, broadcasting to a room: nothing in the stream.
      expect(sentAt.length).toBeGreaterThan(20);
      expect(await reader.xlen(context)).toBe(0);

      const second = instance();
      let joinedFrom = 0;
      second.server.on('connection', (socket) => {
        void socket.join(room);
        // Every broadcast after this one was sent once the socket was in the room.
        joinedFrom = sentAt.length + 1;
      });
      let registeredAt = Number.NaN;
      const registration = until(
        async () => {
          const registered = (await reader.zrange(members, 0, -1)).some((member) => member !== firstMember);
          if (registered) registeredAt = performance.now();
          return registered;
        },
        10_000,
        2,
      );

      let refusals = 0;
      let socket: Socket | null = null;
      let received: number[] = [];
      while (!socket) {
        const attempt = client(second.url);
        const numbers = numbersOf(attempt);
        if ((await outcome(attempt)) === 'connected') {
          socket = attempt;
          received = numbers;
        } else {
          attempt.close();
          refusals += 1;
          await sleep(20);
        }
      }
      const connectedAt = performance.now();
      sockets.push(socket);
      expect(await registration).toBe(true);
      expect(refusals).toBeGreaterThan(0);
      // Registration was seen here a moment after Redis took it; serving began at least the wait after its answer.
      expect(connectedAt - registeredAt).toBeGreaterThanOrEqual(joinWaitMs - 50);

      await sleep(1_000);
      clearInterval(broadcasting);
      const last = sentAt.length;
      expect(await until(() => received.includes(last), 5_000)).toBe(true);
      expect(joinedFrom).toBeGreaterThan(0);
      expect(received.filter((n) => n >= joinedFrom)).toEqual(range(joinedFrom, last));

      // The first went back to the stream once the second registered: at the latest when the window of
      // its last refresh that could not see the second ran out.
      const streamed = new Set(await numbersInStream());
      const afterWindow = range(1, last).filter((n) => sentAt[n - 1] > registeredAt + realtimeLimits.relayAloneWindowMs);
      expect(afterWindow.length).toBeGreaterThan(100);
      expect(afterWindow.filter((n) => !streamed.has(n))).toEqual([]);
    } finally {
      clearInterval(broadcasting);
    }
  });

  it('stops serving when its registration is found lost, and waits again before it serves', async () => {
    const first = instance();
    expect(await first.adapter.untilServing(10_000)).toBe(true);
    const changes: { serving: boolean; at: number }[] = [];
    first.gate.onServingChange((serving) => changes.push({ serving, at: performance.now() }));
    // As a flushed (or restarted, empty) Redis would have it: nobody registered.
    await reader.del(members, `${members}:registered-by`);
    const lostAt = performance.now();
    expect(await until(() => changes.some((change) => change.serving), 10_000)).toBe(true);
    const stopped = changes.find((change) => !change.serving)!;
    const resumed = changes.find((change) => change.serving)!;
    expect(stopped.at - lostAt).toBeLessThan(1_000);
    expect(resumed.at - stopped.at).toBeGreaterThanOrEqual(joinWaitMs - 50);
    expect(await reader.zcard(members)).toBe(1);
  });
});

describe('the relay when Redis goes away (its own Redis)', () => {
  let redis: OwnRedis;

  beforeAll(async () => {
    redis = await OwnRedis.start();
  });
  afterAll(() => redis?.kill());

  it('stops taking itself for alone at once, and when Redis is back registers again and waits before it serves', async () => {
    const connection = new Redis(redis.url, { maxRetriesPerRequest: 2, disconnectTimeout: 200 });
    connection.on('error', () => undefined);
    const streamName = 'test-outage:socket.io';
    const relay = new SealedStreams(connection as unknown as RelayRedis, {
      streamName,
      channel: streamName,
      seal: RelaySeal.fromSecret(relaySecret, streamName),
      retentionMs: realtimeLimits.relayRetentionMs,
      heartbeatIntervalMs: realtimeLimits.relayHeartbeatIntervalMs,
      heartbeatTimeoutMs: realtimeLimits.relayHeartbeatTimeoutMs,
      leaseMs: 2_000,
      confirmTimeoutMs: realtimeLimits.relayConfirmTimeoutMs,
      aloneWindowMs: realtimeLimits.relayAloneWindowMs,
      joinMarginMs: realtimeLimits.relayJoinMarginMs,
      membershipTtlMs: realtimeLimits.relayMembershipTtlMs,
    });
    try {
      expect(await relay.untilServing(10_000)).toBe(true);
      expect(relay.isAlone()).toBe(true);

      await redis.kill();
      const killedAt = performance.now();
      expect(await until(() => !relay.isAlone(), 1_000, 1)).toBe(true);
      // Well inside the window a refresh would have allowed: the stream is written to again at once.
      expect(performance.now() - killedAt).toBeLessThan(realtimeLimits.relayAloneWindowMs / 4);
      // Its subscriber lost too, it stops serving (decision 0018).
      expect(await until(() => !relay.isServing(), 5_000)).toBe(true);
      expect(relay.isAlone()).toBe(false);

      // Back, empty: registered anew, it waits the window and the margin before it serves again.
      await redis.resume();
      expect(await until(() => relay.isAlone(), 10_000)).toBe(true);
      const aloneAgainAt = performance.now();
      expect(relay.isServing()).toBe(false);
      expect(await relay.untilServing(10_000)).toBe(true);
      expect(performance.now() - aloneAgainAt).toBeGreaterThanOrEqual(joinWaitMs - 50);
    } finally {
      await relay.close();
      connection.disconnect();
    }
  }, 30_000);
});
