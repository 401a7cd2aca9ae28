import { Inject, Injectable } from '@nestjs/common';
import type { EnrolmentConfirmed, EnrolmentStart } from '@caseroom/contracts';
import { DomainError, isLocked, type Clock } from '@caseroom/domain';
import { CredentialRepository, PersonRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { SecretSealer } from './secret-sealer';
import { SessionIssuer } from './session-issuer';
import { hashRecoveryCode, newRecoveryCodes, Totp } from './totp';
import { secondFactorRefused } from './verify-second-factor.use-case';

/**
 * Enrolment of an authenticator: a pending secret first, made active only when a code from it proves
 * the person has it. Reached either from sign-in (roles that require it) or by a signed-in person.
 */
@Injectable()
export class EnrolSecondFactor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly credentials: CredentialRepository,
    private readonly people: PersonRepository,
    private readonly sealer: SecretSealer,
    private readonly totp: Totp,
    private readonly sessions: SessionIssuer,
  ) {}

  async start(userId: string): Promise<EnrolmentStart> {
    const account = await this.credentials.findByUserId(userId);
    const person = await this.people.findById(userId);
    if (!account?.isActive || !person) throw new DomainError('UNAUTHENTICATED', 'Sign in again.');
    if (account.totpSecretSealed !== null) throw alreadyEnrolled();
    const secret = this.totp.newSecret();
    await this.credentials.setPendingTotpSecret(userId, this.sealer.seal(secret));
    return { secret, otpauthUri: this.totp.uri(secret, person.email) };
  }

  /** Confirms with a code; with `startSession` (the sign-in path) the person is signed in as well. */
  async confirm(userId: string, code: string, startSession: boolean): Promise<EnrolmentConfirmed> {
    const account = await this.credentials.findByUserId(userId);
    const now = this.clock.now();
    if (!account?.isActive) throw new DomainError('UNAUTHENTICATED', 'Sign in again.');
    if (account.totpSecretSealed !== null) throw alreadyEnrolled();
    if (isLocked(account, now)) throw secondFactorRefused();
    if (account.totpPendingSecretSealed === null) {
      throw new DomainError('VALIDATION_FAILED', 'Start enrolment first: no authenticator is waiting to be confirmed.');
    }
    const step = await this.totp.matchStep(this.sealer.unseal(account.totpPendingSecretSealed), code, null, now);
    if (step === null || !(await this.credentials.enableTotp(userId, step, now))) {
      await this.credentials.recordFailedAttempt(userId, now);
      throw secondFactorRefused();
    }
    const recoveryCodes = newRecoveryCodes();
    await this.credentials.replaceRecoveryCodes(
      userId,
      recoveryCodes.map((recovery) => hashRecoveryCode(userId, recovery)),
    );
    if (!startSession) return { recoveryCodes };
    await this.credentials.clearFailedAttempts(userId);
    return { recoveryCodes, tokens: await this.sessions.start(userId, 'totp') };
  }
}

const alreadyEnrolled = () =>
  new DomainError('SECOND_FACTOR_ALREADY_ENROLLED', 'An authenticator is already enrolled; an administrator can reset it.');
