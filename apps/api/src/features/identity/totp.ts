import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

const issuer = 'Caseroom';

@Injectable()
export class Totp {
  newSecret(): string {
    return generateSecret({ length: 20 });
  }

  uri(secret: string, label: string): string {
    return generateURI({ issuer, label, secret });
  }

  /**
   * The time step the code belongs to, or null when it is wrong or belongs to a step at or before
   * `afterStep` (already used). One step either side is accepted for clock drift.
   */
  async matchStep(secret: string, code: string, afterStep: number | null, now: Date): Promise<number | null> {
    const epoch = Math.floor(now.getTime() / 1000);
    const currentStep = Math.floor(epoch / 30);
    if (afterStep !== null && afterStep >= currentStep + 1) return null;
    try {
      const result = await verify({
        secret,
        token: code,
        epoch,
        epochTolerance: 30,
        ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
      });
      return result.valid ? (result as { timeStep: number }).timeStep : null;
    } catch {
      return null;
    }
  }
}

export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: count }, () => {
    const characters = Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

/** Recovery codes carry ~50 bits of randomness each and are single-use, so a salted SHA-256 suffices. */
export function hashRecoveryCode(userId: string, code: string): string {
  return createHash('sha256').update(`${userId}:${code.toLowerCase()}`).digest('base64url');
}
