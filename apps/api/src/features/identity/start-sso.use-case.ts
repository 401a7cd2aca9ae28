import { Inject, Injectable } from '@nestjs/common';
import type { SsoStart } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { OidcClient } from './oidc-client';
import { SsoTransactions } from './sso-transaction';

/** What starting a sign-in through a provider answers: where to send the browser, and the cookie that binds it. */
export interface SsoStarted extends SsoStart {
  readonly cookie: string;
}

/**
 * Starts the authorization code flow at a configured provider: to sign in, to link the signed-in
 * person's organisational account, or to prove a second factor again there (decision 0029).
 */
@Injectable()
export class StartSso {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcClient,
    private readonly transactions: SsoTransactions,
  ) {}

  signIn(providerId: string): Promise<SsoStarted> {
    return this.start(providerId, { purpose: 'sign_in', userId: null, sessionId: null, maxAgeSeconds: null });
  }

  /** Linking is asked for by a person signed in with their second factor proven recently (the route asks for step-up). */
  link(actor: Actor, providerId: string): Promise<SsoStarted> {
    return this.start(providerId, { purpose: 'link', userId: actor.userId, sessionId: actor.sessionId, maxAgeSeconds: null });
  }

  /** The provider is asked to have seen the person within the step-up age (`max_age`), and for its second-factor `acr`. */
  stepUp(actor: Actor, providerId: string): Promise<SsoStarted> {
    return this.start(providerId, {
      purpose: 'step_up',
      userId: actor.userId,
      sessionId: actor.sessionId,
      maxAgeSeconds: this.config.stepUpMaxAgeSeconds,
    });
  }

  private async start(
    providerId: string,
    intent: { purpose: 'sign_in' | 'link' | 'step_up'; userId: string | null; sessionId: string | null; maxAgeSeconds: number | null },
  ): Promise<SsoStarted> {
    const { authorizationUrl, checks } = await this.oidc.authorize(providerId, {
      maxAgeSeconds: intent.maxAgeSeconds,
      stepUp: intent.purpose === 'step_up',
    });
    const { cookie } = this.transactions.begin({
      providerId,
      purpose: intent.purpose,
      userId: intent.userId,
      sessionId: intent.sessionId,
      checks,
    });
    return { authorizationUrl, cookie };
  }
}
