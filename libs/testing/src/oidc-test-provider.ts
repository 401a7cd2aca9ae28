import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A person at the test identity provider. */
export interface TestIdentity {
  readonly subject: string;
  readonly email: string;
  readonly name: string;
}

export interface OidcTestProviderOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/** The `amr` the provider asserts when the person "used" a second factor at it. */
export const testMfaAmr = ['pwd', 'mfa'] as const;

/**
 * A real OpenID Connect provider (the `oidc-provider` package) running in-process on a free port, with
 * one confidential client and a plain sign-in page of its own: the person types their username and
 * ticks whether they used a second factor. Tests sign in through it in a browser, or programmatically
 * with `signIn()`, which does over HTTP what that page does.
 */
export class OidcTestProvider {
  private readonly identities = new Map<string, TestIdentity>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const testProvider = new OidcTestProvider(server, issuer);
    const { default: Provider } = await import('oidc-provider');
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: options.clientId,
          client_secret: options.clientSecret,
          redirect_uris: [options.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          require_auth_time: true,
        },
      ],
      pkce: { required: () => true },
      // Its own signing key and lifetimes, rather than the package's development defaults.
      jwks: {
        keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }],
      },
      ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
      features: { devInteractions: { enabled: false } },
      claims: {
        acr: null,
        amr: null,
        auth_time: null,
        iss: null,
        sid: null,
        openid: ['sub', 'acr', 'amr'],
        email: ['email'],
        profile: ['name'],
      },
      cookies: { keys: ['caseroom-test-provider-cookie-key'] },
      findAccount: (_context: unknown, subject: string) => {
        const identity = testProvider.identities.get(subject);
        return identity ? { accountId: subject, claims: () => ({ sub: subject, email: identity.email, name: identity.name }) } : undefined;
      },
      // Consent is not what is under test: the client is granted what it asks for.
      loadExistingGrant: async (context: {
        oidc: {
          provider: { Grant: new (input: object) => { addOIDCScope(scope: string): void; save(): Promise<string> } };
          client: { clientId: string };
          session: { accountId: string };
          params: { scope: string };
        };
      }) => {
        const grant = new context.oidc.provider.Grant({
          clientId: context.oidc.client.clientId,
          accountId: context.oidc.session.accountId,
        });
        grant.addOIDCScope(context.oidc.params.scope);
        await grant.save();
        return grant;
      },
      interactions: { url: (_context: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    });
    const handle = provider.callback();
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(new URL(request.url ?? '/', issuer).pathname);
      if (!match) return handle(request, response);
      void testProvider.interaction(provider, request, response, match[2] !== undefined).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    return testProvider;
  }

  /** Someone who can sign in at the provider. */
  addIdentity(identity: TestIdentity): TestIdentity {
    this.identities.set(identity.subject, identity);
    return identity;
  }

  /**
   * Signs `subject` in at the provider as a browser would (following the authorization URL, posting
   * the sign-in form, following the redirects) and answers the query string the provider sends the
   * browser back to the client with.
   */
  async signIn(authorizationUrl: string, subject: string, options: { readonly secondFactor?: boolean } = {}): Promise<string> {
    const jar = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}): Promise<string> => {
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([key, value]) => `${key}=${value}`).join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [key, ...value] = pair.split('=');
        jar.set(key.trim(), value.join('='));
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`the provider answered ${response.status} at ${url}: ${await response.text()}`);
      }
      return new URL(location, url).toString();
    };
    const interaction = await go(authorizationUrl);
    if (!interaction.startsWith(`${this.issuer}/interaction/`)) return new URL(interaction).search;
    const resume = await go(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: subject, ...(options.secondFactor ? { mfa: 'on' } : {}) }).toString(),
    });
    const back = await go(resume);
    return new URL(back).search;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async interaction(
    provider: import('oidc-provider').default,
    request: IncomingMessage,
    response: ServerResponse,
    isLogin: boolean,
  ) {
    const details = await provider.interactionDetails(request, response);
    if (!isLogin) {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(signInPage(details.uid));
      return;
    }
    const form = new URLSearchParams(await readBody(request));
    const subject = form.get('login') ?? '';
    if (!this.identities.has(subject)) {
      response.statusCode = 200;
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(signInPage(details.uid, 'That username is not known here.'));
      return;
    }
    const secondFactor = form.get('mfa') === 'on';
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: subject, amr: secondFactor ? [...testMfaAmr] : ['pwd'], remember: false } },
      { mergeWithLastSubmission: false },
    );
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function signInPage(uid: string, problem?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main>
<h1>Test identity provider</h1>
${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<p><label for="login">Username</label> <input id="login" name="login" autocomplete="username"></p>
<p><input id="mfa" name="mfa" type="checkbox"> <label for="mfa">I used my security key</label></p>
<p><button type="submit">Sign in</button></p>
</form>
</main></body></html>`;
}
