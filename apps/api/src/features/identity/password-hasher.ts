import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** argon2id at or above the OWASP floor (19 MiB, two passes, one lane); the configuration cannot go lower. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Prepared at start, so that even the first unknown-account sign-in costs no more than any other. */
  onModuleInit(): void {
    this.dummyHash = this.hash(randomBytes(32).toString('base64url'));
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.config.argon2.memoryKib,
      timeCost: this.config.argon2.timeCost,
      parallelism: 1,
    });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check, so an unknown account answers no faster than a known one. */
  async verifyAgainstNothing(password: string): Promise<void> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
  }
}

export function generatePassword(): string {
  // 120 bits, readable groups, no ambiguous characters.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(24);
  const characters = Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  return characters.match(/.{1,6}/g)!.join('-');
}
