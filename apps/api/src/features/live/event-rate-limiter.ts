/** Per-person token bucket for live events: a burst is allowed, a flood is not. */
export const liveEventLimits = { perSecond: 20, burst: 40 } as const;

export class EventRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: liveEventLimits.burst, at: now };
    const tokens = Math.min(liveEventLimits.burst, bucket.tokens + ((now - bucket.at) / 1000) * liveEventLimits.perSecond);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed;
  }
}
