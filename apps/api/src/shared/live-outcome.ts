import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

interface Outcome {
  /** Instances that neither confirmed a live change made by this request nor can be reached (they have stopped serving). */
  unconfirmed: number;
}

const outcomes = new AsyncLocalStorage<Outcome>();

/** The header that tells a caller its change is stored, but not every instance could confirm it live. */
export const unconfirmedHeader = 'Caseroom-Live-Unconfirmed';

/** Notes, for the request under way, instances that could not confirm a live change. */
export function noteUnconfirmed(count: number): void {
  const outcome = outcomes.getStore();
  if (outcome && count > 0) outcome.unconfirmed += count;
}

/**
 * Runs each request with a place to note what its live changes could not confirm, and says so in the
 * answer's headers: the change is stored, and the instances that could not confirm it have stopped
 * serving live rooms (decision 0018), so the caller learns of the fault without being told it failed.
 */
export function liveOutcomes(_request: Request, response: Response, next: NextFunction): void {
  const outcome: Outcome = { unconfirmed: 0 };
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
  response.writeHead = ((...args: unknown[]) => {
    if (outcome.unconfirmed > 0 && !response.headersSent) response.setHeader(unconfirmedHeader, String(outcome.unconfirmed));
    return writeHead(...args);
  }) as Response['writeHead'];
  outcomes.run(outcome, next);
}
