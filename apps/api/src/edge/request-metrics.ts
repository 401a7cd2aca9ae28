import type { NextFunction, Request, Response } from 'express';
import { Metrics } from '../shared/metrics';

/**
 * Times every HTTP request and counts it under the route's template (`/api/cases/:caseId`), never its
 * path: a path carries ids. A request no route answered (the web client's files, a 404) counts as
 * `unmatched`.
 */
export function requestMetrics(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = Metrics.start();
    response.once('finish', () => {
      metrics.httpRequests.observe(
        { method: methodLabel(request.method), route: routeTemplate(request), status_class: `${Math.floor(response.statusCode / 100)}xx` },
        stop(),
      );
    });
    next();
  };
}

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const methodLabel = (method: string) => (methods.has(method) ? method : 'other');

function routeTemplate(request: Request): string {
  const { route } = request as { route?: { path?: unknown } };
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
}
