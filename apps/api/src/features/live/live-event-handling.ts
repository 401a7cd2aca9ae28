import { Inject, Injectable, Logger } from '@nestjs/common';
import { clientEvents, findUnstorableText, type Ack, type ClientEvent, type ClientPayload } from '@caseroom/contracts';
import { DomainError, type Actor, type Clock } from '@caseroom/domain';
import { SessionRepository } from '@caseroom/persistence';
import { FrameGate, scoped } from '@caseroom/realtime';
import { describeError } from '../../edge/error-response';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import { EventRateLimiter, eventLimits } from './event-rate-limiter';
import { LiveRooms, type LiveSocket } from './live-rooms';

export type LiveWork<E extends ClientEvent> = (payload: ClientPayload<E>, actor: Actor, sessionChecked: Promise<Actor>) => Promise<unknown>;

/**
 * What every gateway on the live channel does with a client event before and after its work: the
 * per-person rate limit, validation against the contract, a fresh session check, and an acknowledgement
 * of `{ ok }` or an error code. One instance for the channel, so that the rate limit is per person
 * whichever feature's event they send.
 */
@Injectable()
export class LiveEventHandling {
  private readonly logger = new Logger(LiveEventHandling.name);
  private readonly limiter: EventRateLimiter;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionRepository,
    private readonly liveRooms: LiveRooms,
    private readonly gate: FrameGate,
  ) {
    this.limiter = new EventRateLimiter(eventLimits(config.liveRates.eventsPerSecond));
  }

  /**
   * Rate limit, validation, a fresh session check, then the work. An event on a revocation's path may
   * ask for the session check to run alongside its own reads (`checkSessionAlongside`); it must then
   * await `sessionChecked` before it writes anything.
   *
   * What the work answers is marked as decided at the socket's epoch before it began: if anything that
   * may narrow what the person sees happens before it is sent, the gate does not send it (a read is
   * answered again; a write, `isWrite`, is acknowledged without its echo).
   */
  async handle<E extends ClientEvent>(
    socket: LiveSocket,
    event: E,
    body: unknown,
    work: LiveWork<E>,
    { checkSessionAlongside = false, isWrite = false } = {},
  ): Promise<Ack> {
    const { actor } = socket.data;
    const decidedAt = this.gate.epochOf(socket);
    if (!this.limiter.take(actor.userId, Date.now())) return { ok: false, code: 'RATE_LIMITED', message: 'Too many events: slow down.' };
    const parsed = clientEvents[event].safeParse(body);
    if (!parsed.success) return { ok: false, code: 'VALIDATION_FAILED', message: `The ${event} payload is not valid.` };
    const unstorable = findUnstorableText(parsed.data, 'payload');
    if (unstorable.length > 0) {
      return {
        ok: false,
        code: 'VALIDATION_FAILED',
        message: `The ${event} payload holds text that cannot be stored (${unstorable[0].path}).`,
      };
    }
    try {
      // The session is checked again on every event: a revoked session cannot act, even for a moment.
      const sessionChecked = this.checkSession(socket);
      sessionChecked.catch(() => undefined); // awaited below or by the work; never left unhandled
      const data = await work(parsed.data as ClientPayload<E>, checkSessionAlongside ? actor : await sessionChecked, sessionChecked);
      await sessionChecked;
      return data === undefined
        ? { ok: true }
        : scoped({ ok: true, data }, { kind: 'decided', at: decidedAt }, isWrite ? { ok: true } : undefined);
    } catch (error) {
      return this.refusal(event, error);
    }
  }

  /** A domain error's own code and message; anything else is logged by name and answered INTERNAL. */
  refusal(event: ClientEvent, error: unknown): Ack {
    if (error instanceof DomainError) return { ok: false, code: error.code, message: error.message };
    this.logger.error({ event, ...describeError(error) }, 'live event failed');
    return { ok: false, code: 'INTERNAL', message: 'Something went wrong on our side.' };
  }

  private async checkSession(socket: LiveSocket): Promise<Actor> {
    const current = await this.sessions.findActor(socket.data.actor.sessionId, this.clock.now());
    if (!current) {
      this.liveRooms.endSession(socket, 'revoked');
      throw new DomainError('SESSION_REVOKED', 'This session has ended: sign in again.');
    }
    socket.data.actor = current;
    return current;
  }
}
