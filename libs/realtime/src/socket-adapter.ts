import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import { liveParser } from '@caseroom/contracts';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import { Adapter, MessageType, type BroadcastOptions, type ClusterAdapter } from 'socket.io-adapter';

/** Limits for the live channel, named once. */
export const realtimeLimits = {
  maxPayloadBytes: 64 * 1024,
  pingIntervalMs: 20_000,
  pingTimeoutMs: 10_000,
} as const;

export interface RealtimeOptions {
  /** A Redis client for the streams adapter; null runs this process as the only instance. */
  readonly redis: object | null;
  readonly allowedOrigins: readonly string[];
  /** Names the adapter's Redis stream and channels, so that separate deployments never mix. */
  readonly prefix: string;
}

/**
 * socket.io with WebSocket transport only, an Origin allow-list checked when the connection is requested
 * (socket.io's `cors` option alone does not stop cross-site WebSocket hijacking), a payload limit, and
 * the Redis streams adapter between instances when Redis is configured.
 */
export class CaseroomSocketAdapter extends IoAdapter {
  private readonly handlerLogger = new Logger('LiveChannel');
  private undeclaredReported = false;

  constructor(
    app: INestApplicationContext,
    private readonly options: RealtimeOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const allowed = new Set(this.options.allowedOrigins);
    const server = super.createIOServer(port, {
      ...options,
      path: options?.path ?? '/socket.io',
      transports: ['websocket'],
      maxHttpBufferSize: realtimeLimits.maxPayloadBytes,
      pingInterval: realtimeLimits.pingIntervalMs,
      pingTimeout: realtimeLimits.pingTimeoutMs,
      serveClient: false,
      parser: liveParser,
      cors: { origin: [...allowed], credentials: false },
      allowRequest: (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
        const origin = request.headers.origin;
        callback(null, origin !== undefined && allowed.has(origin));
      },
    } as ServerOptions);
    forgetUpgradeRequests(server);
    if (this.options.redis !== null) {
      const streams = createAdapter(this.readersTracked(this.options.redis), {
        streamName: `${this.options.prefix}:socket.io`,
        channelPrefix: `${this.options.prefix}:socket.io`,
      });
      // Connection-state recovery would need each broadcast's stream offset before delivery; Caseroom
      // does not use it (a replay would skip the policy), so local sockets need not wait for Redis.
      const recovering = options?.connectionStateRecovery !== undefined;
      // socket.io constructs the adapter with `new`, so this stays a function, not an arrow.
      server.adapter(function (this: unknown, namespace: Namespace) {
        const adapter = preEncodeFrames(skipOwnMessages(streams(namespace)));
        return recovering ? adapter : deliverLocallyFirst(adapter);
      } as never);
    } else {
      server.adapter(function (this: unknown, namespace: Namespace) {
        return preEncodeFrames(new Adapter(namespace));
      } as never);
    }
    return server;
  }

  /** The Redis connections the streams adapter opened for itself: its subscriber and its stream reader. */
  private readonly readers: { disconnect(): void }[] = [];

  /**
   * The adapter reads the stream with a blocking XREAD on a connection of its own, and drops that
   * connection only once the read under way returns (up to five seconds after the server closes). Its
   * connections are noted here so that a closing application drops them at once.
   */
  private readersTracked(redis: object): object {
    const client = redis as { duplicate(...args: unknown[]): { disconnect(): void } };
    const duplicate = client.duplicate.bind(client);
    client.duplicate = (...args: unknown[]) => {
      const reader = duplicate(...args);
      this.readers.push(reader);
      return reader;
    };
    return client;
  }

  /** Called by Nest after every server is closed (so the adapter has stopped reading): drops its connections. */
  override async dispose(): Promise<void> {
    await super.dispose();
    for (const reader of this.readers.splice(0)) reader.disconnect();
  }

