import { Inject, Injectable } from '@nestjs/common';
import type { LoginResult, SsoCallbackResult } from '@caseroom/contracts';
import { conflict, DomainError, type Clock } from '@caseroom/domain';
import { CredentialRepository, ExternalIdentityRepository, SessionRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import type { ExternalIdentity } from './external-identity';
import { OidcClient, ssoRefused } from './oidc-client';
import { SessionIssuer } from './session-issuer';
import { SignIn } from './sign-in.use-case';
import { SsoTransactions, type SsoTransaction } from './sso-transaction';

export const notLinked = () =>
  new DomainError(
    'SSO_ACCOUNT_NOT_LINKED',
    'This organisational account is not linked to a Caseroom account. Sign in with your e-mail address and password, then link it from Your account.',
  );

/**
 * The browser is back from the provider: the transaction in its cookie is spent (once: a replayed
 * callback is refused), the authorization response is checked and its code exchanged, and then what
 * the transaction was for is done. A person is found by the link of issuer and subject, never by
 * e-mail address (decision 0029).
 */
@Injectable()
export class CompleteSso {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly transactions: SsoTransactions,
    private readonly oidc: OidcClient,
    private readonly credentials: CredentialRepository,
    private readonly links: ExternalIdentityRepository,
    private readonly sessions: SessionRepository,
    private readonly issuer: SessionIssuer,
    private readonly signIn: SignIn,
  ) {}

  async execute(cookieHeader: string | undefined, callback: string): Promise<SsoCallbackResult> {
    const transaction = this.transactions.open(cookieHeader);
    if (!(await this.credentials.spendChallenge(transaction.id, transaction.expiresAt, this.clock.now()))) throw ssoRefused();
    const identity = await this.oidc.complete(transaction.providerId, callback, transaction.checks);
    switch (transaction.purpose) {
      case 'sign_in':
        return this.signInWith(identity);
      case 'link':
        return this.link(transaction, identity);
      case 'step_up':
        return this.stepUp(transaction, identity);
    }
  }

  private async signInWith(identity: ExternalIdentity): Promise<LoginResult> {
    const userId = await this.links.findUserId(identity.issuer, identity.subject);
    if (!userId) throw notLinked();
    const account = await this.credentials.findByUserId(userId);
    if (!account?.isActive) throw new DomainError('UNAUTHENTICATED', 'This account cannot sign in at the moment: ask an administrator.');
    if (identity.secondFactorAt) {
      await this.credentials.clearFailedAttempts(userId);
      return { status: 'authenticated', tokens: await this.issuer.start(userId, 'oidc', identity.secondFactorAt) };
    }
    // The provider saw no second factor: ours is asked for, as after a password.
    return this.signIn.afterFirstFactor(account);
  }

  private async link(transaction: SsoTransaction, identity: ExternalIdentity): Promise<SsoCallbackResult> {
    await this.requireLiveSession(transaction);
    const outcome = await this.links.link({
      userId: transaction.userId!,
      providerId: identity.providerId,
      issuer: identity.issuer,
      subject: identity.subject,
    });
    if (outcome === 'taken') throw conflict('This organisational account is already linked to another Caseroom account.');
    return { status: 'linked', providerId: identity.providerId };
  }

  private async stepUp(transaction: SsoTransaction, identity: ExternalIdentity): Promise<SsoCallbackResult> {
    await this.requireLiveSession(transaction);
    if ((await this.links.findUserId(identity.issuer, identity.subject)) !== transaction.userId) throw notLinked();
    if (!identity.secondFactorAt) {
      throw new DomainError(
        'STEP_UP_REQUIRED',
        'Your organisation did not confirm a second factor: enter a code from your authenticator instead.',
      );
    }
    await this.sessions.recordSecondFactor(transaction.sessionId!, 'oidc', identity.secondFactorAt);
    return { status: 'stepped_up', providerId: identity.providerId };
  }

  /** Linking and stepping up belong to the session that asked for them: it must still be live. */
  private async requireLiveSession(transaction: SsoTransaction): Promise<void> {
    const actor = transaction.sessionId ? await this.sessions.findActor(transaction.sessionId, this.clock.now()) : null;
    if (!actor || actor.userId !== transaction.userId) throw new DomainError('SESSION_REVOKED', 'This session has ended: sign in again.');
  }
}
