import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import type { Actor, SecondFactorMethod } from '@caseroom/domain';
import { RefreshTokenEntity, SessionEntity } from '../entities';

export type RefreshClaim =
  | { readonly outcome: 'rotated'; readonly sessionId: string; readonly userId: string }
  | { readonly outcome: 'reused'; readonly sessionId: string }
  | { readonly outcome: 'unknown' | 'expired' | 'session-ended' };

@Injectable()
export class SessionRepository {
  private readonly sessions: Repository<SessionEntity>;
  private readonly refreshTokens: Repository<RefreshTokenEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sessions = dataSource.getRepository(SessionEntity);
    this.refreshTokens = dataSource.getRepository(RefreshTokenEntity);
  }

  async start(input: { userId: string; secondFactor: SecondFactorMethod | null; expiresAt: Date }): Promise<string> {
    const row = await this.sessions.save(this.sessions.create({ ...input, revokedAt: null, revokedReason: null }));
    return row.id;
  }

  /** The actor behind a session, or null when the session has ended or the account is disabled. */
  /** The person acting through a live session, in one query: it runs on every request and live event. */
  async findActor(sessionId: string, now: Date): Promise<Actor | null> {
    const row = await this.sessions
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.id = :sessionId', { sessionId })
      .getOne();
    if (!row?.user || row.revokedAt !== null || row.expiresAt <= now || !row.user.isActive) return null;
    return {
      userId: row.userId,
      sessionId: row.id,
      agencyId: row.user.agencyId,
      roles: row.user.roles,
      secondFactor: row.secondFactor,
    };
  }

  async findExpiry(sessionId: string): Promise<Date | null> {
    const row = await this.sessions.findOne({ where: { id: sessionId }, select: { id: true, expiresAt: true } });
    return row?.expiresAt ?? null;
  }

  async revoke(sessionId: string, reason: string, now: Date): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: now, revokedReason: reason });
  }

  async revokeAllForUser(userId: string, reason: string, now: Date): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: now, revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .returning(['id'])
      .execute()
      .then((result) => result.raw as { id: string }[]);
    return rows.map((row) => row.id);
  }

  async issueRefreshToken(sessionId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.refreshTokens.insert({ sessionId, tokenHash, expiresAt, usedAt: null });
  }

  /**
   * Claims a refresh token for rotation in one statement: two requests racing with the same token
   * cannot both win, and the loser is treated as reuse.
   */
  async claimRefreshToken(tokenHash: string, now: Date): Promise<RefreshClaim> {
    const claimed = await this.dataSource
      .query(
        `UPDATE refresh_tokens t SET used_at = $2
         FROM sessions s
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND s.id = t.session_id
        RETURNING t.session_id, s.user_id, t.expires_at <= $2 AS expired,
                  (s.revoked_at IS NOT NULL OR s.expires_at <= $2) AS ended`,
        [tokenHash, now],
      )
      .then((result) => firstResultRows<{ session_id: string; user_id: string; expired: boolean; ended: boolean }>(result));
    const row = claimed[0];
    if (row) {
      if (row.ended) return { outcome: 'session-ended' };
      if (row.expired) return { outcome: 'expired' };
      return { outcome: 'rotated', sessionId: row.session_id, userId: row.user_id };
    }
    const existing = await this.refreshTokens.findOneBy({ tokenHash });
    return existing ? { outcome: 'reused', sessionId: existing.sessionId } : { outcome: 'unknown' };
  }
}

function firstResultRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0] as T[];
  return (result as T[]) ?? [];
}
