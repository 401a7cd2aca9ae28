import { Inject, Injectable, Logger } from '@nestjs/common';
import { notFound, type Actor, type Clock } from '@caseroom/domain';
import { CredentialRepository, PersonRepository, SessionRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { LiveEvents } from '../../shared/live-events';

/** For a lost authenticator: removes it and ends every session, so the person must enrol afresh. */
@Injectable()
export class ResetSecondFactor {
  private readonly logger = new Logger(ResetSecondFactor.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly credentials: CredentialRepository,
    private readonly sessions: SessionRepository,
    private readonly people: PersonRepository,
    private readonly live: LiveEvents,
  ) {}

  async execute(actor: Actor, userId: string): Promise<void> {
    if (!(await this.people.findById(userId))) throw notFound('The person');
    await this.credentials.resetSecondFactor(userId);
    const ended = await this.sessions.revokeAllForUser(userId, 'second-factor-reset', this.clock.now());
    await this.live.publish({ kind: 'sessions-ended', sessionIds: ended });
    this.logger.log({ by: actor.userId, userId }, 'second factor reset');
  }
}
