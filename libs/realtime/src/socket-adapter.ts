import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';

/** Limits for the live channel, named once. */
export const realtimeLimits = {
  maxPayloadBytes: 64 * 1024,
  pingIntervalMs: 20_000,
  pingTimeoutMs: 10_000,
} as const;

export interface RealtimeOptions {
  /** A Redis client for the streams adapter; null runs this process as the only instance. */
  readonly redis: object | null;
  readonly allowedOrigins: readonly string[];
  /** Names the adapter's Redis stream and channels, so that separate deployments never mix. */
  readonly prefix: string;
}

/**
 * socket.io with WebSocket transport only, an Origin allow-list checked when the connection is requested
 * (socket.io's `cors` option alone does not stop cross-site WebSocket hijacking), a payload limit, and
 * the Redis streams adapter between instances when Redis is configured.
 */
export class CaseroomSocketAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly options: RealtimeOptions,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const allowed = new Set(this.options.allowedOrigins);
    const server = super.createIOServer(port, {
      ...options,
      path: options?.path ?? '/socket.io',
      transports: ['websocket'],
      maxHttpBufferSize: realtimeLimits.maxPayloadBytes,
      pingInterval: realtimeLimits.pingIntervalMs,
      pingTimeout: realtimeLimits.pingTimeoutMs,
      serveClient: false,
      cors: { origin: [...allowed], credentials: false },
      allowRequest: (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
        const origin = request.headers.origin;
        callback(null, origin !== undefined && allowed.has(origin));
      },
    } as ServerOptions);
    if (this.options.redis !== null) {
      server.adapter(
        createAdapter(this.options.redis, {
          streamName: `${this.options.prefix}:socket.io`,
          channelPrefix: `${this.options.prefix}:socket.io`,
        }),
      );
    }
    return server;
  }
}
