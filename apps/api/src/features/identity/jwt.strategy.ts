import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DomainError, type Actor, type Clock } from '@caseroom/domain';
import { SessionRepository } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import { JWT_SECRET } from './identity.tokens';
import { tokenAlgorithm, type AccessClaims } from './token.service';

/**
 * Bearer access tokens: signature, algorithm, issuer, audience and expiry are checked by passport-jwt;
 * then the session is looked up, so that a revoked session or a disabled account stops at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(JWT_SECRET) secret: KeyObject,
    private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to the token library as it is; a key object is what that library wants.
      secretOrKey: secret as unknown as string,
      algorithms: [tokenAlgorithm],
      issuer: config.tokens.issuer,
      audience: config.tokens.audience,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims & { exp?: unknown }): Promise<Actor> {
    // The token library checks an expiry only when there is one: a token without one is not ours.
    if (typeof claims.exp !== 'number') throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    return resolveActor(this.sessions, claims, this.clock.now());
  }
}

export async function resolveActor(sessions: SessionRepository, claims: AccessClaims, now: Date): Promise<Actor> {
  return (await resolveNamedActor(sessions, claims, now)).actor;
}

/** The actor, with their name as the session's read found it (for the live channel, which shows it). */
export async function resolveNamedActor(
  sessions: SessionRepository,
  claims: AccessClaims,
  now: Date,
): Promise<{ actor: Actor; name: string }> {
  if (!isUuid(claims.sid) || !isUuid(claims.sub)) {
    throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
  }
  const found = await sessions.findNamedActor(claims.sid, now);
  if (!found || found.actor.userId !== claims.sub) {
    throw new DomainError('SESSION_REVOKED', 'This session has ended: sign in again.');
  }
  return found;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && uuidPattern.test(value);
