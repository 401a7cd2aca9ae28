import { Inject, Injectable, Logger } from '@nestjs/common';
import { notFound, type Actor, type Clock } from '@caseroom/domain';
import { PersonRepository, SessionRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { LiveEvents } from '../../shared/live-events';

@Injectable()
export class RevokeSessions {
  private readonly logger = new Logger(RevokeSessions.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionRepository,
    private readonly people: PersonRepository,
    private readonly live: LiveEvents,
  ) {}

  /** Signs the person out everywhere. */
  async ofPerson(actor: Actor, userId: string, reason: string): Promise<{ revoked: number }> {
    if (!(await this.people.findById(userId))) throw notFound('The person');
    const revoked = await this.sessions.revokeAllForUser(userId, reason, this.clock.now());
    await this.live.publish({ kind: 'sessions-ended', sessionIds: revoked });
    this.logger.log({ by: actor.userId, userId, sessions: revoked.length, reason }, 'sessions revoked');
    return { revoked: revoked.length };
  }

  /** Signs out of the current session only. */
  async current(actor: Actor): Promise<void> {
    await this.sessions.revoke(actor.sessionId, 'signed-out', this.clock.now());
    await this.live.publish({ kind: 'sessions-ended', sessionIds: [actor.sessionId] });
  }
}
