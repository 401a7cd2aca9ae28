import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';

export const REDIS = Symbol('REDIS');

/** One Redis connection for the process, or null when this instance runs alone. */
export function connectRedis(url: string | null): Redis | null {
  if (url === null) return null;
  const logger = new Logger('Redis');
  // A closed connection (and the adapter's connections, which copy these options) is torn down within
  // 200 ms even when Redis is in the middle of a blocking read and does not answer the close.
  const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false, disconnectTimeout: 200 });
  let lastError = '';
  client.on('error', (error: Error) => {
    // Logged once per distinct failure: a reconnect loop must not flood the log.
    if (error.message !== lastError) logger.warn({ errorName: error.name }, 'Redis connection problem');
    lastError = error.message;
  });
  client.on('ready', () => {
    lastError = '';
  });
  return client;
}
