import { performance } from 'node:perf_hooks';

/** The one command of an ioredis client the membership uses. */
export interface MembershipRedis {
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface RelayMembershipOptions {
  /** The sorted set of live instances: member = an instance's random id, score = when it expires, in Redis's clock. */
  readonly key: string;
  /** The relay's stream, trimmed by age on every refresh, so that it is trimmed also while nobody writes to it. */
  readonly streamName: string;
  readonly retentionMs: number;
  /** This instance's id in the set: random, nothing of a case. */
  readonly memberId: string;
  /** How long after a refresh was sent that found no other instance this one may take itself for alone. */
  readonly aloneWindowMs: number;
  /** Added to the window before a newly registered instance serves. */
  readonly joinMarginMs: number;
  /** How long a registration lives in Redis without a refresh: longer than the lease, so it outlives the serving it allows. */
  readonly ttlMs: number;
  /** How long this instance may serve since the last refresh that found it still registered was sent. */
  readonly leaseMs: number;
  readonly refreshMs: number;
}

/**
 * One round trip, atomic, in Redis's clock: forgets the instances whose registration expired, registers
 * this one (or refreshes it), trims the stream by age, and answers which refresh first registered it
 * (its registration is unbroken while that stays the same) and which other instances are live.
 */
const refreshScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for index = 1, #expired, 500 do
  local batch = { unpack(expired, index, math.min(index + 499, #expired)) }
  redis.call('ZREM', KEYS[1], unpack(batch))
  redis.call('HDEL', KEYS[2], unpack(batch))
end
local registeredBy = redis.call('HGET', KEYS[2], ARGV[1])
if not registeredBy or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  registeredBy = ARGV[4]
  redis.call('HSET', KEYS[2], ARGV[1], registeredBy)
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('XTRIM', KEYS[3], 'MINID', string.format('%d-0', math.max(0, now - tonumber(ARGV[3]))))
local answer = { registeredBy }
for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if member ~= ARGV[1] then answer[#answer + 1] = member end
end
return answer
`;

const leaveScript = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 0
`;

/** How long a closing instance waits for Redis to take its registration back; past that it expires by itself. */
const leaveTimeoutMs = 500;

/**
 * This instance's registration among the live instances, in Redis (docs/decisions/0033). It tells the
 * relay two things, both failing closed:
 *
 * - **Alone.** A refresh sent at t0 that found no other instance live lets this instance skip the stream
 *   until t0 + the window. Any refresh failing, or not answering within an interval, ends that at once.
 * - **May serve.** Only from the window and a margin after it was registered (every window another
 *   instance computed without it has then ended), and only while a refresh that found it still
 *   registered was sent within the lease (its registration outlives that by the ttl's margin). A
 *   registration found lost (Redis flushed or restarted, or this instance silent past the ttl) counts as
 *   new: the instance stops serving and waits again.
 *
 * Times are this process's monotonic clock; expiry is Redis's clock. Nothing of a case is stored: ids,
 * times and refresh numbers only.
 */
export class RelayMembership {
  private readonly registrations: string;
  private sequence = 0;
  private answeredSequence = 0;
  private inFlight: { sequence: number; sentAt: number } | null = null;
  /** The number of the refresh that registered this instance, as Redis last answered it. */
  private registeredBy: string | null = null;
  private aloneUntil = Number.NEGATIVE_INFINITY;
  private servingFrom = Number.POSITIVE_INFINITY;
  private lastConfirmedSentAt = Number.NEGATIVE_INFINITY;
  /** When Redis's connection last closed: a refresh sent before then tells nothing any more. */
  private lostAt = Number.NEGATIVE_INFINITY;
  private readonly timers: NodeJS.Timeout[] = [];
  private isClosed = false;

  constructor(
    private readonly redis: MembershipRedis,
    private readonly options: RelayMembershipOptions,
    private readonly listeners: { readonly changed: () => void; readonly failed: (error: unknown) => void },
  ) {
    this.registrations = `${options.key}:registered-by`;
  }

  start(): void {
    this.refresh();
    const timer = setInterval(() => this.refresh(), this.options.refreshMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Whether a refresh sent less than the window ago found no other instance registered, and none has failed since. */
  isAlone(now = performance.now()): boolean {
    return now < this.aloneUntil;
  }

  /** Whether this instance's registration allows it to serve at `now` (monotonic; Infinity after a stall). */
  mayServe(now: number): boolean {
    return now >= this.servingFrom && now - this.lastConfirmedSentAt <= this.options.leaseMs;
  }

  /** Figures for the log when serving stops or starts: nothing of a case. */
  describe(now: number): { registered: boolean; refreshedMsAgo: number } {
    return {
      registered: this.registeredBy !== null && now >= this.servingFrom,
      refreshedMsAgo: Number.isFinite(now) ? Math.round(now - this.lastConfirmedSentAt) : -1,
    };
  }

  /**
   * Redis's connection closed, and Redis may have restarted empty: whatever the last refresh said, this
   * instance no longer knows that it is alone, nor that it is still registered. It serves again once a
   * refresh sent after this has answered (and waits first, if that refresh had to register it anew).
   */
  lost(): void {
    this.lostAt = performance.now();
    this.aloneUntil = Number.NEGATIVE_INFINITY;
    this.lastConfirmedSentAt = Number.NEGATIVE_INFINITY;
    this.inFlight = null;
    this.listeners.changed();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.aloneUntil = Number.NEGATIVE_INFINITY;
    this.servingFrom = Number.POSITIVE_INFINITY;
    for (const timer of this.timers) clearTimeout(timer);
    // Taken back at once so that the others need not wait for it to expire; a crashed instance's expires.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.redis.eval(leaveScript, 2, this.options.key, this.registrations, this.options.memberId).catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, leaveTimeoutMs))),
    ]);
    clearTimeout(timer);
  }

  private refresh(): void {
    if (this.isClosed) return;
    // Taken before sending: the window counts from before Redis could have answered.
    const sentAt = performance.now();
    if (this.inFlight) {
      // The last refresh has not answered within an interval: alone no longer, and no second one piled
      // on a slow Redis, unless the first is lost for good.
      this.aloneUntil = Number.NEGATIVE_INFINITY;
      if (sentAt - this.inFlight.sentAt <= this.options.leaseMs) return;
    }
    this.sequence += 1;
    const sequence = this.sequence;
    this.inFlight = { sequence, sentAt };
    const { key, streamName, memberId, ttlMs, retentionMs } = this.options;
    this.redis.eval(refreshScript, 3, key, this.registrations, streamName, memberId, ttlMs, retentionMs, String(sequence)).then(
      (reply) => this.answered(sequence, sentAt, reply),
      (error: unknown) => this.refused(sequence, error),
    );
  }

  private answered(sequence: number, sentAt: number, reply: unknown): void {
    if (this.inFlight?.sequence === sequence) this.inFlight = null;
    if (this.isClosed || sentAt < this.lostAt || sequence <= this.answeredSequence || !Array.isArray(reply) || reply.length === 0) return;
    this.answeredSequence = sequence;
    const [registeredBy, ...others] = reply.map(String);
    if (registeredBy !== this.registeredBy) this.registered(registeredBy);
    this.lastConfirmedSentAt = Math.max(this.lastConfirmedSentAt, sentAt);
    this.aloneUntil = others.length === 0 ? sentAt + this.options.aloneWindowMs : Number.NEGATIVE_INFINITY;
    this.listeners.changed();
  }

  /**
   * Registered anew: the first time, or after the registration was lost. Another instance may have
   * found itself alone meanwhile, until at most a window after it asked, which was before this answer:
   * this one serves only once every such window has surely ended.
   */
  private registered(registeredBy: string): void {
    this.registeredBy = registeredBy;
    const waitMs = this.options.aloneWindowMs + this.options.joinMarginMs;
    this.servingFrom = performance.now() + waitMs;
    const timer = setTimeout(() => {
      this.timers.splice(this.timers.indexOf(timer), 1);
      this.listeners.changed();
    }, waitMs + 1);
    timer.unref();
    this.timers.push(timer);
  }

  private refused(sequence: number, error: unknown): void {
    if (this.inFlight?.sequence === sequence) this.inFlight = null;
    this.aloneUntil = Number.NEGATIVE_INFINITY;
    if (this.isClosed) return;
    this.listeners.failed(error);
    this.listeners.changed();
  }
}
