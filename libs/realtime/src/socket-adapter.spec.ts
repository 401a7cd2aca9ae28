import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { MessageType } from 'socket.io-adapter';
import { io as connect, type Socket } from 'socket.io-client';
import { liveParser } from '@caseroom/contracts';
import { describeWithRedis, dropRedisKeys, simpleEncodings, testServices } from '@caseroom/testing';
import { RelaySeal } from './relay-seal';
import { SealedStreams, type RelayRedis, type SealedStreamsOptions } from './sealed-streams-adapter';
import { binaryFrame, CaseroomSocketAdapter, realtimeLimits } from './socket-adapter';

const origin = 'https://caseroom.test';
const prefix = `test-${process.pid}`;
const relaySecret = randomBytes(32);

function serve(redis: Redis | null): { server: Server; url: string; adapter: CaseroomSocketAdapter } {
  const adapter = new CaseroomSocketAdapter(undefined as never, { redis, allowedOrigins: [origin], prefix, relaySecret });
  const server = adapter.createIOServer(0);
  const { port } = server.httpServer.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, adapter };
}

function client(url: string, headers: Record<string, string>): Socket {
  return connect(url, { transports: ['websocket'], parser: liveParser, extraHeaders: headers, reconnection: false, forceNew: true });
}

const outcome = (socket: Socket) =>
  new Promise<'connected' | 'refused'>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', () => resolve('refused'));
  });