  /**
   * Caseroom's gateways declare no message handlers: each feature registers its live events with the live
   * channel's dispatch, which answers every socket through one shared listener (decision 0015). Nest's
   * own binding would still build an RxJS chain for every socket even with no handlers, so nothing is
   * bound here; a handler declared with `@SubscribeMessage` would never be called, and says so.
   */
  override bindMessageHandlers(_socket: Socket, handlers: MessageMappingProperties[]): void {
    if (handlers.length === 0 || this.undeclaredReported) return;
    this.undeclaredReported = true;
    this.handlerLogger.error(
      { events: handlers.map(({ message }) => String(message)) },
      'gateway message handlers are not bound: register live events with the live dispatch',
    );
  }
}

/**
 * engine.io keeps the HTTP request that opened each connection for as long as the connection lasts:
 * the request, its raw and parsed headers and its parser state, about 1.5 KB a connection that nothing
 * in Caseroom reads after the Origin check. Dropped as soon as engine.io has accepted the connection;
 * socket.io's handshake object is then built without headers, and the live channel authenticates from
 * the handshake's `auth` payload, not from headers.
 */
function forgetUpgradeRequests(server: Server): void {
  server.engine.on('connection', (connection: { request: unknown }) => {
    connection.request = null;
  });
}

/**
 * A broadcast's packet is encoded once for all its sockets, but socket.io-adapter builds the WebSocket
 * frame once only for text packets; a binary one (every live packet: `liveParser`) was framed again for
 * each socket. Here the frame is built once too, and engine.io writes it as it stands to every socket
 * whose connection does not compress (Caseroom's never do).
 */
function preEncodeFrames<A extends Adapter>(adapter: A): A {
  const encoding = adapter as unknown as { _encode(packet: unknown, options: { wsPreEncodedFrame?: unknown }): unknown[] };
  const encode = encoding._encode.bind(adapter);
  encoding._encode = (packet, options) => {
    const encoded = encode(packet, options);
    if (encoded.length === 1 && encoded[0] instanceof Uint8Array && options.wsPreEncodedFrame === undefined) {
      options.wsPreEncodedFrame = binaryFrame(encoded[0]);
    }
    return encoded;
  };
  return adapter;
}

/**
 * One unmasked, final WebSocket frame carrying binary data (RFC 6455, section 5.2), as the server sends
 * it: the header, then the payload itself, uncopied.
 */
export function binaryFrame(payload: Uint8Array): [Buffer, Buffer] {
  const length = payload.byteLength;
  const header = Buffer.allocUnsafe(length < 126 ? 2 : length < 65_536 ? 4 : 10);
  header[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    header[1] = length;
  } else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return [header, Buffer.from(payload.buffer, payload.byteOffset, length)];
}

/**
 * Every instance reads the whole stream, its own messages included, and the streams adapter decodes each
 * one (base64, then MessagePack: a notes update is decoded again in full) before the cluster adapter
 * sees whose it is and drops it. Here an instance's own messages are dropped before they are decoded.
 */
function skipOwnMessages(adapter: ClusterAdapter): ClusterAdapter {
  const reading = adapter as unknown as { readonly uid: string; onRawMessage(raw: { uid?: unknown }, offset: string): void };
  const decodeAndHandle = reading.onRawMessage.bind(adapter);
  reading.onRawMessage = (raw, offset) => {
    if (raw.uid !== reading.uid) decodeAndHandle(raw, offset);
  };
  return adapter;
}

/**
 * The streams adapter writes a broadcast to Redis and only then delivers it to this instance's own
 * sockets, so every relay waited for a Redis round trip even with one instance. Here this instance's
 * sockets get it at once and the other instances through the stream.
 */
function deliverLocallyFirst(adapter: ClusterAdapter): ClusterAdapter {
  const publishing = adapter as unknown as { publish(message: object): void };
  adapter.broadcast = (packet: unknown, options: BroadcastOptions): Promise<void> => {
    Adapter.prototype.broadcast.call(adapter, packet, options);
    if (!options.flags?.local) {
      publishing.publish({
        type: MessageType.BROADCAST,
        data: { packet, opts: { rooms: [...options.rooms], except: [...(options.except ?? [])], flags: options.flags } },
      });
    }
    return Promise.resolve();
  };
  return adapter;
}
