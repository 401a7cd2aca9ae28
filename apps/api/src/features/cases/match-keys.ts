import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DATA_KEY } from '../identity/identity.tokens';

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Keyed hashes of who a case is about, so that a repeat referral (same victim and suspect within
 * 12 months) is spotted by comparing keys, never names in the clear.
 */
@Injectable()
export class MatchKeys {
  constructor(@Inject(DATA_KEY) private readonly key: Buffer) {}

  victim(name: string, dateOfBirth: string | null): string {
    return this.hash(`victim|${normalise(name)}|${dateOfBirth ?? ''}`);
  }

  /** By force and staff number, so a suspect is matched whether or not a case linked their account. */
  suspect(forceId: string, staffNumber: string): string {
    return this.hash(`suspect|${forceId}|${normalise(staffNumber)}`);
  }

  private hash(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('base64url');
  }
}
