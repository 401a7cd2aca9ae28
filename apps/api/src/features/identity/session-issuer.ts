import { Inject, Injectable } from '@nestjs/common';
import type { TokenPair } from '@caseroom/contracts';
import type { Clock, SecondFactorMethod } from '@caseroom/domain';
import { SessionRepository } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import { TokenService } from './token.service';

/**
 * Starts a session for someone whose identity is already proven, whatever proved it: the local
 * password and second factor today, an OIDC provider later (see docs/decisions/0004-identity.md).
 */
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
  ) {}

  /**
   * `secondFactorAt` is when the second factor was proven: now for ours, the provider's `auth_time`
   * for one an identity provider asserted. Step-up asks how long ago that was (decision 0029).
   */
  async start(userId: string, secondFactor: SecondFactorMethod | null, secondFactorAt?: Date): Promise<TokenPair> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.tokens.sessionMaxSeconds * 1000);
    const proven = secondFactor === 'totp' || secondFactor === 'recovery_code' || secondFactor === 'oidc';
    const sessionId = await this.sessions.start({
      userId,
      secondFactor,
      secondFactorAt: proven ? (secondFactorAt ?? now) : null,
      expiresAt,
    });
    return this.tokensFor(userId, sessionId, secondFactor, expiresAt);
  }

  /** A new access token and the next refresh token of the same family. */
  async tokensFor(userId: string, sessionId: string, secondFactor: SecondFactorMethod | null, sessionExpiresAt: Date): Promise<TokenPair> {
    const now = this.clock.now();
    const refresh = this.tokens.newRefreshToken();
    const refreshExpiresAt = new Date(Math.min(now.getTime() + this.config.tokens.refreshTtlSeconds * 1000, sessionExpiresAt.getTime()));
    await this.sessions.issueRefreshToken(sessionId, refresh.hash, refreshExpiresAt);
    return {
      tokenType: 'Bearer',
      accessToken: this.tokens.signAccessToken(userId, sessionId, secondFactor),
      expiresIn: this.config.tokens.accessTtlSeconds,
      refreshToken: refresh.token,
    };
  }
}
