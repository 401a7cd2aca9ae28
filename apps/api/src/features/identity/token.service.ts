import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError, type SecondFactorMethod } from '@caseroom/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JWT_SECRET } from './identity.tokens';

/** The only algorithm accepted: a token naming another (or `none`) is refused before its claims are read. */
export const tokenAlgorithm = 'HS256';

export type ChallengePurpose = 'verify' | 'enrol';

export interface AccessClaims {
  readonly sub: string;
  readonly sid: string;
  readonly amr: readonly string[];
}

@Injectable()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JWT_SECRET) private readonly secret: KeyObject,
  ) {}

  get accessAudience(): string {
    return this.config.tokens.audience;
  }

  signAccessToken(userId: string, sessionId: string, secondFactor: SecondFactorMethod | null): string {
    const amr =
      secondFactor === null ? ['pwd'] : secondFactor === 'oidc' ? ['fed', 'mfa'] : ['pwd', secondFactor === 'demo_bypass' ? 'demo' : 'otp'];
    return jwt.sign({ sid: sessionId, amr }, this.secret, {
      algorithm: tokenAlgorithm,
      expiresIn: this.config.tokens.accessTtlSeconds,
      issuer: this.config.tokens.issuer,
      audience: this.config.tokens.audience,
      subject: userId,
      jwtid: randomUUID(),
    });
  }

  /**
   * A short-lived token that carries a person from the password step to the second-factor step. Its
   * audience differs from the API's, so it can never be used as an access token.
   */
  signChallenge(userId: string, purpose: ChallengePurpose): string {
    return jwt.sign({ purpose }, this.secret, {
      algorithm: tokenAlgorithm,
      expiresIn: 300,
      issuer: this.config.tokens.issuer,
      audience: this.challengeAudience(purpose),
      subject: userId,
      jwtid: randomUUID(),
    });
  }

  verifyChallenge(token: string, purpose: ChallengePurpose): string {
    return this.challengeOf(token, purpose).userId;
  }

  /** A valid challenge's person, its id (to spend it once) and when it expires. */
  challengeOf(token: string, purpose: ChallengePurpose): { userId: string; challengeId: string; expiresAt: Date } {
    try {
      const claims = jwt.verify(token, this.secret, {
        algorithms: [tokenAlgorithm],
        issuer: this.config.tokens.issuer,
        audience: this.challengeAudience(purpose),
      }) as jwt.JwtPayload;
      if (claims.purpose !== purpose || typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || typeof claims.jti !== 'string')
        throw new Error('wrong purpose');
      return { userId: claims.sub, challengeId: claims.jti, expiresAt: new Date(claims.exp * 1000) };
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The sign-in step has expired or is not valid: sign in again.');
    }
  }

  /**
   * Verifies an access token exactly as the HTTP bearer strategy does (same key, pinned algorithm,
   * issuer, audience, expiry), for the live channel's handshake. Answers the claims and the expiry.
   */
  verifyAccessToken(token: string): { claims: AccessClaims; expiresAt: number } {
    try {
      const claims = jwt.verify(token, this.secret, {
        algorithms: [tokenAlgorithm],
        issuer: this.config.tokens.issuer,
        audience: this.config.tokens.audience,
      }) as jwt.JwtPayload;
      // The token library checks an expiry only when there is one: a token without one is not ours.
      if (typeof claims.exp !== 'number') throw new Error('no expiry');
      return {
        claims: { sub: String(claims.sub), sid: String(claims.sid), amr: (claims.amr as string[]) ?? [] },
        expiresAt: claims.exp * 1000,
      };
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = `rt_${randomBytes(32).toString('base64url')}`;
    return { token, hash: hashRefreshToken(token) };
  }

  private challengeAudience(purpose: ChallengePurpose): string {
    return `${this.config.tokens.audience}:second-factor:${purpose}`;
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
