import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FoldReply, FoldRequest } from './compaction-worker';
import type { NotesEdit } from './notes';

/**
 * Folds a document's snapshot and logged updates into a new snapshot (`compactState`) on a worker
 * thread, making an edit on the way for a rewrite (`NotesEdit`: text restricted, redacted or moved in).
 * A fold of a few hundred updates takes tens of milliseconds, and of a megabyte's history up to a
 * hundred: on the main thread it would hold up every room's relay on the instance. The worker starts
 * on the first fold and is unreferenced, so an idle one never keeps the process alive; if it dies, the
 * folds under way fail and the next starts another.
 */
export class Compactor {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { worker: Worker; resolve(folded: Folded): void; reject(error: Error): void }>();
  private lastId = 0;

  async fold(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Uint8Array> {
    return (await this.foldWith(snapshot, updates)).state;
  }

  /** Folds and makes the edit; `removed` is the text a removal took out, null if its span did not resolve. */
  foldWith(snapshot: Uint8Array | null, updates: readonly Uint8Array[], edit?: NotesEdit): Promise<Folded> {
    const worker = this.worker ?? this.start();
    const id = (this.lastId += 1);
    return new Promise<Folded>((resolve, reject) => {
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, snapshot, updates, ...(edit ? { edit } : {}) } satisfies FoldRequest);
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
      if ('state' in reply) waiter?.resolve({ state: reply.state, removed: reply.removed });
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

export interface Folded {
  readonly state: Uint8Array;
  readonly removed: string | null;
}
