import type { Role } from './organisation';

export const lockout = { maxFailures: 5, durationMs: 15 * 60 * 1000 } as const;

/** How a session's second factor was proven: `oidc` when the identity provider asserted one (decision 0029). */
export type SecondFactorMethod = 'totp' | 'recovery_code' | 'demo_bypass' | 'oidc';

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

/**
 * Whether a session's second factor was proven recently enough for an act that asks for it again
 * (step-up, decision 0029). A demo session has no authenticator to prove it with; only demo mode
 * starts one, and there it stands in for the factor as it does at sign-in.
 */
export function isSecondFactorFresh(
  secondFactor: { readonly method: SecondFactorMethod | null; readonly at: Date | null },
  now: Date,
  maxAgeSeconds: number,
): boolean {
  if (secondFactor.method === 'demo_bypass') return true;
  if (secondFactor.method === null || secondFactor.at === null) return false;
  const age = now.getTime() - secondFactor.at.getTime();
  return age <= maxAgeSeconds * 1000;
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
