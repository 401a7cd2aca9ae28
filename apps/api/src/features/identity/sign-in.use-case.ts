import { Inject, Injectable } from '@nestjs/common';
import type { LoginBody, LoginResult } from '@caseroom/contracts';
import { DomainError, requiresSecondFactor, type Clock, type Credentials } from '@caseroom/domain';
import { CredentialRepository } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import { PasswordHasher } from './password-hasher';
import { SessionIssuer } from './session-issuer';
import { TokenService } from './token.service';

/** One answer for every way a password sign-in can fail, so that it tells nobody which accounts exist. */
export const invalidCredentials = () =>
  new DomainError('INVALID_CREDENTIALS', 'The e-mail address or password is not right, or the account is locked for a while.');

@Injectable()
export class SignIn {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly credentials: CredentialRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute({ email, password }: LoginBody): Promise<LoginResult> {
    // The attempt is counted before the password is checked (atomically, so parallel guesses each
    // count), and the same one statement is run for an unknown address as for a known one: a wrong
    // password and an unknown address cost the same.
    const account = await this.credentials.claimSignInAttempt({ email }, this.clock.now());
    if (!account) {
      await this.hasher.verifyAgainstNothing(password);
      throw invalidCredentials();
    }
    if (!(await this.hasher.verify(account.passwordHash, password))) throw invalidCredentials();
    if (!account.isActive) throw invalidCredentials();
    return this.afterFirstFactor(account);
  }

  /**
   * The steps after the first factor, the same whatever proved it (a password, or an identity provider
   * that saw no second factor): ours is asked for when enrolled, and enrolment when the role needs one.
   */
  async afterFirstFactor(account: Pick<Credentials, 'userId' | 'roles' | 'totpSecretSealed'>): Promise<LoginResult> {
    // Failures are forgiven only once every factor has passed; otherwise a known password would
    // reset the count and allow unlimited guesses at the second factor.
    if (account.totpSecretSealed !== null) {
      return { status: 'second_factor_required', challengeToken: this.tokens.signChallenge(account.userId, 'verify') };
    }
    if (requiresSecondFactor(account.roles)) {
      if (this.config.isDemoMode) return this.authenticated(account.userId, 'demo_bypass');
      return { status: 'second_factor_enrolment_required', challengeToken: this.tokens.signChallenge(account.userId, 'enrol') };
    }
    return this.authenticated(account.userId, null);
  }

  private async authenticated(userId: string, secondFactor: 'demo_bypass' | null): Promise<LoginResult> {
    await this.credentials.clearFailedAttempts(userId);
    return { status: 'authenticated', tokens: await this.sessions.start(userId, secondFactor) };
  }
}
