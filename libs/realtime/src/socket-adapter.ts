import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import { gatedParser, type FrameGate } from './frame-gate';
import { RelaySeal } from './relay-seal';
import { SealedStreams, type RelayRedis } from './sealed-streams-adapter';

/** Limits for the live channel, named once. */
export const realtimeLimits = {
  maxPayloadBytes: 64 * 1024,
  pingIntervalMs: 20_000,
  pingTimeoutMs: 10_000,
  /** How long a broadcast stays in the Redis stream (docs/decisions/0017). */
  relayRetentionMs: 30_000,
  /**
   * Each instance is heard from at least this often; one silent for the timeout is taken for gone and
   * no longer awaited (a request waiting on it resolves then). One whose connections to Redis are
   * closed (it died) is taken for gone at once (`SealedStreams.gone`).
   */
  relayHeartbeatIntervalMs: 1_000,
  relayHeartbeatTimeoutMs: 10_000,
  /**
   * An instance that has not heard itself through Redis for this long stops serving live rooms (decision
   * 0018): long enough that a busy instance is not taken for a lost one.
   */
  relayLeaseMs: 5_000,
  /** The longest a revocation waits for an instance that is still heard from but has not confirmed. */
  relayConfirmTimeoutMs: 30_000,
  /**
   * An instance that a membership refresh found alone writes nothing to the stream for this long after
   * it sent that refresh (docs/decisions/0033); refreshed four times a second, so a window is renewed
   * before it ends while Redis answers.
   */
  relayAloneWindowMs: 1_000,
  /** A newly registered instance serves only after the alone window and this margin: every window computed without it has ended. */
  relayJoinMarginMs: 500,
  /** A registration expires this long after its last refresh, in Redis's clock: 3 s past the lease it allows serving under. */
  relayMembershipTtlMs: 8_000,
} as const;

export interface RealtimeOptions {
  /** A Redis client for the streams adapter; null runs this process as the only instance. */
  readonly redis: object | null;
  readonly allowedOrigins: readonly string[];
  /** Names the adapter's Redis stream and channels, so that separate deployments never mix. */
  readonly prefix: string;
  /** The secret the relay's key is derived from: what goes through Redis is sealed with it. */
  readonly relaySecret: Buffer;
  /** Told when this instance stops serving live rooms because it lost Redis, and when it may again. */
  readonly gate?: Pick<FrameGate, 'setServing'>;
  /** Told how far behind the relay stream this instance's reader is, entry by entry (in seconds). */
  readonly onRelayLag?: (seconds: number) => void;
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
      // The contract's wire format, remembering each frame's scope for the gate (frame-gate.ts).
      parser: gatedParser,
      cors: { origin: [...allowed], credentials: false },
      allowRequest: (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
        const origin = request.headers.origin;
        callback(null, origin !== undefined && allowed.has(origin));
      },
    } as ServerOptions);
    forgetUpgradeRequests(server);
    writeQueuedFramesTogether(server);
    if (this.options.redis !== null) {
      const context = `${this.options.prefix}:socket.io`;
      this.relay = new SealedStreams(this.options.redis as RelayRedis, {
        streamName: context,
        channel: context,
        seal: RelaySeal.fromSecret(this.options.relaySecret, context),
        retentionMs: realtimeLimits.relayRetentionMs,
        heartbeatIntervalMs: realtimeLimits.relayHeartbeatIntervalMs,
        heartbeatTimeoutMs: realtimeLimits.relayHeartbeatTimeoutMs,
        leaseMs: realtimeLimits.relayLeaseMs,
        confirmTimeoutMs: realtimeLimits.relayConfirmTimeoutMs,
        aloneWindowMs: realtimeLimits.relayAloneWindowMs,
        joinMarginMs: realtimeLimits.relayJoinMarginMs,
        membershipTtlMs: realtimeLimits.relayMembershipTtlMs,
        onStreamLag: this.options.onRelayLag,
      });
      const gate = this.options.gate;
      if (gate) {
        // Not serving until registered among the instances and past the wait (docs/decisions/0033).
        gate.setServing(this.relay.isServing());
        this.relay.onServingChange((serving) => gate.setServing(serving));
      }
      const factory = this.relay.adapterFactory();
      // socket.io constructs the adapter with `new`, so this stays a function, not an arrow.
      server.adapter(function (this: unknown, namespace: Namespace) {
        return preEncodeFrames(factory(namespace));
      } as never);
    } else {
      server.adapter(function (this: unknown, namespace: Namespace) {
        return preEncodeFrames(new Adapter(namespace));
      } as never);
    }
    return server;
  }

  private relay: SealedStreams | null = null;

  /**
   * Resolves with true once this instance serves live rooms (at once without Redis; with it, once the
   * relay is registered among the instances and has waited), or with false after `timeoutMs`.
   */
  untilServing(timeoutMs: number): Promise<boolean> {
    return this.relay ? this.relay.untilServing(timeoutMs) : Promise.resolve(true);
  }

  /** Called by Nest after every server is closed: the relay stops reading, drops its connections and leaves the instances. */
  override async dispose(): Promise<void> {
    await super.dispose();
    await this.relay?.close();
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

/** The parts of an engine.io connection and its WebSocket transport that `writeQueuedFramesTogether` wraps. */
interface FrameConnection {
  flush(): void;
  readonly transport: {
    readonly name: string;
    send(packets: unknown[]): void;
    readonly socket?: { readonly _socket?: { cork(): void; uncork(): void } };
  };
}

/**
 * engine.io writes a connection's packet as soon as it is given one, and queues the ones that come while
 * that write is under way; the WebSocket library writes each frame as a system call of its own, and those
 * calls were most of a busy instance's time. Here what one piece of work sends a connection is written
 * together: engine.io's flush waits for the end of the current task (a microtask: the frames are not held
 * back behind other work), and the stream is corked around what is then handed over, so the frames leave
 * in one write, in the same order and as the same bytes. An edit relayed with its writer's caret, or a
 * group commit's updates of one document, reach each reader in one write. The gate (frame-gate.ts)
 * checks each frame as the flush hands it over, so later than before, never earlier.
 */
function writeQueuedFramesTogether(server: Server): void {
  server.engine.on('connection', (connection: FrameConnection) => {
    const transport = connection.transport;
    if (transport.name !== 'websocket') return;
    const flushNow = connection.flush.bind(connection);
    let flushing = false;
    connection.flush = () => {
      if (flushing) return;
      flushing = true;
      queueMicrotask(() => {
        flushing = false;
        flushNow();
      });
    };
    const send = transport.send.bind(transport);
    transport.send = (packets) => {
      const stream = transport.socket?._socket;
      if (!stream || packets.length < 2) return send(packets);
      stream.cork();
      try {
        send(packets);
      } finally {
        stream.uncork();
      }
    };
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
