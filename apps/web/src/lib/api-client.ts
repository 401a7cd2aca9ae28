import type { EnrolmentConfirmed, EnrolmentStart, ErrorBody, LoginBody, LoginResult, Me, TokenPair } from '@caseroom/contracts';

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The REST client. Tokens live in this object's memory only: never in localStorage, sessionStorage,
 * IndexedDB or a cookie, so that nothing of a session outlives the tab and storage never holds case content.
 */
export class ApiClient {
  private tokens: TokenPair | null = null;
  private refreshing: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly signedOutListeners = new Set<() => void>();

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

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path, undefined, true);
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

  private async send<T>(method: Method, path: string, body: unknown, authenticated: boolean, retried = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated && this.tokens) headers.Authorization = `Bearer ${this.tokens.accessToken}`;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 401 && authenticated && !retried && (await this.refresh())) {
      return this.send<T>(method, path, body, authenticated, true);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      if (response.status === 401 && authenticated) this.forget();
      throw new ApiError(
        response.status,
        error?.code ?? 'HTTP_ERROR',
        error?.message ?? `The request failed (${response.status}).`,
        error?.details,
      );
    }
    return parsed as T;
  }
}
