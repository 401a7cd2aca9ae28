import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import { lockout, type Credentials } from '@caseroom/domain';
import { RecoveryCodeEntity, UserEntity } from '../entities';
import { returnedRows } from './database-errors';

function toCredentials(row: UserEntity): Credentials {
  return {
    userId: row.id,
    isActive: row.isActive,
    roles: row.roles,
    passwordHash: row.passwordHash,
    failedLoginCount: row.failedLoginCount,
    lockedUntil: row.lockedUntil,
    totpSecretSealed: row.totpSecretSealed,
    totpPendingSecretSealed: row.totpPendingSecretSealed,
    totpLastStep: row.totpLastStep === null ? null : Number(row.totpLastStep),
  };
}

@Injectable()
export class CredentialRepository {
  private readonly users: Repository<UserEntity>;
  private readonly recoveryCodes: Repository<RecoveryCodeEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
    this.recoveryCodes = dataSource.getRepository(RecoveryCodeEntity);
  }

  async findByUserId(userId: string): Promise<Credentials | null> {
    const row = await this.users.findOneBy({ id: userId });
    return row ? toCredentials(row) : null;
  }

  /**
   * Counts a failed sign-in in one statement, so concurrent guesses cannot slip past the limit.
   * A lock that has run out starts a fresh count.
   */
  async recordFailedAttempt(userId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE users
          SET failed_login_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_login_count + 1 END,
              locked_until = CASE
                WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN NULL
                WHEN failed_login_count + 1 >= $3 THEN $2::timestamptz + make_interval(secs => $4)
                ELSE locked_until END
        WHERE id = $1`,
      [userId, now, lockout.maxFailures, lockout.durationMs / 1000],
    );
  }

  /**
   * Counts a password sign-in as a failure before its password is checked, in one statement, and answers
   * the account only if it was not locked: parallel guesses each take one of the allowed attempts, and
   * the one that takes the last sets the lock, so no more than the allowed number is ever checked. A
   * sign-in that then succeeds clears the count (`clearFailedAttempts`). An unknown e-mail address costs
   * the same statement, so that it takes as long to be refused as a wrong password. The second-factor
   * step claims its attempts the same way, by the person's id.
   */
  async claimSignInAttempt(who: { readonly email: string } | { readonly userId: string }, now: Date): Promise<Credentials | null> {
    const [column, value] = 'email' in who ? ['email', who.email] : ['id', who.userId];
    const result: unknown = await this.dataSource.query(
      `UPDATE users
          SET failed_login_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_login_count + 1 END,
              locked_until = CASE
                WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_login_count + 1 END) >= $3
                  THEN $2::timestamptz + make_interval(secs => $4)
                ELSE NULL END
        WHERE ${column} = $1 AND (locked_until IS NULL OR locked_until <= $2)
        RETURNING id, is_active, roles, password_hash, failed_login_count, locked_until, totp_secret_sealed,
                  totp_pending_secret_sealed, totp_last_step::text AS totp_last_step`,
      [value, now, lockout.maxFailures, lockout.durationMs / 1000],
    );
    const [row] = returnedRows<{
      id: string;
      is_active: boolean;
      roles: Credentials['roles'];
      password_hash: string;
      failed_login_count: number;
      locked_until: Date | null;
      totp_secret_sealed: string | null;
      totp_pending_secret_sealed: string | null;
      totp_last_step: string | null;
    }>(result);
    if (!row) return null;
    return {
      userId: row.id,
      isActive: row.is_active,
      roles: row.roles,
      passwordHash: row.password_hash,
      failedLoginCount: row.failed_login_count,
      lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
      totpSecretSealed: row.totp_secret_sealed,
      totpPendingSecretSealed: row.totp_pending_secret_sealed,
      totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    };
  }

  /**
   * Spends a second-factor challenge: true the first time, false ever after, so that a challenge that
   * completed one sign-in cannot complete another. Spent challenges are kept until they would have
   * expired anyway.
   */
  async spendChallenge(challengeId: string, expiresAt: Date, now: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `WITH forgotten AS (DELETE FROM spent_challenges WHERE expires_at < $3)
       INSERT INTO spent_challenges (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [challengeId, expiresAt, now],
    );
    return returnedRows(result).length === 1;
  }

  async clearFailedAttempts(userId: string): Promise<void> {
    await this.users.update({ id: userId }, { failedLoginCount: 0, lockedUntil: null });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.users.update({ id: userId }, { passwordHash });
  }

  async setPendingTotpSecret(userId: string, sealedSecret: string): Promise<void> {
    await this.users.update({ id: userId }, { totpPendingSecretSealed: sealedSecret });
  }

  /** Makes the pending secret the active one, remembering the step of the code that proved it. */
  async enableTotp(userId: string, step: number, now: Date): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE users SET totp_secret_sealed = totp_pending_secret_sealed, totp_pending_secret_sealed = NULL,
              totp_enabled_at = $3, totp_last_step = $2
        WHERE id = $1 AND totp_pending_secret_sealed IS NOT NULL AND totp_secret_sealed IS NULL
        RETURNING id`,
      [userId, step, now],
    );
    return rowCount(result) === 1;
  }

  /** Claims a TOTP time step; false when that step (or a later one) was already used. */
  async claimTotpStep(userId: string, step: number): Promise<boolean> {
    const result: unknown = await this.dataSource.query(
      `UPDATE users SET totp_last_step = $2
        WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)
        RETURNING id`,
      [userId, step],
    );
    return rowCount(result) === 1;
  }

  async resetSecondFactor(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        UserEntity,
        { id: userId },
        { totpSecretSealed: null, totpPendingSecretSealed: null, totpEnabledAt: null, totpLastStep: null },
      );
      await manager.delete(RecoveryCodeEntity, { userId });
    });
  }

  async replaceRecoveryCodes(userId: string, codeHashes: readonly string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(RecoveryCodeEntity, { userId });
      await manager.insert(
        RecoveryCodeEntity,
        codeHashes.map((codeHash) => ({ userId, codeHash })),
      );
    });
  }

  async claimRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const result = await this.recoveryCodes.update({ userId, codeHash, usedAt: IsNull() }, { usedAt: now });
    return result.affected === 1;
  }
}

/** node-postgres answers an UPDATE ... RETURNING through TypeORM as [rows, count]. */
function rowCount(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}
