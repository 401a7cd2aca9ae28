import type {
  EnrolmentConfirmed,
  EnrolmentStart,
  ErrorBody,
  LoginBody,
  LoginResult,
  Me,
  SsoCallbackResult,
  SsoProvider,
  SsoStart,
  TokenPair,
} from '@caseroom/contracts';

/** A refusal from the API, by its error code; the message is safe to show (it never carries case content). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface DownloadedFile {
  readonly blob: Blob;
  /** The file's name from the answer's Content-Disposition, when it gave one. */
  readonly fileName: string | null;
}

/** `attachment; filename="minutes-v1-copy-3.pdf"` → `minutes-v1-copy-3.pdf`. */
function fileNameOf(disposition: string | null): string | null {
  const name = disposition && /filename="([^"]+)"/.exec(disposition)?.[1];
  return name ? name.replace(/[\\/]/g, '-') : null;
}

/**
 * The REST client. Tokens live in this object's memory only: never in localStorage, sessionStorage,
 * IndexedDB or a cookie, so that nothing of a session outlives the tab and storage never holds case content.
 */
export class ApiClient {
  private tokens: TokenPair | null = null;
  private refreshing: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly signedOutListeners = new Set<() => void>();
  private stepUpHandler: (() => Promise<boolean>) | null = null;

  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  get isSignedIn(): boolean {
    return this.tokens !== null;
  }

  onSignedOut(listener: () => void): () => void {
    this.signedOutListeners.add(listener);
    return () => this.signedOutListeners.delete(listener);
  }

  login(body: LoginBody): Promise<LoginResult> {
    return this.send<LoginResult>('POST', '/api/auth/login', body, false).then((result) => this.keep(result));
  }

  verifySecondFactor(body: { challengeToken: string; code?: string; recoveryCode?: string }): Promise<LoginResult> {
    return this.send<LoginResult>('POST', '/api/auth/second-factor', body, false).then((result) => this.keep(result));
  }

  startEnrolment(challengeToken: string): Promise<EnrolmentStart> {
    return this.send<EnrolmentStart>('POST', '/api/auth/second-factor/enrolment', { challengeToken }, false);
  }

  async confirmEnrolment(challengeToken: string, code: string): Promise<EnrolmentConfirmed> {
    const confirmed = await this.send<EnrolmentConfirmed>(
      'POST',
      '/api/auth/second-factor/enrolment/confirm',
      { challengeToken, code },
      false,
    );
    if (confirmed.tokens) this.setTokens(confirmed.tokens);
    return confirmed;
  }

  /** The identity providers to offer on the sign-in screen ("Sign in with <label>"). */
  ssoProviders(): Promise<SsoProvider[]> {
    return this.send<SsoProvider[]>('GET', '/api/auth/sso/providers', undefined, false);
  }

  /**
   * Starts signing in at a provider: the answer sets the cookie that binds the sign-in to this browser
   * (the only cookie Caseroom uses, sent to the callback route alone), and names where to go.
   */
  startSso(providerId: string): Promise<SsoStart> {
    return this.send<SsoStart>('POST', `/api/auth/sso/${encodeURIComponent(providerId)}/start`, undefined, false, 'same-origin');
  }

  /** Starts linking the signed-in person's organisational account at a provider. */
  startSsoLink(providerId: string): Promise<SsoStart> {
    return this.send<SsoStart>('POST', `/api/me/sso/${encodeURIComponent(providerId)}/link`, undefined, true, 'same-origin');
  }

  /** Hands the query string the provider sent the browser back with to Caseroom, with the binding cookie. */
  completeSso(callback: string): Promise<SsoCallbackResult> {
    return this.send<SsoCallbackResult>('POST', '/api/auth/sso/callback', { callback }, false, 'same-origin').then((result) => {
      if (result.status === 'authenticated') this.setTokens(result.tokens);
      return result;
    });
  }

