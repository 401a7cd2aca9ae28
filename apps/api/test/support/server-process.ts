import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { testOrigin } from './test-origin';

export const builtEntry = resolve(__dirname, '../../../../dist/apps/api/src/main.js');

/** A built Caseroom server in a process of its own, as deployed: for tests that kill one. */
export class ServerProcess {
  private output = '';
  private isReady = false;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.keep(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => this.keep(chunk.toString()));
  }

  /** Everything up to readiness; after it, warnings and errors only (a long test logs every request). */
  private keep(text: string): void {
    if (!this.isReady) this.output += text;
    else
      this.output += text
        .split('\n')
        .filter((line) => /"level":(40|50|60)/.test(line) || (line !== '' && !line.startsWith('{')))
        .map((line) => `${line}\n`)
        .join('');
  }

  /** `nodeArgs` go to Node itself, before the entry (a benchmark's `--inspect`, say). */
  static start(env: Record<string, string>, nodeArgs: readonly string[] = []): ServerProcess {
    return new ServerProcess(
      spawn(process.execPath, [...nodeArgs, builtEntry], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } }),
    );
  }

  /** The address it listens on, once it is ready. */
  async ready(timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /"address":"(http:\/\/[^"]+)"[^\n]*Caseroom is ready/.exec(this.output);
      if (match) {
        this.isReady = true;
        return match[1];
      }
      if (this.child.exitCode !== null) throw new Error(`server exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`server not ready in time:\n${this.output}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }

  get log(): string {
    return this.output;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.kill(signal);
    return exited;
  }
}

/**
 * The environment of a benchmark's servers: the run's own database, Redis prefix and data folder (named
 * after the run), demo data to sign in with, fresh secrets, no sign-in throttling, and logging as deployed.
 */
export function benchmarkServerEnv(run: { name: string; databaseUrl: string; redisUrl: string }): Record<string, string> {
  return {
    DATABASE_URL: run.databaseUrl,
    REDIS_URL: run.redisUrl,
    REDIS_PREFIX: run.name,
    DEMO_MODE: 'true',
    DATA_DIR: `/tmp/${run.name}`,
    PORT: '0',
    CORS_ORIGINS: testOrigin,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    DATABASE_POOL_SIZE: '10',
    LOG_LEVEL: 'info',
  };
}
