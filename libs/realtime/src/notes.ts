import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * The shared notes of one compartment: a Yjs document whose content is the XML fragment `content`
 * (paragraphs of text, as a ProseMirror editor binds it). Server, tests and browser share these helpers.
 */
export const notesField = 'content';

export function notesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(notesField);
}

/**
 * A document for notes, its fragment declared before any update arrives: a root Yjs creates while
 * reading an update is of no type yet, and is replaced by another object when first asked for as a
 * fragment, which would leave a transaction's changed types pointing at the old one.
 */
export function notesDoc(): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  notesFragment(doc);
  return doc;
}

/** The text of each paragraph of the notes, in order, without formatting: what minutes are drafted from. */
export function notesParagraphs(doc: Y.Doc): string[] {
  const textOf = (node: unknown): string => {
    if (node instanceof Y.XmlText)
      return (node.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
    return '';
  };
  return notesFragment(doc)
    .toArray()
    .map(textOf)
    .map((text) => text.trim())
    .filter((text) => text.length > 0);
}

/** The sync messages of y-protocols, as they travel in `notes.sync` (without an outer message type). */
export type SyncKind = 'step1' | 'step2' | 'update';

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Reads one sync message; throws on anything that is not one. */
export function decodeSync(message: Uint8Array): { kind: SyncKind; payload: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the sync message');
  switch (type) {
    case sync.messageYjsSyncStep1:
      return { kind: 'step1', payload };
    case sync.messageYjsSyncStep2:
      return { kind: 'step2', payload };
    case sync.messageYjsUpdate:
      return { kind: 'update', payload };
    default:
      throw new Error('unknown sync message type');
  }
}

/** The notes as plain text: one line per paragraph. */
export function notesText(doc: Y.Doc): string {
  return notesFragment(doc)
    .toArray()
    .map((node) => plainText(node))
    .join('\n');
}

export interface NotesNode {
  readonly type: string;
  readonly attrs?: Record<string, unknown>;
  readonly text?: string;
  readonly marks?: Record<string, unknown>;
  readonly content?: readonly NotesNode[];
}

/** The notes as structured JSON: elements with their attributes, text runs with their marks. */
export function notesJson(doc: Y.Doc): NotesNode[] {
  return notesFragment(doc)
    .toArray()
    .map((node) => toJson(node));
}

/**
 * How deep reading goes. The server refuses deeper updates (notes-schema.ts); a document stored before
 * it did is read to this depth and no further, so that no reader overflows the stack on it.
 */
const readingDepth = 32;

function toJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook, depth = 1): NotesNode {
  if (node instanceof Y.XmlText) {
    return { type: 'text-runs', content: textRuns(node) };
  }
  if (node instanceof Y.XmlElement) {
    const attrs = node.getAttributes();
    return {
      type: node.nodeName,
      ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
      content:
        depth >= readingDepth
          ? []
          : node.toArray().flatMap((child) => (child instanceof Y.XmlText ? textRuns(child) : [toJson(child, depth + 1)])),
    };
  }
  return { type: 'unknown' };
}

function textRuns(text: Y.XmlText): NotesNode[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
    .filter((run): run is { insert: string; attributes?: Record<string, unknown> } => typeof run.insert === 'string')
    .map((run) => ({ type: 'text', text: run.insert, ...(run.attributes ? { marks: run.attributes } : {}) }));
}

function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlHook, depth = 1): string {
  if (node instanceof Y.XmlText)
    return textRuns(node)
      .map((run) => run.text ?? '')
      .join('');
  if (node instanceof Y.XmlElement && depth < readingDepth)
    return node
      .toArray()
      .map((child) => plainText(child, depth + 1))
      .join('');
  return '';
}

/** Appends a paragraph of plain text (text moved in from a wider compartment, for instance). */
export function appendParagraph(doc: Y.Doc, text: string, attributes: Record<string, string> = {}): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    for (const [name, value] of Object.entries(attributes)) paragraph.setAttribute(name, value);
    paragraph.insert(0, [new Y.XmlText(text)]);
    notesFragment(doc).push([paragraph]);
  });
}

/** A span of text, as relative positions (base64 of `Y.encodeRelativePosition`) that survive concurrent edits. */
export interface NotesSpan {
  readonly start: string;
  readonly end: string;
}

export function spanOf(text: Y.XmlText, index: number, length: number): NotesSpan {
  const encode = (at: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, at)));
  return { start: encode(index), end: encode(index + length) };
}

/**
 * Where a span lies in this document, and its text, without changing anything; null when it does not
 * resolve to one run of text here (positions from another document, or across paragraphs).
 */
export function resolveSpan(doc: Y.Doc, span: NotesSpan): { text: Y.XmlText; index: number; length: number; content: string } | null {
  const resolve = (encoded: string) => {
    try {
      return Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(encoded)), doc);
    } catch {
      return null;
    }
  };
  const start = resolve(span.start);
  const end = resolve(span.end);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText) || end.index <= start.index) return null;
  const text = start.type;
  return { text, index: start.index, length: end.index - start.index, content: plainText(text).slice(start.index, end.index) };
}

/** Removes a span from the document and returns its text; null when the span does not resolve (`resolveSpan`). */
export function removeSpan(doc: Y.Doc, span: NotesSpan): string | null {
  const resolved = resolveSpan(doc, span);
  if (!resolved) return null;
  doc.transact(() => resolved.text.delete(resolved.index, resolved.length));
  return resolved.content;
}

/**
 * A change made while a document's history is rewritten, as data, so that a worker thread can make it:
 * a span removed (restricted or redacted), or a paragraph appended (text moved in).
 */
export type NotesEdit =
  | { readonly kind: 'remove-span'; readonly span: NotesSpan }
  | { readonly kind: 'append-paragraph'; readonly text: string; readonly attributes: Readonly<Record<string, string>> };

/** Makes the edit; for a removal, returns the removed text, or null when the span does not resolve. */
export function applyEdit(doc: Y.Doc, edit: NotesEdit): string | null {
  if (edit.kind === 'remove-span') return removeSpan(doc, edit.span);
  appendParagraph(doc, edit.text, { ...edit.attributes });
  return null;
}

/** A garbage-collected copy of a stored state: deleted content is gone from it, not merely marked. */
export function compactState(snapshot: Uint8Array | null, updates: readonly Uint8Array[], change?: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  change?.(doc);
  // Re-encoding into a second document drops the deleted items' history as well as their content.
  const state = Y.encodeStateAsUpdate(doc);
  const fresh = new Y.Doc({ gc: true });
  Y.applyUpdate(fresh, state);
  const result = Y.encodeStateAsUpdate(fresh);
  doc.destroy();
  fresh.destroy();
  return result;
}
