import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FoldReply, FoldRequest } from './compaction-worker';

/**
 * Folds a document's snapshot and logged updates into a new snapshot (`compactState`) on a worker
 * thread. A fold of a few hundred updates takes tens of milliseconds: on the main thread it would hold
 * up every room's relay on the instance. The worker starts on the first fold and is unreferenced, so an
 * idle one never keeps the process alive; if it dies, the folds under way fail and the next starts another.
 */
export class Compactor {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { worker: Worker; resolve(state: Uint8Array): void; reject(error: Error): void }>();
  private lastId = 0;

  fold(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Uint8Array> {
    const worker = this.worker ?? this.start();
    const id = (this.lastId += 1);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, snapshot, updates } satisfies FoldRequest);
    });
  }

  /** Stops the worker; folds under way fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    // From the built JavaScript the worker is a sibling file; from TypeScript sources (the tests) it is
    // compiled on load, as the tests' own files are.
    const fromSource = extname(__filename) === '.ts';
    const worker = new Worker(join(__dirname, `compaction-worker${extname(__filename)}`), {
      execArgv: fromSource ? ['-r', '@swc-node/register'] : [],
    });
    worker.unref();
    worker.on('message', (reply: FoldReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('state' in reply) waiter?.resolve(reply.state);
      else waiter?.reject(new Error(`the fold failed (${reply.failed})`));
    });
    const gone = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      // Only this worker's folds: another may have started since.
      for (const [id, waiter] of this.waiting) {
        if (waiter.worker !== worker) continue;
        this.waiting.delete(id);
        waiter.reject(error);
      }
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the compaction worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
