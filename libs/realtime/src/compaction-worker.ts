/*
 * The worker thread behind `Compactor` (compaction.ts): folds a document's snapshot and logged updates
 * into a new snapshot, one request at a time, and answers with the request's id.
 */
import { parentPort } from 'node:worker_threads';
import { compactState } from './notes';

export interface FoldRequest {
  readonly id: number;
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
}

export type FoldReply = { readonly id: number; readonly state: Uint8Array } | { readonly id: number; readonly failed: string };

parentPort?.on('message', ({ id, snapshot, updates }: FoldRequest) => {
  let reply: FoldReply;
  try {
    reply = { id, state: compactState(snapshot, updates) };
  } catch (error) {
    // The error's name only: a message could quote the notes.
    reply = { id, failed: error instanceof Error ? error.name : 'Error' };
  }
  parentPort!.postMessage(reply);
});
