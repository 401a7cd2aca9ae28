import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const acceptableId = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is a plain token, otherwise a new one),
 * echoes it back, and forbids caching of every response: API answers hold personal data.
 */
export function requestContext(request: Request & { id?: string }, response: Response, next: NextFunction): void {
  const incoming = request.headers['x-request-id'];
  request.id = typeof incoming === 'string' && acceptableId.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', request.id);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Pragma', 'no-cache');
  next();
}
