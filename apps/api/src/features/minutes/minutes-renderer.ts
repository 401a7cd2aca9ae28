import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RenderRequest, RenderResponse } from './minutes-render.worker';
import type { MinutesRenderJob, RenderedMinutesCopy } from './render-minutes-copy';

/*
 * Copies rendered on threads of their own. A copy of a full meeting takes a few hundred milliseconds of CPU,
 * in slices of up to ~80 ms that cannot be cut smaller (laying out the Word file, finishing the PDF): on the
 * event loop that serves the live rooms, thirty of them would hold every room back for seconds.
 */

interface Settle {
  readonly resolve: (copy: RenderedMinutesCopy) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Settle>;
}

/** The worker's file beside this one: compiled JavaScript, or TypeScript compiled as it loads (tests, benchmarks). */
function startWorker(): Worker {
  const extension = extname(__filename);
  const entry = join(__dirname, `minutes-render.worker${extension}`);
  if (extension !== '.ts') return new Worker(entry);
  const register = require.resolve('@swc-node/register');
  return new Worker(`require(${JSON.stringify(register)}); require(${JSON.stringify(entry)});`, { eval: true });
}

export class MinutesRenderer {
  private readonly threads: Thread[] = [];
  private readonly queue: { readonly request: RenderRequest; readonly settle: Settle }[] = [];
  private nextId = 1;
  private isClosed = false;

  /** By default one thread fewer than the machine has cores (at least one), so the live rooms keep one. */
  constructor(private readonly size = Math.max(1, availableParallelism() - 1)) {}

  /** The copy in the formats asked for (an HTML page as UTF-8), as renderMinutesCopy makes it. */
  render(job: MinutesRenderJob): Promise<RenderedMinutesCopy> {
    if (this.isClosed) return Promise.reject(new Error('the minutes renderer is closed'));
    return new Promise<RenderedMinutesCopy>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, job }, settle: { resolve, reject } });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const { settle } of this.queue.splice(0)) settle.reject(new Error('the minutes renderer is closed'));
    await Promise.all(this.threads.splice(0).map(({ worker }) => worker.terminate()));
  }

  /** Each thread renders one copy at a time; the rest wait their turn in order. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find(({ pending }) => pending.size === 0) ?? this.startThread();
      const next = thread && this.queue.shift();
      if (!thread || !next) return;
      const { request, settle } = next;
      thread.pending.set(request.id, settle);
      thread.worker.ref();
      thread.worker.postMessage(request);
    }
  }

  private startThread(): Thread | undefined {
    if (this.threads.length >= this.size) return undefined;
    const thread: Thread = { worker: startWorker(), pending: new Map() };
    thread.worker.on('message', (response: RenderResponse) => this.settle(thread, response));
    thread.worker.on('error', (error) => this.lose(thread, error));
    thread.worker.on('exit', (code) => this.lose(thread, new Error(`a minutes rendering thread stopped (exit code ${code})`)));
    this.threads.push(thread);
    return thread;
  }

  private settle(thread: Thread, response: RenderResponse): void {
    const settle = thread.pending.get(response.id);
    thread.pending.delete(response.id);
    // An idle thread does not keep the process alive.
    if (thread.pending.size === 0) thread.worker.unref();
    if ('error' in response) settle?.reject(new Error(`rendering a copy of the minutes failed: ${response.error}`));
    else {
      const files = Object.entries(response.files).map(([format, bytes]) => [
        format,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ]);
      settle?.resolve(Object.fromEntries(files) as RenderedMinutesCopy);
    }
    this.dispatch();
  }

  /** A thread that failed takes its copies with it; the next copy starts a new one. */
  private lose(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index === -1) return;
    this.threads.splice(index, 1);
    for (const settle of thread.pending.values()) settle.reject(error);
    thread.pending.clear();
    if (!this.isClosed) this.dispatch();
  }
}
