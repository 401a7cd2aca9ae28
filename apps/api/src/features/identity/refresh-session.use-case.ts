import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TokenPair } from '@caseroom/contracts';
import { DomainError, type Clock } from '@caseroom/domain';
import { SessionRepository } from '@caseroom/persistence';
import { CLOCK } from '../../shared/clock';
import { LiveEvents } from '../../shared/live-events';
import { SessionIssuer } from './session-issuer';
import { hashRefreshToken } from './token.service';

const refused = () => new DomainError('REFRESH_TOKEN_INVALID', 'This session can no longer be renewed: sign in again.');

/**
 * Rotates a refresh token. A token that was already rotated is a sign that it was copied: the whole
 * family (the session) is revoked, so neither the thief nor the owner can go on with it.
 */
@Injectable()
export class RefreshSession {
  private readonly logger = new Logger(RefreshSession.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sessions: SessionRepository,
    private readonly issuer: SessionIssuer,
    private readonly live: LiveEvents,
  ) {}

  async execute(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    const claim = await this.sessions.claimRefreshToken(hashRefreshToken(refreshToken), now);
    switch (claim.outcome) {
      case 'rotated': {
        const actor = await this.sessions.findActor(claim.sessionId, now);
        const session = actor ? await this.sessions.findExpiry(claim.sessionId) : null;
        if (!actor || !session) throw refused();
        return this.issuer.tokensFor(actor.userId, actor.sessionId, actor.secondFactor, session);
      }
      case 'reused':
        await this.sessions.revoke(claim.sessionId, 'refresh-token-reuse', now);
        await this.live.publish({ kind: 'sessions-ended', sessionIds: [claim.sessionId] });
        this.logger.warn({ sessionId: claim.sessionId }, 'refresh token reused: session revoked');
        throw refused();
      case 'unknown':
      case 'expired':
      case 'session-ended':
        throw refused();
    }
  }
}
