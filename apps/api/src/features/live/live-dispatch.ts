import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { clientEvents, type Ack, type ClientEvent } from '@caseroom/contracts';
import { askAgain, FrameGate, refusalOf, scopeOf } from '@caseroom/realtime';
import { describeError } from '../../edge/error-response';
import { Metrics, outcomeLabel } from '../../shared/metrics';
import type { LiveSocket } from './live-rooms';

/** Answers one client event from one socket; the acknowledgement carries what it resolves to. */
export type LiveHandler = (socket: LiveSocket, body: unknown) => Promise<Ack>;

export type LiveHandlers = { readonly [E in ClientEvent]?: LiveHandler };

const unknownEvent: Ack = { ok: false, code: 'VALIDATION_FAILED', message: 'There is no such event on the live channel.' };

/** How often a read whose answer went stale before it could be sent (a revocation meanwhile) is answered again. */
const answerAttempts = 3;

/**
 * Which handler answers each client event on the live channel. Every feature registers its handlers
 * here once, and every socket gets the same single listener, which finds the handler by the event's
 * name: a socket carries no handler table or bound functions of its own (decision 0015). Every event in
 * the contract must have exactly one handler by the time the application starts.
 */
@Injectable()
export class LiveDispatch implements OnApplicationBootstrap {
  private readonly logger = new Logger(LiveDispatch.name);
  private readonly handlers = new Map<string, LiveHandler>();
  private readonly listener = this.dispatcher();

  constructor(
    private readonly gate: FrameGate,
    private readonly metrics: Metrics,
  ) {}

  register(handlers: LiveHandlers): void {
    for (const [event, handler] of Object.entries(handlers)) {
      if (this.handlers.has(event)) throw new Error(`the live event ${event} has two handlers`);
      this.handlers.set(event, handler);
    }
  }

  onApplicationBootstrap(): void {
    const missing = Object.keys(clientEvents).filter((event) => !this.handlers.has(event));
    if (missing.length > 0) throw new Error(`live events without a handler: ${missing.join(', ')}`);
  }

  /** Starts answering the socket's events. */
  attach(socket: LiveSocket): void {
    socket.onAny(this.listener);
  }

  /**
   * One function for every socket: socket.io calls it with the socket as `this` and the event's name and
   * arguments, the acknowledgement callback last when the client asked for one. A handler settles every
   * refusal itself; anything that still escapes is logged by name only, and the client hears INTERNAL.
   *
   * An answer that carries anything of a case is marked with the scope it was decided under. It is sent
   * only if that scope still holds as it is sent (and the gate checks it again as it is written); if a
   * revocation came in between, a read is answered again from the start and a write's echo is not sent.
   */
  private dispatcher(): (this: LiveSocket, event: unknown, ...args: unknown[]) => void {
    const { handlers, logger, gate, metrics } = this;
    return function (this: LiveSocket, event, ...args) {
      const stop = Metrics.start();
      const last = args.at(-1);
      const handler = typeof event === 'string' ? handlers.get(event) : undefined;
      // Timed under its name only when it is one of ours: a name a client made up never becomes a label.
      const name = handler ? (event as string) : 'unknown';
      const acknowledge = typeof last === 'function' ? (last as (reply: Ack) => void) : undefined;
      const ack = (reply: Ack) => {
        metrics.liveEvents.observe({ event: name, outcome: reply.ok ? 'ok' : outcomeLabel(reply.code) }, stop());
        acknowledge?.(reply);
      };
      if (!handler) {
        ack(unknownEvent);
        return;
      }
      const body = args[0] === acknowledge ? undefined : args[0];
      const answer = (socket: LiveSocket, attempt: number): void => {
        handler(socket, body).then(
          (reply) => {
            const scope = scopeOf(reply);
            if (!scope || gate.admits(socket, scope)) return ack(reply);
            const refusal = refusalOf(reply);
            if (refusal === askAgain && attempt < answerAttempts) return answer(socket, attempt + 1);
            ack(refusal);
          },
          (error: unknown) => {
            logger.error({ event, ...describeError(error) }, 'live event handler failed');
            ack({ ok: false, code: 'INTERNAL', message: 'Something went wrong on our side.' });
          },
        );
      };
      answer(this, 1);
    };
  }
}