  /**
   * What to do when an act asks for a recent second factor (403 STEP_UP_REQUIRED): the screen asks
   * for a code and answers whether it was accepted; the act is then tried once more.
   */
  onStepUpRequired(handler: () => Promise<boolean>): () => void {
    this.stepUpHandler = handler;
    return () => {
      if (this.stepUpHandler === handler) this.stepUpHandler = null;
    };
  }

  me(): Promise<Me> {
    return this.get<Me>('/api/me');
  }

  async logout(): Promise<void> {
    try {
      if (this.tokens) await this.send('POST', '/api/auth/logout', undefined, true);
    } finally {
      this.forget();
    }
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path, undefined, true);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', path, body, true);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body, true);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body, true);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path, undefined, true);
  }

  /**
   * A file the API answers with (a copy of minutes, say), fetched with the session's token into memory: a
   * plain link could not carry the token, which lives nowhere else. The name is the one the API gave it.
   */
  async download(path: string): Promise<DownloadedFile> {
    const response = await this.request('GET', path, undefined, true, '*/*');
    if (!response.ok) throw this.refusal(response.status, await response.text(), true);
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
  }

  /** Proves the second factor again with a code from the authenticator (step-up). */
  stepUp(code: string): Promise<void> {
    return this.send<void>('POST', '/api/me/step-up', { code }, true, 'omit', true);
  }

  /** Drops the tokens from memory and tells the screens; the next screen is the sign-in form. */
  forget(): void {
    const wasSignedIn = this.tokens !== null;
    this.tokens = null;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    if (wasSignedIn) for (const listener of this.signedOutListeners) listener();
  }

  /** A fresh access token (the live channel reconnects with one after its socket expired). */
  async refresh(): Promise<boolean> {
    if (!this.tokens) return false;
    this.refreshing ??= this.send<TokenPair>('POST', '/api/auth/refresh', { refreshToken: this.tokens.refreshToken }, false)
      .then((tokens) => {
        this.setTokens(tokens);
        return true;
      })
      .catch(() => {
        this.forget();
        return false;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private keep(result: LoginResult): LoginResult {
    if (result.status === 'authenticated') this.setTokens(result.tokens);
    return result;
  }

  private setTokens(tokens: TokenPair): void {
    this.tokens = tokens;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    // Renew a little before expiry, so that neither requests nor the live channel meet an expired token.
    const renewInMs = Math.max(10_000, tokens.expiresIn * 1000 - 60_000);
    this.refreshTimer = setTimeout(() => void this.refresh(), renewInMs);
  }

  private async send<T>(
    method: Method,
    path: string,
    body: unknown,
    authenticated: boolean,
    credentials: RequestCredentials = 'omit',
    steppedUp = false,
  ): Promise<T> {
    const response = await this.request(method, path, body, authenticated, 'application/json', false, credentials);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (!response.ok) {
      const refusal = this.refusal(response.status, text, authenticated);
      if (refusal.code === 'STEP_UP_REQUIRED' && authenticated && !steppedUp && this.stepUpHandler && (await this.stepUpHandler())) {
        return this.send<T>(method, path, body, authenticated, credentials, true);
      }
      throw refusal;
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The answer to a request, asked once more with a fresh access token if the first was refused for an expired one. */
  private async request(
    method: Method,
    path: string,
    body: unknown,
    authenticated: boolean,
    accept: string,
    retried = false,
    credentials: RequestCredentials = 'omit',
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this.tokens) headers.Authorization = `Bearer ${this.tokens.accessToken}`;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials,
    });
    if (response.status === 401 && authenticated && !retried && (await this.refresh())) {
      return this.request(method, path, body, authenticated, accept, true, credentials);
    }
    return response;
  }

  /** A refused request as an ApiError; a 401 that a fresh token did not cure ends the session. */
  private refusal(status: number, text: string, authenticated: boolean): ApiError {
    let error: ErrorBody['error'] | undefined;
    try {
      error = text ? (JSON.parse(text) as ErrorBody | undefined)?.error : undefined;
    } catch {
      error = undefined;
    }
    if (status === 401 && authenticated) this.forget();
    return new ApiError(status, error?.code ?? 'HTTP_ERROR', error?.message ?? `The request failed (${status}).`, error?.details);
  }
}
