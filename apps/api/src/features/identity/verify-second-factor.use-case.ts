import { Inject, Injectable } from '@nestjs/common';
import type { LoginResult, SecondFactorBody } from '@caseroom/contracts';
import { DomainError, type Clock } from '@caseroom/domain';
import { CredentialRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { SecretSealer } from './secret-sealer';
import { SessionIssuer } from './session-issuer';
import { TokenService } from './token.service';
import { hashRecoveryCode, Totp } from './totp';

export const secondFactorRefused = () =>
  new DomainError('SECOND_FACTOR_INVALID', 'That code is not right, has been used already, or the account is locked for a while.');

@Injectable()
export class VerifySecondFactor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly credentials: CredentialRepository,
    private readonly tokens: TokenService,
    private readonly sealer: SecretSealer,
    private readonly totp: Totp,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute({ challengeToken, code, recoveryCode }: SecondFactorBody): Promise<LoginResult> {
    const { userId, challengeId, expiresAt } = this.tokens.challengeOf(challengeToken, 'verify');
    const now = this.clock.now();
    // Counted before the code is checked, atomically: parallel guesses each take one of the attempts.
    const account = await this.credentials.claimSignInAttempt({ userId }, now);
    if (!account) throw secondFactorRefused();
    if (!account.isActive || account.totpSecretSealed === null) throw new DomainError('UNAUTHENTICATED', 'Sign in again.');

    const method = code !== undefined ? 'totp' : 'recovery_code';
    const accepted =
      code !== undefined
        ? await this.acceptTotp(userId, this.sealer.unseal(account.totpSecretSealed), code, account.totpLastStep, now)
        : await this.credentials.claimRecoveryCode(userId, hashRecoveryCode(userId, recoveryCode!), now);
    if (!accepted) throw secondFactorRefused();
    // One challenge, one sign-in: a second request with the same challenge (and a later code) is refused.
    if (!(await this.credentials.spendChallenge(challengeId, expiresAt, now))) {
      throw new DomainError('UNAUTHENTICATED', 'The sign-in step has expired or is not valid: sign in again.');
    }
    await this.credentials.clearFailedAttempts(userId);
    return { status: 'authenticated', tokens: await this.sessions.start(userId, method) };
  }

  private async acceptTotp(userId: string, secret: string, code: string, lastStep: number | null, now: Date): Promise<boolean> {
    const step = await this.totp.matchStep(secret, code, lastStep, now);
    // Claimed in the database: of two requests racing with the same code, only one wins.
    return step !== null && (await this.credentials.claimTotpStep(userId, step));
  }
}
