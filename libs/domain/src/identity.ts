import type { Role } from './organisation';

export const lockout = { maxFailures: 5, durationMs: 15 * 60 * 1000 } as const;

export type SecondFactorMethod = 'totp' | 'recovery_code' | 'demo_bypass';

/** What sign-in needs to know about an account, and nothing more. */
export interface Credentials {
  readonly userId: string;
  readonly isActive: boolean;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
  readonly failedLoginCount: number;
  readonly lockedUntil: Date | null;
  readonly totpSecretSealed: string | null;
  readonly totpPendingSecretSealed: string | null;
  readonly totpLastStep: number | null;
}

export function isLocked(credentials: Pick<Credentials, 'lockedUntil'>, now: Date): boolean {
  return credentials.lockedUntil !== null && credentials.lockedUntil.getTime() > now.getTime();
}

/** The person behind an authenticated request. */
export interface Actor {
  readonly userId: string;
  readonly sessionId: string;
  readonly agencyId: string;
  readonly roles: readonly Role[];
  readonly secondFactor: SecondFactorMethod | null;
}

/** Time, injected so that lockouts, token expiry and review clocks can be tested without waiting. */
export interface Clock {
  now(): Date;
}
