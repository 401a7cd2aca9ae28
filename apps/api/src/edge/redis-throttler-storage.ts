import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

const script = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }`;

/**
 * Rate-limit counters shared by every instance, so a limit is a limit behind a load balancer. While
 * Redis cannot be reached, each instance counts on its own (a limit then holds per instance, which is
 * looser but still a limit) and says so once: signing in must not depend on Redis.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly local = new ThrottlerStorageService();
  private isDegraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.status !== 'ready') return this.locally(key, ttl, limit, blockDuration, throttlerName);
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    let reply: [number, number, number];
    try {
      reply = (await this.redis.eval(script, 2, `${base}:hits`, `${base}:blocked`, ttl, limit, blockDuration)) as [number, number, number];
    } catch {
      return this.locally(key, ttl, limit, blockDuration, throttlerName);
    }
    if (this.isDegraded) {
      this.isDegraded = false;
      this.logger.log('rate limits are shared between instances again');
    }
    const [hits, ttlMs, blockedMs] = reply;
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
      isBlocked: blockedMs > 0,
      timeToBlockExpire: Math.max(0, Math.ceil(blockedMs / 1000)),
    };
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }

  private locally(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (!this.isDegraded) {
      this.isDegraded = true;
      this.logger.warn('Redis cannot be reached: rate limits are counted per instance until it is back');
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }
}
