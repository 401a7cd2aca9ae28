/**
 * What an identity provider proved about a person at the end of single sign-on (decision 0029): who
 * they are at that provider, and whether and when it saw a second factor. A Caseroom account is found
 * from `issuer` and `subject` through a link the person made themselves, never from an e-mail address.
 */
export interface ExternalIdentity {
  /** The configured provider (its id in OIDC_PROVIDERS). */
  readonly providerId: string;
  /** The issuer URL of the identity provider, as its ID token states it. */
  readonly issuer: string;
  /** The provider's stable subject identifier for the person. */
  readonly subject: string;
  /**
   * When the provider last saw a second factor (its `auth_time`), when its `amr` or `acr` says one
   * was used; null otherwise.
   */
  readonly secondFactorAt: Date | null;
}

/** Why a sign-in through a provider is being made: to sign in, to link an account, or to step up. */
export type SsoPurpose = 'sign_in' | 'link' | 'step_up';
