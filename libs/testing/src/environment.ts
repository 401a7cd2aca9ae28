import { Client } from 'pg';
import { Redis } from 'ioredis';

/**
 * Which real services the tests can use. PostgreSQL comes from TEST_DATABASE_URL; without it the
 * tests run on the embedded default (PGlite). Redis comes from TEST_REDIS_URL; tests that need it
 * are skipped without it, and the reporter lists them with the reason.
 */
export const testServices = {
  postgresUrl: process.env.TEST_DATABASE_URL || null,
  redisUrl: process.env.TEST_REDIS_URL || null,
};

export const redisSkipReason = 'TEST_REDIS_URL is not set: no Redis to test against';

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
