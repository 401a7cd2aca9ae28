import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

export const builtEntry = resolve(__dirname, '../../../../dist/apps/api/src/main.js');

/** A built Caseroom server in a process of its own, as deployed: for tests that kill one. */
export class ServerProcess {
  private output = '';

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static start(env: Record<string, string>): ServerProcess {
    return new ServerProcess(
      spawn(process.execPath, [builtEntry], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } }),
    );
  }

  /** The address it listens on, once it is ready. */
  async ready(timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /"address":"(http:\/\/[^"]+)"[^\n]*Caseroom is ready/.exec(this.output);
      if (match) return match[1];
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
