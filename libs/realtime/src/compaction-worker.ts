/*
 * The worker thread behind `Compactor` (compaction.ts): folds a document's snapshot and logged updates
 * into a new snapshot, with an edit made on the way when a rewrite asks for one, one request at a time,
 * and answers with the request's id.
 */
import { parentPort } from 'node:worker_threads';
import { applyEdit, compactState, type NotesEdit } from './notes';

export interface FoldRequest {
  readonly id: number;
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  readonly edit?: NotesEdit;
}

export type FoldReply =
  { readonly id: number; readonly state: Uint8Array; readonly removed: string | null } | { readonly id: number; readonly failed: string };

parentPort?.on('message', ({ id, snapshot, updates, edit }: FoldRequest) => {
  let reply: FoldReply;
  try {
    let removed: string | null = null;
    const state = compactState(snapshot, updates, edit ? (doc) => (removed = applyEdit(doc, edit)) : undefined);
    reply = { id, state, removed };
  } catch (error) {
    // The error's name only: a message could quote the notes.
    reply = { id, failed: error instanceof Error ? error.name : 'Error' };
  }
  parentPort!.postMessage(reply);
});
