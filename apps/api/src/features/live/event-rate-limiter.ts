/** Per-person token bucket for live events: a burst is allowed, a flood is not. */
export const liveEventLimits = { perSecond: 20, burst: 40 } as const;

/** Notes messages come with every keystroke and cursor move: a fast typist, not a script. */
export const notesEventLimits = { perSecond: 120, burst: 240 } as const;

export class EventRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: { readonly perSecond: number; readonly burst: number } = liveEventLimits) {}

  take(key: string, now: number): boolean {
    const { perSecond, burst } = this.limits;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed;
  }
}
