import { Inject, Injectable } from '@nestjs/common';
import { DomainError, isSecondFactorFresh, type Actor, type Clock } from '@caseroom/domain';
import { SessionRepository } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK } from './clock';

export const stepUpRequired = () =>
  new DomainError('STEP_UP_REQUIRED', 'Confirm it is you: enter a code from your authenticator, then try again.');

/**
 * Step-up (decision 0029): some acts ask for a second factor proven within STEP_UP_MAX_AGE_SECONDS in
 * this session. Routes ask through `@RequiresStepUp()`; a read of the victim compartment asks after the
 * policy has admitted the person, so a refused attempt is still traced as one (decision 0023).
 */
@Injectable()
export class RecentSecondFactor {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionRepository,
  ) {}

  async require(actor: Pick<Actor, 'sessionId'>): Promise<void> {
    if (!(await this.isFresh(actor))) throw stepUpRequired();
  }

  /** Whether this session proved a second factor recently enough for the acts that ask for one again. */
  async isFresh(actor: Pick<Actor, 'sessionId'>): Promise<boolean> {
    const secondFactor = await this.sessions.findSecondFactor(actor.sessionId);
    return !!secondFactor && isSecondFactorFresh(secondFactor, this.clock.now(), this.config.stepUpMaxAgeSeconds);
  }
}
