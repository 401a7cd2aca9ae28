import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as Oidc from 'openid-client';
import { DomainError } from '@caseroom/domain';
import { APP_CONFIG, type AppConfig, type OidcProviderConfig } from '../../config/app-config';
import type { ExternalIdentity } from './external-identity';

/** What the browser must bring back for an authorization response to be accepted (kept in the sealed cookie). */
export interface AuthorizationChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Sent as `max_age` and checked against `auth_time` (stepping up). */
  readonly maxAgeSeconds: number | null;
}

export const ssoRefused = () => new DomainError('SSO_CALLBACK_INVALID', 'Signing in with your organisation did not complete: start again.');

const unknownProvider = () => new DomainError('NOT_FOUND', 'That sign-in provider is not configured.');

/**
 * The OpenID Connect client (openid-client): authorization code flow with PKCE (S256), state and
 * nonce. The library checks the ID token's signature, issuer, audience, expiry, nonce and, when asked,
 * `auth_time`. Provider metadata is discovered on first use and kept.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private readonly discovered = new Map<string, Promise<Oidc.Configuration>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get providers(): readonly OidcProviderConfig[] {
    return this.config.sso.providers;
  }

  provider(providerId: string): OidcProviderConfig {
    const provider = this.providers.find((candidate) => candidate.id === providerId);
    if (!provider || this.config.sso.redirectUri === null) throw unknownProvider();
    return provider;
  }

  /** Fresh state, nonce and PKCE verifier, and the provider's authorization URL that carries them. */
  async authorize(
    providerId: string,
    options: { readonly maxAgeSeconds: number | null; readonly stepUp: boolean },
  ): Promise<{ authorizationUrl: string; checks: AuthorizationChecks }> {
    const provider = this.provider(providerId);
    const oidc = await openidClient();
    const configuration = await this.configuration(provider);
    const checks: AuthorizationChecks = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      maxAgeSeconds: options.maxAgeSeconds,
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.config.sso.redirectUri!,
      scope: provider.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    };
    if (options.maxAgeSeconds !== null) parameters.max_age = String(options.maxAgeSeconds);
    if (options.stepUp && provider.mfaAcr.length > 0) parameters.acr_values = provider.mfaAcr.join(' ');
    return { authorizationUrl: oidc.buildAuthorizationUrl(configuration, parameters).toString(), checks };
  }

  /**
   * Checks the authorization response the browser brought back (the query string of the redirect)
   * and exchanges its code. Any failure (wrong state, nonce, issuer or audience, a code already used)
   * is one refusal: the details are the provider's business, not the person's.
   */
  async complete(providerId: string, callbackQuery: string, checks: AuthorizationChecks): Promise<ExternalIdentity> {
    const provider = this.provider(providerId);
    const oidc = await openidClient();
    const configuration = await this.configuration(provider);
    const currentUrl = new URL(this.config.sso.redirectUri!);
    currentUrl.search = callbackQuery.startsWith('?') ? callbackQuery.slice(1) : callbackQuery;
    let claims: Oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
        ...(checks.maxAgeSeconds !== null ? { maxAge: checks.maxAgeSeconds } : {}),
      });
      claims = tokens.claims();
    } catch (error) {
      // The library's code says which check failed; its message and cause may quote the provider's answer.
      this.logger.warn({ providerId, check: (error as { code?: unknown }).code ?? 'unknown' }, 'A single sign-on callback was refused');
      throw ssoRefused();
    }
    if (!claims || typeof claims.sub !== 'string' || claims.sub === '') throw ssoRefused();
    return { providerId, issuer: claims.iss, subject: claims.sub, secondFactorAt: secondFactorAt(provider, claims) };
  }

  private configuration(provider: OidcProviderConfig): Promise<Oidc.Configuration> {
    let configuration = this.discovered.get(provider.id);
    if (!configuration) {
      configuration = discover(provider);
      this.discovered.set(provider.id, configuration);
      // A provider that was down is asked again next time rather than remembered as down.
      configuration.catch(() => this.discovered.delete(provider.id));
    }
    return configuration.catch(() => {
      throw new DomainError('SERVICE_UNAVAILABLE', 'That sign-in provider cannot be reached at the moment: try again shortly.');
    });
  }
}

/** openid-client is an ES module only: loaded when single sign-on is first used. */
function openidClient(): Promise<typeof Oidc> {
  return import('openid-client');
}

async function discover(provider: OidcProviderConfig): Promise<Oidc.Configuration> {
  const oidc = await openidClient();
  const issuer = new URL(provider.issuer);
  // Plain http is refused in production by the configuration; elsewhere it serves a local provider.
  const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const authentication = provider.clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(provider.clientSecret);
  return oidc.discovery(issuer, provider.clientId, undefined, authentication, insecure);
}

/** `auth_time`, when the provider's `amr` or `acr` says a second factor was used; null otherwise. */
function secondFactorAt(provider: OidcProviderConfig, claims: Oidc.IDToken): Date | null {
  if (typeof claims.auth_time !== 'number') return null;
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  const byAmr = amr.some((method) => typeof method === 'string' && provider.mfaAmr.includes(method));
  const byAcr = typeof claims.acr === 'string' && provider.mfaAcr.includes(claims.acr);
  return byAmr || byAcr ? new Date(claims.auth_time * 1000) : null;
}
