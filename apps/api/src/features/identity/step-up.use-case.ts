import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Actor, type Clock } from '@caseroom/domain';
import { CredentialRepository, SessionRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { SecretSealer } from './secret-sealer';
import { Totp } from './totp';

/**
 * A refused code answers 403 and leaves the session as it was: the person is signed in, only not
 * recently enough; a 401 would read as a session that has ended.
 */
const codeRefused = () =>
  new DomainError('STEP_UP_REQUIRED', 'That code is not right, has been used already, or the account is locked for a while.');

/**
 * Proving the second factor again in a live session, with a code from the person's authenticator
 * (decision 0029). Attempts count towards the lockout as at sign-in, and each code works once.
 */
@Injectable()
export class StepUp {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly credentials: CredentialRepository,
    private readonly sessions: SessionRepository,
    private readonly sealer: SecretSealer,
    private readonly totp: Totp,
  ) {}

  async withCode(actor: Actor, code: string): Promise<void> {
    const now = this.clock.now();
    const account = await this.credentials.claimSignInAttempt({ userId: actor.userId }, now);
    if (!account) throw codeRefused();
    if (account.totpSecretSealed === null) {
      throw new DomainError('SECOND_FACTOR_ENROLMENT_REQUIRED', 'Set up an authenticator on Your account first, then try again.');
    }
    const step = await this.totp.matchStep(this.sealer.unseal(account.totpSecretSealed), code, account.totpLastStep, now);
    if (step === null || !(await this.credentials.claimTotpStep(actor.userId, step))) throw codeRefused();
    await this.credentials.clearFailedAttempts(actor.userId);
    await this.sessions.recordSecondFactor(actor.sessionId, 'totp', now);
  }
}
