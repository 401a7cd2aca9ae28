import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { clientEvents, type Ack, type ClientEvent } from '@caseroom/contracts';
import { describeError } from '../../edge/error-response';
import type { LiveSocket } from './live-rooms';

/** Answers one client event from one socket; the acknowledgement carries what it resolves to. */
export type LiveHandler = (socket: LiveSocket, body: unknown) => Promise<Ack>;

export type LiveHandlers = { readonly [E in ClientEvent]?: LiveHandler };

const unknownEvent: Ack = { ok: false, code: 'VALIDATION_FAILED', message: 'There is no such event on the live channel.' };

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
   */
  private dispatcher(): (this: LiveSocket, event: unknown, ...args: unknown[]) => void {
    const { handlers, logger } = this;
    return function (this: LiveSocket, event, ...args) {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (reply: Ack) => void) : undefined;
      const handler = typeof event === 'string' ? handlers.get(event) : undefined;
      if (!handler) {
        ack?.(unknownEvent);
        return;
      }
      handler(this, args[0] === ack ? undefined : args[0]).then(
        (reply) => ack?.(reply),
        (error: unknown) => {
          logger.error({ event, ...describeError(error) }, 'live event handler failed');
          ack?.({ ok: false, code: 'INTERNAL', message: 'Something went wrong on our side.' });
        },
      );
    };
  }
}
