import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const nonceBytes = 12;
const tagBytes = 16;

/**
 * What the live relay writes to Redis, sealed with AES-256-GCM: a fresh random nonce, the ciphertext
 * and its tag. The deployment's prefix is bound in as associated data, so a message of one deployment
 * does not open in another that shares the Redis. Whoever reads Redis reads nothing of a case.
 */
export class RelaySeal {
  private readonly associated: Buffer;

  constructor(
    private readonly key: Buffer,
    context: string,
  ) {
    if (key.byteLength !== 32) throw new Error('the relay key must be 32 bytes');
    this.associated = Buffer.from(context, 'utf8');
  }

  /** The relay's key, derived (HKDF-SHA-256) from a configured secret; the prefix is the salt. */
  static fromSecret(secret: string | Buffer, context: string): RelaySeal {
    return new RelaySeal(Buffer.from(hkdfSync('sha256', secret, context, 'caseroom live relay v1', 32)), context);
  }

  seal(plain: Uint8Array): Buffer {
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(this.associated);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** The plain message, or null for anything not sealed by this deployment's key (forged, altered, truncated). */
  open(sealed: Uint8Array): Buffer | null {
    if (sealed.byteLength < nonceBytes + tagBytes) return null;
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, nonceBytes));
      decipher.setAAD(this.associated);
      decipher.setAuthTag(bytes.subarray(bytes.byteLength - tagBytes));
      return Buffer.concat([decipher.update(bytes.subarray(nonceBytes, bytes.byteLength - tagBytes)), decipher.final()]);
    } catch {
      return null;
    }
  }
}
