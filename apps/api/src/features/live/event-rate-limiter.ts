/** Per-person token bucket for live events: a burst is allowed, a flood is not. */
export const liveEventLimits = { perSecond: 20, burst: 40 } as const;

/** Notes messages come with every keystroke and cursor move: a fast typist, not a script. */
export const notesEventLimits = { perSecond: 120, burst: 240 } as const;

/** How often buckets that have filled up again are forgotten. */
const sweepEveryMs = 60_000;

export class EventRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(private readonly limits: { readonly perSecond: number; readonly burst: number } = liveEventLimits) {}

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
