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
