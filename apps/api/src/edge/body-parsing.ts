import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorBody } from './error-response';

/**
 * JSON bodies only, of bounded size. A body that is malformed or too large is answered here with the
 * same error shape as everything else, before it reaches a route.
 */
export function useJsonBodies(app: INestApplication, limitBytes: number): void {
  app.use(express.json({ limit: limitBytes, strict: true }));
  app.use((error: { type?: string; status?: number }, request: Request & { id?: string }, response: Response, next: NextFunction) => {
    const requestId = typeof request.id === 'string' ? request.id : undefined;
    if (error?.type === 'entity.too.large') {
      response
        .status(413)
        .json(errorBody('PAYLOAD_TOO_LARGE', `The request body is larger than ${Math.floor(limitBytes / 1024)} KB.`, [], requestId));
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      response.status(400).json(errorBody('MALFORMED_JSON', 'The request body is not valid JSON.', [], requestId));
      return;
    }
    if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported') {
      response.status(415).json(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON.', [], requestId));
      return;
    }
    next(error);
  });
}
