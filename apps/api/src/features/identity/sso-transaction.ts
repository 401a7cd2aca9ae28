import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Clock } from '@caseroom/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import type { SsoPurpose } from './external-identity';
import type { AuthorizationChecks } from './oidc-client';
import { ssoRefused } from './oidc-client';
import { SecretSealer } from './secret-sealer';

/** The cookie that binds a sign-in through a provider to the browser that started it. */
export const ssoCookieName = 'caseroom_sso';
/** Only the callback route is sent the cookie. */
export const ssoCookiePath = '/api/auth/sso/callback';
const lifetimeSeconds = 600;

/** One sign-in through a provider in progress: what it is for and what its answer must match. */
export interface SsoTransaction {
  readonly id: string;
  readonly providerId: string;
  readonly purpose: SsoPurpose;
  /** The person linking an account or stepping up (null when signing in). */
  readonly userId: string | null;
  readonly sessionId: string | null;
  readonly checks: AuthorizationChecks;
  readonly expiresAt: Date;
}

/**
 * The transaction travels in an httpOnly, SameSite=Strict cookie, sealed with AES-256-GCM under
 * DATA_ENCRYPTION_KEY: the browser holds it but can neither read the PKCE verifier nor change the
 * purpose or the person. Its id is spent once at the callback, so a replayed callback is refused.
 */
@Injectable()
export class SsoTransactions {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sealer: SecretSealer,
  ) {}

  begin(input: Omit<SsoTransaction, 'id' | 'expiresAt'>): { transaction: SsoTransaction; cookie: string } {
    const transaction: SsoTransaction = {
      ...input,
      id: randomUUID(),
      expiresAt: new Date(this.clock.now().getTime() + lifetimeSeconds * 1000),
    };
    const value = this.sealer.seal(JSON.stringify({ ...transaction, expiresAt: transaction.expiresAt.toISOString() }));
    return { transaction, cookie: this.cookie(value, lifetimeSeconds) };
  }

  /** The transaction in the request's cookie header, or a refusal when there is none or it is not ours or has expired. */
  open(cookieHeader: string | undefined): SsoTransaction {
    const value = readCookie(cookieHeader, ssoCookieName);
    if (!value) throw ssoRefused();
    let transaction: SsoTransaction;
    try {
      const raw = JSON.parse(this.sealer.unseal(value)) as Omit<SsoTransaction, 'expiresAt'> & { expiresAt: string };
      transaction = { ...raw, expiresAt: new Date(raw.expiresAt) };
    } catch {
      throw ssoRefused();
    }
    if (!(transaction.expiresAt.getTime() > this.clock.now().getTime())) throw ssoRefused();
    return transaction;
  }

  /** A Set-Cookie value that removes the transaction from the browser. */
  get clearing(): string {
    return this.cookie('', 0);
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    const secure = this.config.sso.redirectUri?.startsWith('https:') ? '; Secure' : '';
    return `${ssoCookieName}=${value}; Path=${ssoCookiePath}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=') || null;
  }
  return null;
}
