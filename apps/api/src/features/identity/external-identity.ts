import type { SecondFactorMethod } from '@caseroom/domain';

/**
 * The seam for single sign-on (OIDC). A provider strategy (e.g. passport-openidconnect) proves who
 * someone is and hands over an `ExternalIdentity`; mapping it to a Caseroom account and starting a
 * session is then the same `SessionIssuer.start()` the local sign-in uses, so sessions, refresh
 * rotation, revocation and the access guard need no change. See docs/decisions/0004-identity.md.
 */
export interface ExternalIdentity {
  /** The issuer URL of the identity provider. */
  readonly issuer: string;
  /** The provider's stable subject identifier for the person. */
  readonly subject: string;
  readonly email: string;
  /** Whether the provider asserted a second factor (the `amr` claim), so ours is not asked again. */
  readonly secondFactor: SecondFactorMethod | null;
}

export interface ExternalIdentityProvider {
  readonly name: string;
  /** Turns the provider's callback into a verified identity, or throws a DomainError. */
  verifyCallback(parameters: Readonly<Record<string, string>>): Promise<ExternalIdentity>;
}
