import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import type { Actor, Role, SecondFactorMethod } from '@caseroom/domain';
import { RefreshTokenEntity, SessionEntity } from '../entities';
import { busyReadsInFlight, GroupedRead, isUuid } from './grouped-read';

export type RefreshClaim =
  | { readonly outcome: 'rotated'; readonly sessionId: string; readonly userId: string }
  | { readonly outcome: 'reused'; readonly sessionId: string }
  | { readonly outcome: 'unknown' | 'expired' | 'session-ended' };

interface ActorRow {
  id: string;
  user_id: string;
  second_factor: SecondFactorMethod | null;
  expires_at: Date;
  revoked_at: Date | null;
  agency_id: string;
  roles: Role[];
  is_active: boolean;
  name: string;
}

@Injectable()
export class SessionRepository {
  private readonly sessions: Repository<SessionEntity>;
  private readonly refreshTokens: Repository<RefreshTokenEntity>;
  /**
   * Every request and live event asks for its session: the sessions asked for in the same moment are read
   * in one statement, begun after they were asked (grouped-read.ts), with only the columns an actor needs
   * (no password hash or sealed secret is read into memory for it).
   */
  private readonly actorRows = new GroupedRead<string, ActorRow | null>(
    async (sessionIds) => {
      const rows = await this.dataSource.query<ActorRow[]>(
        `SELECT s.id, s.user_id, s.second_factor, s.expires_at, s.revoked_at, u.agency_id, u.roles, u.is_active, u.name
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY($1::uuid[])`,
        [sessionIds],
      );
      return new Map(rows.map((row) => [row.id, row]));
    },
    null,
    busyReadsInFlight,
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sessions = dataSource.getRepository(SessionEntity);
    this.refreshTokens = dataSource.getRepository(RefreshTokenEntity);
  }

  async start(input: {
    userId: string;
    secondFactor: SecondFactorMethod | null;
    secondFactorAt: Date | null;
    expiresAt: Date;
  }): Promise<string> {
    const row = await this.sessions.save(this.sessions.create({ ...input, revokedAt: null, revokedReason: null }));
    return row.id;
  }

  /** The actor behind a session, or null when the session has ended or the account is disabled. */
  async findActor(sessionId: string, now: Date): Promise<Actor | null> {
    return (await this.findNamedActor(sessionId, now))?.actor ?? null;
  }

  /**
   * The actor and their name, in the same read: the live channel shows the name to the rooms the
   * person joins (presence, carets), and need not ask for it again each time.
   */
  async findNamedActor(sessionId: string, now: Date): Promise<{ actor: Actor; name: string } | null> {
    // Not a session id at all (a forged token's claim): no session, without asking the database.
    if (!isUuid(sessionId)) return null;
    const row = await this.actorRows.read(sessionId);
    if (!row || row.revoked_at !== null || row.expires_at <= now || !row.is_active) return null;
    return {
      actor: { userId: row.user_id, sessionId, agencyId: row.agency_id, roles: [...row.roles], secondFactor: row.second_factor },
      name: row.name,
    };
  }

  /** How the session's second factor was proven and when it was last proven, for step-up (decision 0029). */
  async findSecondFactor(sessionId: string): Promise<{ method: SecondFactorMethod | null; at: Date | null } | null> {
    const row = await this.sessions.findOne({ where: { id: sessionId }, select: { id: true, secondFactor: true, secondFactorAt: true } });
    return row ? { method: row.secondFactor, at: row.secondFactorAt } : null;
  }

  /** A second factor proven again in a live session (stepping up): never moves the time backwards. */
  async recordSecondFactor(sessionId: string, method: SecondFactorMethod, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions SET second_factor = $2, second_factor_at = GREATEST(COALESCE(second_factor_at, $3), $3)
        WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, method, at],
    );
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
