import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { TestDatabase } from '@caseroom/testing';

export const builtServer = resolve(__dirname, '../../../../dist/apps/api/src/main.js');
export const builtClient = resolve(__dirname, '../../../../dist/web');

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface CaseroomServerOptions {
  readonly port?: number;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The built Caseroom, as `npm start` runs it, serving the built client from the same origin, in demo
 * mode on a test database. A fixed port, so that the default allow-list admits the page's own origin.
 */
export class CaseroomServer {
  private output = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly url: string,
  ) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** `port` and `env` for a test that must know the address first (an identity provider sends people back to it). */
  static async start(database: TestDatabase, options: CaseroomServerOptions = {}): Promise<CaseroomServer> {
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, [builtServer], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DEMO_MODE: 'true',
        DATA_DIR: database.dataDir,
        WEB_DIR: builtClient,
        JWT_SECRET: randomBytes(32).toString('base64url'),
        DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        REMINDER_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'info',
        ...(database.url ? { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '5' } : {}),
        ...options.env,
      },
    });
    const server = new CaseroomServer(child, `http://127.0.0.1:${port}`);
    await server.waitFor(/Caseroom is ready/);
    return server;
  }

  get log(): string {
    return this.output;
  }

  /** The demo logins the start-up banner printed, by their key (chair, idva, colleague...). */
  async demoLogins(): Promise<Map<string, DemoLogin>> {
    await this.waitFor(/Demo logins/);
    const logins = new Map<string, DemoLogin>();
    for (const [, key, password] of this.output.matchAll(/^\s+([a-z0-9-]+)@demo\.caseroom\.test\s+(\S+)/gm)) {
      logins.set(key, { email: `${key}@demo.caseroom.test`, password });
    }
    return logins;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.child.exitCode !== null) throw new Error(`Caseroom exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`Caseroom did not print ${pattern} in time:\n${this.output}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }
}

/** A small REST client for set-up that is not under test (scheduling, enrolling authenticators). */
export class Api {
  constructor(private readonly url: string) {}

  async call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Signs in a demo account whose second factor is bypassed (it has no authenticator yet). */
  async token(login: DemoLogin): Promise<string> {
    const result = await this.call<{ status: string; tokens?: { accessToken: string } }>('POST', '/api/auth/login', null, login);
    if (result.status !== 'authenticated' || !result.tokens) throw new Error(`${login.email} did not sign in directly: ${result.status}`);
    return result.tokens.accessToken;
  }
}
