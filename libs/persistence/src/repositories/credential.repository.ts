import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import { lockout, type Credentials } from '@caseroom/domain';
import { RecoveryCodeEntity, UserEntity } from '../entities';

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

  async findByEmail(email: string): Promise<Credentials | null> {
    const row = await this.users.findOneBy({ email });
    return row ? toCredentials(row) : null;
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