describe('the socket server', () => {
  let served: { server: Server; url: string };

  beforeAll(() => {
    served = serve(null);
  });
  afterAll(() => served.server.close());

  it('accepts a WebSocket from an allowed origin', async () => {
    const socket = client(served.url, { Origin: origin });
    expect(await outcome(socket)).toBe('connected');
    socket.close();
  });

  it('refuses a WebSocket from another origin, or with none, before any event', async () => {
    for (const headers of [{ Origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
      const socket = client(served.url, headers);
      expect(await outcome(socket)).toBe('refused');
      socket.close();
    }
  });

  it('keeps neither the upgrade request nor its headers once a connection is accepted', async () => {
    const seen = new Promise<import('socket.io').Socket>((resolve) => served.server.once('connection', resolve));
    const socket = client(served.url, { Origin: origin, Cookie: 'kept=no' });
    try {
      expect(await outcome(socket)).toBe('connected');
      const accepted = await seen;
      expect(accepted.conn.request).toBeNull();
      expect(accepted.handshake.headers).toEqual({});
      expect(JSON.stringify(accepted.handshake)).not.toContain('kept=no');
    } finally {
      socket.close();
    }
  });

  it('frames a binary broadcast once, as the WebSocket library itself would frame it', () => {
    // The ws package's own framing is the reference (its Sender is not in its published types).
    const { Sender } = jest.requireActual<{ Sender: { frame(data: Buffer, options: object): Buffer[] } }>('ws');
    for (const length of [0, 125, 126, 65_535, 65_536, 70_000]) {
      const payload = Uint8Array.from({ length }, (_, index) => index % 251);
      const reference = Sender.frame(Buffer.from(payload), { readOnly: false, mask: false, rsv1: false, opcode: 2, fin: true });
      expect(Buffer.concat(binaryFrame(payload))).toEqual(Buffer.concat(reference));
    }
    const options: { wsPreEncodedFrame?: unknown } = {};
    const adapter = served.server.of('/').adapter as unknown as { _encode(packet: object, options: object): unknown[] };
    const [encoded] = adapter._encode({ type: 2, nsp: '/', data: ['hello', { update: new Uint8Array([1, 2, 3]) }] }, options);
    expect(options.wsPreEncodedFrame).toEqual(binaryFrame(encoded as Uint8Array));
  });

  it('delivers binary broadcasts of every frame length intact to every socket in the room', async () => {
    const room = 'framing';
    const joined = (socket: import('socket.io').Socket) => void socket.join(room);
    served.server.on('connection', joined);
    const sockets = [client(served.url, { Origin: origin }), client(served.url, { Origin: origin })];
    try {
      expect(await Promise.all(sockets.map(outcome))).toEqual(['connected', 'connected']);
      for (const length of [3, 300, 70_000]) {
        const update = Uint8Array.from({ length }, (_, index) => (index * 7) % 256);
        const received = sockets.map((socket) => new Promise<unknown>((resolve) => socket.once('update', resolve)));
        served.server.to(room).emit('update', { update });
        for (const payload of await Promise.all(received))
          expect(new Uint8Array((payload as { update: Uint8Array }).update)).toEqual(update);
      }
    } finally {
      served.server.off('connection', joined);
      for (const socket of sockets) socket.close();
    }
  });

  it('writes what one piece of work sends a connection in one system call, in order', async () => {
    const accepted = new Promise<import('socket.io').Socket>((resolve) => served.server.once('connection', resolve));
    const socket = client(served.url, { Origin: origin });
    try {
      expect(await outcome(socket)).toBe('connected');
      const server = await accepted;
      const stream = (server.conn.transport as unknown as { socket: { _socket: { _write: unknown; _writev: unknown } } }).socket._socket;
      let writes = 0;
      for (const method of ['_write', '_writev'] as const) {
        const original = stream[method] as (...args: unknown[]) => unknown;
        stream[method] = (...args: unknown[]) => {
          writes += 1;
          return original.apply(stream, args);
        };
      }
      const received: number[] = [];
      const all = new Promise<void>((resolve) =>
        socket.on('frame', ({ sequence }: { sequence: number }) => {
          received.push(sequence);
          if (received.length === 3) resolve();
        }),
      );
      for (const sequence of [1, 2, 3]) server.emit('frame', { sequence, bytes: new Uint8Array([sequence]) });
      await all;
      expect(received).toEqual([1, 2, 3]);
      expect(writes).toBe(1);
    } finally {
      socket.close();
    }
  });

  it('does not offer long-polling', async () => {
    const response = await fetch(`${served.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });
    expect(response.status).toBe(400);
  });
});

describeWithRedis('socket servers sharing Redis', () => {
  const redisClients: Redis[] = [];
  const servers: Server[] = [];
  const adapters: CaseroomSocketAdapter[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    // As Nest does on shutdown: drops the connections the streams adapter opened to read the stream.
    await Promise.all(adapters.map((adapter) => adapter.dispose()));
    for (const redis of redisClients) redis.disconnect();
    await dropRedisKeys(testServices.redisUrl!, prefix);
  });

  const pair = () =>
    [0, 1].map(() => {
      const redis = new Redis(testServices.redisUrl!);
      redisClients.push(redis);
      const served = serve(redis);
      servers.push(served.server);
      adapters.push(served.adapter);
      return served;
    });

  it('deliver a room message from one instance to a client of another', async () => {
    const [first, second] = pair();
    const room = `test-room-${Date.now()}`;
    first.server.on('connection', (socket) => void socket.join(room));
    const socket = client(first.url, { Origin: origin });
    expect(await outcome(socket)).toBe('connected');
    const received = new Promise<unknown>((resolve) => socket.once('hello', resolve));
    // Room membership reaches the other instance through the stream; retry until it is known there.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if ((await second.server.in(room).fetchSockets()).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    second.server.to(room).emit('hello', { from: 'second' });
    expect(await received).toEqual({ from: 'second' });
    socket.close();
  });

  it('hand an instance only the other instances’ messages from the stream, its own dropped before decoding', async () => {
    const [first, second] = pair();
    type Message = { readonly uid: string; readonly type: MessageType };
    const adapterPrototype = Object.getPrototypeOf(first.server.of('/').adapter) as { onMessage(message: Message, offset: string): void };
    const onMessage = adapterPrototype.onMessage;
    const handled = jest.spyOn(adapterPrototype, 'onMessage');
    try {
      let heard = false;
      handled.mockImplementation(function (this: unknown, message: Message, offset: string) {
        if (this === second.server.of('/').adapter && message.type === MessageType.BROADCAST) heard = true;
        onMessage.call(this, message, offset);
      });
      // Until the other instance's first read of the stream is under way, a message is not read there: repeat until it is.
      for (let attempt = 0; attempt < 50 && !heard; attempt += 1) {
        first.server.to('nobody-here').emit('hello', { update: Buffer.from([1, 2, 3]) });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(heard).toBe(true);
      const own = handled.mock.calls.filter(([message], call) => (handled.mock.contexts[call] as { uid: string }).uid === message.uid);
      expect(own).toEqual([]);
    } finally {
      handled.mockRestore();
    }
  });
});

describeWithRedis('the relay through Redis', () => {
  const redisClients: Redis[] = [];
  const servers: Server[] = [];
  const adapters: CaseroomSocketAdapter[] = [];
  const relayPrefix = `${prefix}-relay`;

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all(adapters.map((adapter) => adapter.dispose()));
    for (const redis of redisClients) redis.disconnect();
    await dropRedisKeys(testServices.redisUrl!, relayPrefix);
  });

  const redis = () => {
    const client = new Redis(testServices.redisUrl!);
    redisClients.push(client);
    return client;
  };
  const instance = (secret = relaySecret) => {
    const adapter = new CaseroomSocketAdapter(undefined as never, {
      redis: redis(),
      allowedOrigins: [origin],
      prefix: relayPrefix,
      relaySecret: secret,
    });
    const server = adapter.createIOServer(0);
    servers.push(server);
    adapters.push(adapter);
    const { port } = server.httpServer.address() as AddressInfo;
    return { server, url: `http://127.0.0.1:${port}` };
  };
  /** A client of `receiver` in `room`, once the other instance knows of it. */
  const listening = async (receiver: ReturnType<typeof instance>, sender: ReturnType<typeof instance>, room: string) => {
    receiver.server.on('connection', (socket) => void socket.join(room));
    const socket = client(receiver.url, { Origin: origin });
    expect(await outcome(socket)).toBe('connected');
    for (let attempt = 0; attempt < 50; attempt += 1) {
      if ((await sender.server.in(room).fetchSockets()).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return socket;
  };
  it('carries a broadcast to another instance with nothing of it readable in Redis, stream or channel', async () => {
    const [first, second] = [instance(), instance()];
    const canary = `RELAY-CANARY-${randomBytes(6).toString('hex')}`;
    const socket = await listening(second, first, 'relay-room');
    const monitor = await redis().monitor();
    redisClients.push(monitor);
    // MONITOR sees every client of this Redis, other test files' included: only this test's commands are kept.
    monitor.on('error', () => undefined);
    const traffic: string[] = [];
    monitor.on('monitor', (_time: string, args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (line.includes(relayPrefix)) traffic.push(line);
    });
    const received = new Promise<unknown>((resolve) => socket.once('notes.sync', resolve));
    first.server.to('relay-room').emit('notes.sync', { caseId: canary, compartment: 'panel', epoch: 1, message: Buffer.from(canary) });
    expect(await received).toMatchObject({ caseId: canary });
    await new Promise((resolve) => setTimeout(resolve, 100));
    monitor.disconnect();
    socket.close();
    const stream = await redis().xrangeBuffer(`${relayPrefix}:socket.io`, '-', '+');
    const stored = stream.flatMap(([, fields]) => fields.map((field) => field.toString('latin1'))).join('\n');
    expect(traffic.some((line) => /^xadd /i.test(line))).toBe(true);
    for (const form of simpleEncodings(canary)) {
      expect(stored).not.toContain(form);
      expect(traffic.join('\n')).not.toContain(form);
    }
  });

  it('ignores a message it cannot open (forged, or another deployment’s), and goes on relaying', async () => {
    const [first, second] = [instance(), instance()];
    const stranger = instance(randomBytes(32));
    const socket = await listening(second, first, 'forged-room');
    const heard: unknown[] = [];
    socket.on('hello', (payload) => heard.push(payload));
    await redis().xadd(`${relayPrefix}:socket.io`, '*', 'u', 'forger', 'd', randomBytes(64));
    stranger.server.to('forged-room').emit('hello', { from: 'another deployment' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const received = new Promise<unknown>((resolve) => socket.once('hello', resolve));
    first.server.to('forged-room').emit('hello', { from: 'first' });
    expect(await received).toEqual({ from: 'first' });
    expect(heard).toEqual([{ from: 'first' }]);
    socket.close();
  });
});

/** A relay's options as the application sets them, with `overrides` for what a test shortens. */
const relayOptions = (streamName: string, overrides: Partial<SealedStreamsOptions> = {}): SealedStreamsOptions => ({
  streamName,
  channel: streamName,
  seal: RelaySeal.fromSecret(relaySecret, streamName),
  retentionMs: realtimeLimits.relayRetentionMs,
  heartbeatIntervalMs: realtimeLimits.relayHeartbeatIntervalMs,
  heartbeatTimeoutMs: realtimeLimits.relayHeartbeatTimeoutMs,
  leaseMs: realtimeLimits.relayLeaseMs,
  confirmTimeoutMs: realtimeLimits.relayConfirmTimeoutMs,
  aloneWindowMs: realtimeLimits.relayAloneWindowMs,
  joinMarginMs: realtimeLimits.relayJoinMarginMs,
  membershipTtlMs: realtimeLimits.relayMembershipTtlMs,
  ...overrides,
});

describeWithRedis('the relay stream', () => {
  it('keeps a broadcast only for the retention: older ones are trimmed as new ones are written', async () => {
    const streamName = `${prefix}-trim:socket.io`;
    const writer = new Redis(testServices.redisUrl!);
    const relay = new SealedStreams(writer as unknown as RelayRedis, relayOptions(streamName, { retentionMs: 300, leaseMs: 2000 }));
    try {
      const message = (n: number) => ({
        uid: 'writer',
        nsp: '/',
        type: MessageType.BROADCAST,
        data: { packet: { n }, opts: { rooms: [], except: [] } },
      });
      await relay.publish(message(1) as never);
      await relay.publish(message(2) as never);
      expect(await writer.xlen(streamName)).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await relay.publish(message(3) as never);
      expect(await writer.xlen(streamName)).toBe(1);
      // Trimmed also while nothing more is written (an instance alone writes nothing): by the membership refresh.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(await writer.xlen(streamName)).toBe(0);
    } finally {
      await relay.close();
      await writer.del(streamName);
      writer.disconnect();
    }
  });
});
