import { Logger } from '@nestjs/common';
import { decode, encode } from '@msgpack/msgpack';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Namespace } from 'socket.io';
import {
  Adapter,
  ClusterAdapterWithHeartbeat,
  MessageType,
  type BroadcastOptions,
  type ClusterMessage,
  type ClusterResponse,
} from 'socket.io-adapter';
import { RelayMembership } from './relay-membership';
import type { RelaySeal } from './relay-seal';

/** The few commands of an ioredis client the relay uses. */
export interface RelayRedis {
  duplicate(): RelayRedis;
  xadd(...args: (string | Buffer | number)[]): Promise<string | null>;
  xreadBuffer(...args: (string | number)[]): Promise<[Buffer, [Buffer, Buffer[]][]][] | null>;
  xtrim(...args: (string | number)[]): Promise<number>;
  xrevrange(key: string, end: string, start: string, count: 'COUNT', howMany: number): Promise<[string, string[]][]>;
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
  publish(channel: string, message: Buffer): Promise<number>;
  pubsub(subcommand: 'NUMSUB', ...channels: string[]): Promise<unknown[]>;
  subscribe(...channels: string[]): Promise<unknown>;
  on(event: 'messageBuffer', listener: (channel: Buffer, message: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close' | 'ready', listener: () => void): unknown;
  disconnect(): void;
}

export interface SealedStreamsOptions {
  /** The Redis stream every instance reads broadcasts from. */
  readonly streamName: string;
  /** The pub/sub channel of requests and heartbeats; each instance also listens on its own one for answers. */
  readonly channel: string;
  readonly seal: RelaySeal;
  /** How long a broadcast stays in the stream (docs/decisions/0017): an instance further behind than this has fallen out anyway. */
  readonly retentionMs: number;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  /**
   * How long this instance serves without hearing its own probe come back through Redis. Shorter than
   * the heartbeat timeout, so that an instance cut off from Redis has stopped serving before the others
   * stop waiting for it (docs/decisions/0018).
   */
  readonly leaseMs: number;
  /** How long a request to every instance (a revocation's confirmation) waits, at most, for an instance still heard from. */
  readonly confirmTimeoutMs: number;
  /**
   * How long after a membership refresh found no other instance this one skips the stream
   * (docs/decisions/0033); a newly registered instance waits this and `joinMarginMs` before it serves.
   */
  readonly aloneWindowMs: number;
  readonly joinMarginMs: number;
  /** How long an instance's registration lives without a refresh: longer than the lease. */
  readonly membershipTtlMs: number;
  /** Told, for every stream entry read, how long after Redis took it this instance read it (in seconds). */
  readonly onStreamLag?: (seconds: number) => void;
}

/** How often the probe is sent, and how often the lease is checked. */
const probeIntervalMs = 400;
/** How often a request waiting on instances asks Redis whether they are still connected at all. */
const goneCheckMs = 500;
const leaseCheckMs = 200;
/** How often this instance renews its registration among the live instances, and learns whether it is alone. */
const membershipRefreshMs = 250;

/** Messages that need no order and no replay go over pub/sub; broadcasts and room changes go through the stream. */
const ephemeral = new Set<MessageType>([
  MessageType.INITIAL_HEARTBEAT,
  MessageType.HEARTBEAT,
  MessageType.ADAPTER_CLOSE,
  MessageType.SERVER_SIDE_EMIT,
  MessageType.FETCH_SOCKETS,
]);

const isEphemeral = (message: ClusterMessage) =>
  ephemeral.has(message.type) || (message.type === MessageType.BROADCAST && message.data.requestId !== undefined);

/** A pub/sub message: its sender's server id (random, nothing of a case) in clear, so an instance can skip its own unopened. */
const framed = (sender: string, sealed: Buffer) => Buffer.concat([Buffer.from([Buffer.byteLength(sender)]), Buffer.from(sender), sealed]);

/** How long the reader waits in one blocking read, and between attempts while Redis is away. */
const blockMs = 5_000;
const retryMs = 500;

/**
 * The relay between instances over Redis: socket.io's cluster protocol (broadcasts, room changes,
 * server-side events with acknowledgements, heartbeats), every message sealed (RelaySeal) before it is
 * written, so that Redis holds no case content in clear, and broadcasts trimmed from the stream once
 * older than the retention. One reader of the stream and one subscriber serve every namespace.
 *
 * A broadcast reaches this instance's own sockets at once and the others through the stream: nothing
 * local waits for Redis. An instance that knows no other is there writes nothing to the stream
 * (docs/decisions/0033). Connection-state recovery is not supported (a replay would skip the policy).
 */
export class SealedStreams {
  private readonly logger = new Logger('LiveRelay');
  private readonly adapters = new Map<string, SealedStreamsAdapter>();
  private readonly reader: RelayRedis;
  private readonly subscriber: RelayRedis;
  private isClosed = false;
  /**
   * Redis's clock less ours, as the last write's stream id told it: trimming counts in Redis's clock
   * (stream ids are its milliseconds), which on another host need not agree with this one's.
   */
  private redisClockOffsetMs: number | null = null;
  private readonly failures = new Map<string, string>();
  /** Sent to this instance's own probe channel and heard back on its subscriber: proof that Redis reaches it. */
  private readonly probeId = randomBytes(8).toString('hex');
  /** Times in this process's monotonic clock (performance.now()): a change of the wall clock moves no lease. */
  private lastProbeHeardAt = Number.NEGATIVE_INFINITY;
  private lastCheckAt = performance.now();
  /** An instance starts out not serving: it serves once it is registered, has waited, and hears itself. */
  private isServingNow = false;
  private subscriberLost = false;
  /** Whether the stream reader has taken its place in the stream: what is written after that, it reads. */
  private isReaderPlaced = false;
  private readonly membership: RelayMembership;
  private readonly servingListeners = new Set<(serving: boolean) => void>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly redis: RelayRedis,
    private readonly options: SealedStreamsOptions,
  ) {
    this.reader = redis.duplicate();
    this.subscriber = redis.duplicate();
    for (const connection of [this.reader, this.subscriber]) connection.on('error', () => undefined);
    this.subscriber.on('messageBuffer', (_channel, message) => this.onPublished(message));
    // A subscriber that lost its connection has missed whatever was published meanwhile, revocations
    // included: this instance stops serving at once, whatever its lease says, until it hears itself again.
    this.subscriber.on('close', () => {
      this.subscriberLost = true;
      this.checkLease();
    });
    this.membership = new RelayMembership(
      redis,
      {
        key: `${options.channel}:members`,
        streamName: options.streamName,
        retentionMs: options.retentionMs,
        memberId: this.probeId,
        aloneWindowMs: options.aloneWindowMs,
        joinMarginMs: options.joinMarginMs,
        ttlMs: options.membershipTtlMs,
        leaseMs: options.leaseMs,
        refreshMs: membershipRefreshMs,
      },
      { changed: () => this.checkLease(), failed: (error) => this.failed('membership', error) },
    );
    // Whatever the last refresh said, a connection that closed may have missed an instance registering.
    redis.on('close', () => this.membership.lost());
    this.subscriber.subscribe(options.channel, this.probeChannel()).then(
      () => this.probe(),
      (error: unknown) => this.failed('subscribe', error),
    );
    void this.read();
    this.membership.start();
    this.timers.push(
      setInterval(() => this.probe(), probeIntervalMs),
      setInterval(() => this.checkLease(), leaseCheckMs),
    );
    for (const timer of this.timers) timer.unref();
  }

  /**
   * Whether this instance may send anything of a case: it has heard its own probe through Redis within
   * the lease, its subscriber has not lost its connection since, its stream reader has taken its place,
   * and its registration among the instances allows it (registered, waited the alone window and a
   * margin since, and refreshed within the lease). An instance that is not serving may have missed a
   * revocation; the others stop waiting for it once its heartbeat times out, which is later than its
   * lease runs out.
   */
  isServing(): boolean {
    return this.isServingNow;
  }

  /** Called with false when this instance stops serving, and with true when it may serve (again). Returns how to stop listening. */
  onServingChange(listener: (serving: boolean) => void): () => void {
    this.servingListeners.add(listener);
    return () => {
      this.servingListeners.delete(listener);
    };
  }

  /** Resolves with true once this instance serves, or with false if it does not within the time given. */
  untilServing(timeoutMs: number): Promise<boolean> {
    if (this.isServingNow) return Promise.resolve(true);
    return new Promise((resolve) => {
      let stop: () => void = () => undefined;
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      stop = this.onServingChange((serving) => {
        if (!serving) return;
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  /**
   * Whether no other instance can be serving, so that a broadcast or a room change need not go through
   * the stream: a membership refresh sent less than the alone window ago found no other instance
   * registered, none has failed or gone unanswered since, and no namespace has heard another instance's
   * heartbeat within its timeout.
   */
  isAlone(): boolean {
    if (this.isClosed || !this.membership.isAlone()) return false;
    for (const adapter of this.adapters.values()) if (adapter.hearsOthers()) return false;
    return true;
  }

  private probeChannel(): string {
    return `${this.options.channel}#probe-${this.probeId}`;
  }

  private probe(): void {
    this.redis.publish(this.probeChannel(), framed(this.probeId, Buffer.alloc(0))).catch((error: unknown) => this.failed('probe', error));
  }

  /**
   * Runs often, and whenever the registration changes. A check that comes late means the event loop
   * stood still; what Redis delivered meanwhile (this instance's probes among it) is read before the
   * lease is judged, so a busy moment is not taken for a lost connection. A stall longer than the lease
   * is judged at once: the others may have stopped waiting for this instance while it stood still.
   */
  private checkLease(): void {
    const now = performance.now();
    const lateBy = now - this.lastCheckAt - leaseCheckMs;
    this.lastCheckAt = now;
    if (!this.subscriberLost && lateBy > leaseCheckMs && lateBy <= this.options.leaseMs) {
      setImmediate(() => this.judge(performance.now()));
      return;
    }
    if (lateBy > this.options.leaseMs)
      this.logger.warn({ stalledMs: Math.round(lateBy) }, 'the event loop stood still for longer than the lease');
    this.judge(lateBy > this.options.leaseMs ? Number.POSITIVE_INFINITY : now);
  }

  private judge(now: number): void {
    if (this.isClosed) return;
    const hearsItself = !this.subscriberLost && now - this.lastProbeHeardAt <= this.options.leaseMs;
    const serving = hearsItself && this.isReaderPlaced && this.membership.mayServe(now);
    if (serving === this.isServingNow) return;
    this.isServingNow = serving;
    if (serving) this.failures.clear();
    // Why, in figures only: a lost subscriber, how long since this instance last heard itself, its registration.
    const moment = Number.isFinite(now) ? now : performance.now();
    const why = serving
      ? {}
      : {
          subscriberLost: this.subscriberLost,
          silentMs: Math.round(moment - this.lastProbeHeardAt),
          ...this.membership.describe(now),
        };
    if (serving) this.logger.log({ serving }, 'the live relay hears Redis and is registered: serving live rooms');
    else this.logger.warn({ serving, ...why }, 'the live relay lost Redis or its registration: not serving live rooms');
    for (const listener of this.servingListeners) listener(serving);
  }

  /** For socket.io's `server.adapter(...)`: called with `new` once per namespace. */
  adapterFactory(): (namespace: Namespace) => Adapter {
    const make = (namespace: Namespace) => {
      const adapter = new SealedStreamsAdapter(namespace, this, {
        heartbeatInterval: this.options.heartbeatIntervalMs,
        heartbeatTimeout: this.options.heartbeatTimeoutMs,
      });
      this.adapters.set(namespace.name, adapter);
      void this.subscriber.subscribe(this.privateChannel(adapter.serverId)).catch((error: unknown) => this.failed('subscribe', error));
      return adapter;
    };
    return function (this: unknown, namespace: Namespace) {
      return make(namespace);
    } as never;
  }

  /** Stops reading and drops its connections; takes its registration back, so that an instance left alone knows it soon. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.reader.disconnect();
    this.subscriber.disconnect();
    await this.membership.close();
  }

  get confirmTimeoutMs(): number {
    return this.options.confirmTimeoutMs;
  }

  /**
   * Which of these instances are gone for certain: their subscriber's connection to Redis is closed (a
   * process that died has its connections closed at once), so nothing listens on their own channel.
   * An instance that is merely slow, or cut off from Redis by the network, still looks connected here;
   * it is waited for until its heartbeat times out, and it has stopped serving before that.
   */
  async gone(serverIds: readonly string[]): Promise<string[]> {
    if (serverIds.length === 0 || !this.isServingNow) return [];
    try {
      const reply = await this.redis.pubsub('NUMSUB', ...serverIds.map((id) => this.privateChannel(id)));
      return serverIds.filter((_, index) => Number(reply[index * 2 + 1]) === 0);
    } catch {
      return [];
    }
  }

  privateChannel(serverId: string): string {
    return `${this.options.channel}#${serverId}`;
  }

  /** Writes one message; resolves with its stream offset (empty for pub/sub). */
  async publish(message: ClusterMessage): Promise<string> {
    const sealed = this.options.seal.seal(encode(message));
    if (isEphemeral(message)) {
      await this.redis.publish(this.options.channel, framed(message.uid, sealed));
      return '';
    }
    const redisNow = this.redisClockOffsetMs === null ? 0 : Date.now() + this.redisClockOffsetMs;
    const trimBefore = `${Math.max(0, redisNow - this.options.retentionMs)}-0`;
    // Exact trimming by age on every write: what a redaction removed is unreadable there soon after.
    const id = await this.redis.xadd(this.options.streamName, 'MINID', trimBefore, '*', 'u', message.uid, 'd', sealed);
    if (id) this.redisClockOffsetMs = Number(id.split('-')[0]) - Date.now();
    return id ?? '';
  }

  async publishResponse(requesterUid: string, response: ClusterResponse): Promise<void> {
    await this.redis.publish(this.privateChannel(requesterUid), framed(response.uid, this.options.seal.seal(encode(response))));
  }

  private onPublished(payload: Buffer): void {
    const sender = payload.subarray(1, 1 + payload[0]).toString();
    if (sender === this.probeId) {
      this.lastProbeHeardAt = performance.now();
      // Heard again after the subscriber reconnected (it subscribes again by itself): whatever it missed
      // is read from PostgreSQL by every socket's next join, since this instance closed them all.
      this.subscriberLost = false;
      return;
    }
    // This instance's own requests and heartbeats come back on the channel it listens to: skipped unopened.
    if (this.isOwn(sender)) return;
    const message = this.open(payload.subarray(1 + payload[0]));
    if (!message) return;
    this.adapters.get(message.nsp)?.receive(message);
  }

  private isOwn(sender: string | undefined): boolean {
    return sender !== undefined && [...this.adapters.values()].some((adapter) => adapter.serverId === sender);
  }

  /**
   * Reads the stream from now on, for as long as the relay lives, waiting out Redis when it is away. It
   * first takes the stream's last entry as its place (not `$`, which counts from whenever Redis runs the
   * first read): this instance serves only once it has one, so nothing written after it began serving
   * is missed.
   */
  private async read(): Promise<void> {
    let offset: string | null = null;
    while (!this.isClosed) {
      try {
        if (offset === null) {
          const [last] = await this.reader.xrevrange(this.options.streamName, '+', '-', 'COUNT', 1);
          offset = last ? last[0] : '0-0';
          this.isReaderPlaced = true;
          this.checkLease();
        }
        const result = await this.reader.xreadBuffer('BLOCK', blockMs, 'COUNT', 100, 'STREAMS', this.options.streamName, offset);
        this.failures.delete('read');
        for (const [, entries] of result ?? []) {
          for (const [id, fields] of entries) {
            offset = id.toString();
            this.measureLag(offset);
            this.onEntry(fields, offset);
          }
        }
      } catch (error) {
        if (this.isClosed) return;
        this.failed('read', error);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }

  /** An entry's id is Redis's clock when it took it; this instance's own entries count too, as its reader reads them all. */
  private measureLag(offset: string): void {
    if (!this.options.onStreamLag) return;
    const writtenAt = Number(offset.split('-')[0]);
    const readAt = Date.now() + (this.redisClockOffsetMs ?? 0);
    this.options.onStreamLag(Math.max(0, readAt - writtenAt) / 1000);
  }

  private onEntry(fields: Buffer[], offset: string): void {
    const values = new Map<string, Buffer>();
    for (let index = 0; index + 1 < fields.length; index += 2) values.set(fields[index].toString(), fields[index + 1]);
    const sender = values.get('u')?.toString();
    // This instance's own broadcasts were delivered locally when sent: skipped before they are opened.
    if (this.isOwn(sender)) return;
    const sealed = values.get('d');
    const message = sealed ? this.open(sealed) : null;
    if (message) this.adapters.get(message.nsp)?.receive(message, offset);
  }

  private open(sealed: Buffer): ClusterMessage | null {
    const plain = this.options.seal.open(sealed);
    if (!plain) {
      this.failed('open', new Error('a relay message did not open with this deployment key'));
      return null;
    }
    try {
      const message = decode(plain) as ClusterMessage;
      return typeof message === 'object' && message !== null && typeof message.nsp === 'string' ? message : null;
    } catch (error) {
      this.failed('decode', error);
      return null;
    }
  }

  /** Logged once per kind of failure until it clears: Redis being away must not flood the log. */
  private failed(what: string, error: unknown): void {
    const name = error instanceof Error ? error.name : 'unknown';
    if (this.failures.get(what) === name) return;
    this.failures.set(what, name);
    this.logger.warn({ what, errorName: name }, 'the live relay through Redis failed');
  }
}

class SealedStreamsAdapter extends ClusterAdapterWithHeartbeat {
  constructor(
    namespace: Namespace,
    private readonly relay: SealedStreams,
    options: { heartbeatInterval: number; heartbeatTimeout: number },
  ) {
    super(namespace, options);
  }

  get serverId(): string {
    return this.uid;
  }

  receive(message: ClusterMessage, offset?: string): void {
    this.onMessage(message, offset);
  }

  /** Whether this namespace has heard another instance within the heartbeat timeout (it is then not alone, whatever Redis says). */
  hearsOthers(): boolean {
    return (this as unknown as { nodesMap: Map<string, number> }).nodesMap.size > 0;
  }

  /**
   * A server-side event with acknowledgements waits for every instance it knows of until each answers
   * or falls silent (its heartbeat times out, and it is forgotten), not for a fixed five seconds: an
   * instance that is alive but busy is waited for, so a revocation is not acknowledged past it.
   */
  override async serverSideEmit(packet: unknown[]): Promise<unknown> {
    if (typeof packet[packet.length - 1] !== 'function') return super.serverSideEmit(packet);
    const ack = packet.pop() as (error: Error | null, responses: unknown[]) => void;
    const internals = this as unknown as {
      nodesMap: Map<string, number>;
      customRequests: Map<
        string,
        { type: MessageType; resolve: typeof ack; timeout: NodeJS.Timeout; missingUids: Set<string>; responses: unknown[] }
      >;
    };
    if (internals.nodesMap.size === 0) return ack(null, []);
    const requestId = randomBytes(8).toString('hex');
    const timeout = setTimeout(() => {
      const request = internals.customRequests.get(requestId);
      if (!request) return;
      internals.customRequests.delete(requestId);
      ack(new Error(`timeout reached: missing ${request.missingUids.size} responses`), request.responses);
    }, this.relay.confirmTimeoutMs);
    const request = {
      type: MessageType.SERVER_SIDE_EMIT,
      resolve: ack,
      timeout,
      missingUids: new Set(internals.nodesMap.keys()),
      responses: [] as unknown[],
    };
    internals.customRequests.set(requestId, request);
    this.publish({ type: MessageType.SERVER_SIDE_EMIT, data: { requestId, packet } } as never);
    // An instance that died holds the answer up until its heartbeat times out, unless Redis says first
    // that nothing of it is connected any more.
    const watch = setInterval(() => {
      if (!internals.customRequests.has(requestId)) {
        clearInterval(watch);
        return;
      }
      void this.relay.gone([...request.missingUids]).then((gone) => {
        for (const serverId of gone) (this as unknown as { removeNode(uid: string): void }).removeNode(serverId);
      });
    }, goneCheckMs);
    watch.unref();
  }

  protected doPublish(message: ClusterMessage): Promise<string> {
    return this.relay.publish(message);
  }

  protected doPublishResponse(requesterUid: string, response: ClusterResponse): Promise<void> {
    return this.relay.publishResponse(requesterUid, response);
  }

  /**
   * This instance's sockets at once; the others through the stream, without waiting for Redis. An
   * instance alone writes nothing: no other instance can be serving, and one that joins waits before it
   * serves until this one has learnt of it (docs/decisions/0033).
   */
  override broadcast(packet: unknown, options: BroadcastOptions): Promise<void> {
    Adapter.prototype.broadcast.call(this, packet, options);
    if (!options.flags?.local && !this.relay.isAlone()) {
      this.publish({
        type: MessageType.BROADCAST,
        data: { packet, opts: { rooms: [...options.rooms], except: [...(options.except ?? [])], flags: options.flags } },
      } as never);
    }
    return Promise.resolve();
  }

  // Room changes and disconnections for every instance go through the stream too: alone, nobody else to tell.

  override addSockets(options: BroadcastOptions, rooms: string[]): Promise<void> {
    return super.addSockets(this.aloneOrAsGiven(options), rooms);
  }

  override delSockets(options: BroadcastOptions, rooms: string[]): Promise<void> {
    return super.delSockets(this.aloneOrAsGiven(options), rooms);
  }

  override disconnectSockets(options: BroadcastOptions, close: boolean): Promise<void> {
    return super.disconnectSockets(this.aloneOrAsGiven(options), close);
  }

  private aloneOrAsGiven(options: BroadcastOptions): BroadcastOptions {
    if (options.flags?.local || !this.relay.isAlone()) return options;
    return { ...options, flags: { ...options.flags, local: true } };
  }
}
