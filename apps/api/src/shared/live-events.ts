import { Injectable } from '@nestjs/common';

/**
 * What the live channel must react to, raised by the use cases that cause it. Handlers are awaited, so
 * a change has taken effect on every instance before the request that made it returns.
 */
export type LiveChange =
  | { readonly kind: 'sessions-ended'; readonly sessionIds: readonly string[] }
  | { readonly kind: 'person-changed'; readonly userId: string }
  /**
   * `steppedOut` names people the change denies everything on the case (a conflict declared or
   * recorded): every instance removes them from the case's rooms at once, before any database read.
   */
  | { readonly kind: 'case-changed'; readonly caseId: string; readonly steppedOut?: readonly string[] }
  /**
   * `removed` names people the change takes out of the conference (removed by the chair, their
   * invitation withdrawn): whatever was decided for them before, on a socket or in an answer, is stale.
   */
  | { readonly kind: 'conference-changed'; readonly conferenceId: string; readonly removed?: readonly string[] };

type Handler = (change: LiveChange) => Promise<void>;

@Injectable()
export class LiveEvents {
  private readonly handlers: Handler[] = [];

  subscribe(handler: Handler): void {
    this.handlers.push(handler);
  }

  async publish(change: LiveChange): Promise<void> {
    for (const handler of this.handlers) await handler(change);
  }
}
