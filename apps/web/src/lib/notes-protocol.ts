import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * The y-protocols sync messages as they travel in `notes.sync`: a message type and one payload, with no
 * outer envelope (docs/realtime.md, "Live notes").
 */
export type SyncKind = 'step1' | 'step2' | 'update';

/** The XML fragment of a notes document that the editor binds (the server reads the same one). */
export const notesFragmentName = 'content';

export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function readSync(message: Uint8Array): { kind: SyncKind; payload: Uint8Array } | null {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === sync.messageYjsSyncStep1) return { kind: 'step1', payload };
    if (type === sync.messageYjsSyncStep2) return { kind: 'step2', payload };
    if (type === sync.messageYjsUpdate) return { kind: 'update', payload };
    return null;
  } catch {
    return null;
  }
}

/** socket.io hands binary to the browser as an ArrayBuffer (or a view of one). */
export function asBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}
