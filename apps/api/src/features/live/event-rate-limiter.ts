export interface EventLimits {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * Live events a person may send: a burst is allowed, a flood is not. Notes messages come with every
 * keystroke and cursor move, so they have an allowance of their own (a fast typist, not a script).
 * Bursts are twice the rate; the rates are configuration (`LIVE_EVENTS_PER_SECOND`, `LIVE_NOTES_EVENTS_PER_SECOND`).
 */
export const eventLimits = (perSecond: number): EventLimits => ({ perSecond, burst: 2 * perSecond });

/** How often buckets that have filled up again are forgotten. */
const sweepEveryMs = 60_000;

export class EventRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(private readonly limits: EventLimits) {}

  take(key: string, now: number): boolean {
    const { perSecond, burst } = this.limits;
    if (now - this.sweptAt >= sweepEveryMs) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed;
  }

  /** How many people the limiter holds a bucket for. */
  get size(): number {
    return this.buckets.size;
  }

  /** A bucket that has had time to fill again is the same as no bucket: forget it. */
  private sweep(now: number): void {
    const refillMs = (this.limits.burst / this.limits.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refillMs) this.buckets.delete(key);
    this.sweptAt = now;
  }
}
