import WebSocket from 'ws';
import { sleep, within } from './pacing';

/** The node flag that opens a process's inspector on a free local port, for reading its heap from outside. */
export const inspectFlag = '--inspect=127.0.0.1:0';

/** The DevTools address a process started with `inspectFlag` printed on its stderr. */
export async function debuggerUrl(output: () => string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /Debugger listening on (ws:\/\/\S+)/.exec(output());
    if (match) return match[1];
    if (Date.now() > deadline) throw new Error(`no debugger address in the process's output:\n${output()}`);
    await sleep(50);
  }
}

/**
 * A DevTools protocol session with a server process. Both servers are measured the same way, from
 * outside, so neither carries code of its own for it.
 */
export class HeapProbe {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = reply.id === undefined ? undefined : this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id!);
      if (reply.error) waiter.reject(new Error(reply.error.message));
      else waiter.resolve(reply.result);
    });
  }

  static async attach(url: string): Promise<HeapProbe> {
    const socket = new WebSocket(url);
    await within(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      }),
      10_000,
      `attaching to ${url}`,
    );
    return new HeapProbe(socket);
  }

  /** The process's heap in use after full garbage collections, in bytes. */
  async usedAfterGc(): Promise<number> {
    // Twice: objects with finalizers or weak references can need a second collection to go.
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const usage = (await this.call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize;
  }

  /** Starts the process's CPU profiler; `stopProfiling` answers the profile (a `.cpuprofile` file's content). */
  async startProfiling(): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.start');
  }

  async stopProfiling(): Promise<unknown> {
    return ((await this.call('Profiler.stop')) as { profile: unknown }).profile;
  }

  /** Detaches; a process that still has a debugger attached may wait for it when told to exit. */
  close(): void {
    this.socket.close();
  }

  private call(method: string): Promise<unknown> {
    const id = ++this.nextId;
    const answered = new Promise<unknown>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.socket.send(JSON.stringify({ id, method }));
    return within(answered, 30_000, method);
  }
}
