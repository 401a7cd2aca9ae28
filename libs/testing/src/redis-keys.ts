import { Redis } from 'ioredis';

/**
 * Deletes what a run's servers (a benchmark's or a test's) left in Redis under their prefix (the socket.io
 * stream keeps up to ten thousand messages): Redis would otherwise hold it until it restarts.
 */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
