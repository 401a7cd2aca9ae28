import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { MessageType } from 'socket.io-adapter';
import { io as connect, type Socket } from 'socket.io-client';
import { liveParser } from '@caseroom/contracts';
import { describeWithRedis, dropRedisKeys, testServices } from '@caseroom/testing';
import { binaryFrame, CaseroomSocketAdapter } from './socket-adapter';

const origin = 'https://caseroom.test';
const prefix = `test-${process.pid}`;

function serve(redis: Redis | null): { server: Server; url: string; adapter: CaseroomSocketAdapter } {
  const adapter = new CaseroomSocketAdapter(undefined as never, { redis, allowedOrigins: [origin], prefix });
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
