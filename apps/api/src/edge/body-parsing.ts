import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { findUnstorableText } from '@caseroom/contracts';
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
  app.use(refuseUnstorableText);
}

/**
 * A NUL character or half a surrogate pair, anywhere in the body or the query string, is refused here
 * with the field named, for every route alike: PostgreSQL would refuse it later, as a 500.
 */
function refuseUnstorableText(request: Request & { id?: string }, response: Response, next: NextFunction): void {
  const found = [...findUnstorableText(request.body, 'body'), ...findUnstorableText(request.query, 'query')];
  if (found.length === 0) {
    next();
    return;
  }
  const requestId = typeof request.id === 'string' ? request.id : undefined;
  response.status(400).json(errorBody('VALIDATION_FAILED', 'The request holds text that cannot be stored.', found, requestId));
}
