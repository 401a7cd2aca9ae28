import { z } from 'zod';
import type { AgencyKind, Role } from '@caseroom/domain';
import { email } from './common.schema';

/** Long enough for any passphrase, short enough that hashing it is no denial of service. */
const password = z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters');
const totpCode = z.string().regex(/^\d{6}$/, 'must be six digits');
const recoveryCode = z.string().regex(/^[a-z0-9]{5}-[a-z0-9]{5}$/, 'must look like xxxxx-xxxxx');
const challengeToken = z.string().min(1).max(2048);

export const loginBody = z.strictObject({ email, password });
export type LoginBody = z.infer<typeof loginBody>;

export const secondFactorBody = z
  .strictObject({ challengeToken, code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    message: 'give exactly one of code or recoveryCode',
    path: ['code'],
  });
export type SecondFactorBody = z.infer<typeof secondFactorBody>;

export const enrolmentStartBody = z.strictObject({ challengeToken });
export const enrolmentConfirmBody = z.strictObject({ challengeToken, code: totpCode });
export const selfEnrolmentConfirmBody = z.strictObject({ code: totpCode });

export const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(256) });
export type RefreshBody = z.infer<typeof refreshBody>;

export interface TokenPair {
  readonly tokenType: 'Bearer';
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
}

export type LoginResult =
  | { readonly status: 'authenticated'; readonly tokens: TokenPair }
  | { readonly status: 'second_factor_required'; readonly challengeToken: string }
  | { readonly status: 'second_factor_enrolment_required'; readonly challengeToken: string };

export interface EnrolmentStart {
  readonly secret: string;
  readonly otpauthUri: string;
}

export interface EnrolmentConfirmed {
  readonly recoveryCodes: readonly string[];
  readonly tokens?: TokenPair;
}

export interface Me {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly agencyId: string;
  /** The kind of the person's agency: what some screens depend on (the IOPC's oversight, say). */
  readonly agencyKind: AgencyKind;
  readonly roles: readonly Role[];
  readonly hasSecondFactor: boolean;
  readonly sessionId: string;
}

/** A configured identity provider, as the sign-in screen lists it ("Sign in with <label>"). */
export interface SsoProvider {
  readonly id: string;
  readonly label: string;
}

export const ssoProviderId = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be the id of a configured sign-in provider');

export interface SsoStart {
  /** Where to send the browser: the provider's sign-in page. */
  readonly authorizationUrl: string;
}

/** The query string the provider sent the browser back with (`?code=...&state=...`), as it arrived. */
export const ssoCallbackBody = z.strictObject({
  callback: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
});
export type SsoCallbackBody = z.infer<typeof ssoCallbackBody>;

export type SsoCallbackResult =
  LoginResult | { readonly status: 'linked'; readonly providerId: string } | { readonly status: 'stepped_up'; readonly providerId: string };

/** An organisational account linked to the signed-in person's Caseroom account. */
export interface SsoLink {
  readonly providerId: string;
  readonly label: string;
  readonly linkedAt: string;
}

/** Proving the second factor again, for the acts that ask for it fresh (decision 0029). */
export const stepUpBody = z.strictObject({ code: totpCode });
export type StepUpBody = z.infer<typeof stepUpBody>;
