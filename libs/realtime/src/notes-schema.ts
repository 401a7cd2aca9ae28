import { schema } from 'prosemirror-schema-basic';
import * as Y from 'yjs';
import { notesDoc, notesField, notesFragment } from './notes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are generic over their events; any of them will do here.
type AnyType = Y.AbstractType<any>;

/**
 * What notes may hold, declared once: the editor's schema (ProseMirror's basic schema, as the web
 * editor binds it through y-prosemirror), and limits on depth and size so that no document is too deep
 * to read or too large to send.
 */
export const notesLimits = {
  /** Elements inside elements, counted from a top-level block (a paragraph in a quote is depth 2). */
  maxDepth: 12,
  /** Top-level blocks of one document. */
  maxBlocks: 20_000,
  /** Elements and text runs in one top-level block. */
  maxNodesPerBlock: 5_000,
  /** Characters of text in one top-level block. */
  maxTextPerBlock: 100_000,
} as const;

interface PmJson {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PmJson[];
}

class NotTheSchema extends Error {}

/** y-prosemirror names a second mark of one type `name--hash`. */
const markName = (key: string) => key.replace(/--[A-Za-z0-9+/=]+$/, '');

function textNodes(text: Y.XmlText, budget: { nodes: number; text: number }): PmJson[] {
  const runs = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  return runs.flatMap((run) => {
    if (typeof run.insert !== 'string') throw new NotTheSchema('an embed in text');
    budget.nodes -= 1;
    budget.text -= run.insert.length;
    if (budget.nodes < 0 || budget.text < 0) throw new NotTheSchema('a block too large');
    if (run.insert.length === 0) return [];
    const marks = Object.entries(run.attributes ?? {}).map(([key, value]) => ({
      type: markName(key),
      ...(typeof value === 'object' && value !== null ? { attrs: value as Record<string, unknown> } : {}),
    }));
    return [{ type: 'text', text: run.insert, ...(marks.length > 0 ? { marks } : {}) }];
  });
}

/** One element as ProseMirror JSON, walked with an explicit stack so that no depth overflows the call stack. */
function elementJson(root: Y.XmlElement): PmJson {
  const budget = { nodes: notesLimits.maxNodesPerBlock, text: notesLimits.maxTextPerBlock };
  const make = (element: Y.XmlElement): PmJson => {
    const attrs = element.getAttributes();
    return { type: element.nodeName, ...(Object.keys(attrs).length > 0 ? { attrs } : {}), content: [] };
  };
  const top = make(root);
  const stack: { element: Y.XmlElement; json: PmJson; depth: number }[] = [{ element: root, json: top, depth: 1 }];
  while (stack.length > 0) {
    const { element, json, depth } = stack.pop()!;
    if (depth > notesLimits.maxDepth) throw new NotTheSchema('too deep');
    for (const child of element.toArray()) {
      budget.nodes -= 1;
      if (budget.nodes < 0) throw new NotTheSchema('a block too large');
      if (child instanceof Y.XmlText) {
        json.content!.push(...textNodes(child, budget));
      } else if (child instanceof Y.XmlElement) {
        const childJson = make(child);
        json.content!.push(childJson);
        stack.push({ element: child, json: childJson, depth: depth + 1 });
      } else {
        throw new NotTheSchema('a hook in the notes');
      }
    }
  }
  return top;
}

/** Whether one top-level child of the notes is a block the editor's schema accepts, whole. */
function blockProblem(node: unknown): string | null {
  if (!(node instanceof Y.XmlElement)) return 'text or a hook outside a paragraph';
  const child = node as Y.XmlElement;
  const type = schema.nodes[child.nodeName];
  if (!type || !type.isBlock) return `an element the editor does not know (${child.nodeName.slice(0, 40)})`;
  try {
    const node = schema.nodeFromJSON(elementJson(child));
    node.check();
    return null;
  } catch (error) {
    return error instanceof NotTheSchema ? error.message : 'content the editor schema does not accept';
  }
}

/**
 * The top-level block a changed type lies in, or the root type itself when the root changed: found by
 * walking up to the type that has no parent item (a root), whichever object the document now holds
 * for that root.
 */
function topLevelOf(type: AnyType): { root: AnyType; block: AnyType | null } | null {
  let current: AnyType = type;
  let below: AnyType | null = null;
  for (let steps = 0; steps < 100_000; steps += 1) {
    const item = current._item;
    if (item === null) return { root: current, block: below };
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    below = current;
    current = parent;
  }
  return null;
}

/**
 * What is wrong, if anything, with a document after a transaction, judged on what the transaction
 * touched: every top-level block it changed or added is read whole against the editor's schema, and
 * the document may hold nothing besides the notes. Null when the document is one the editor accepts.
 */
export function notesProblemAfter(doc: Y.Doc, transaction: Y.Transaction): string | null {
  for (const name of doc.share.keys()) if (name !== notesField) return 'content outside the notes';
  const fragment = notesFragment(doc);
  const blocks = new Set<AnyType>();
  let rootChanged = false;
  for (const type of transaction.changed.keys()) {
    const top = topLevelOf(type);
    if (!top) return 'content the editor schema does not accept';
    if (top.block) blocks.add(top.block);
    else rootChanged = true;
  }
  if (rootChanged) {
    if (fragment.length > notesLimits.maxBlocks) return 'too many paragraphs';
    // Blocks added by this transaction are not among the changed types: they are found by their ids.
    for (const child of fragment.toArray()) {
      const item = (child as AnyType)._item;
      if (!item || item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)) blocks.add(child as AnyType);
      else if (!(child instanceof Y.XmlElement)) return 'text or a hook outside a paragraph';
    }
  }
  for (const block of blocks) {
    const problem = blockProblem(block);
    if (problem) return problem;
  }
  return null;
}

/** What a repair of a stored document found and kept: the repaired state, and what it left out (never the text). */
export interface NotesRepair {
  readonly state: Uint8Array;
  /** Why, in words and positions only: "block 3: too deep". */
  readonly dropped: readonly string[];
}

/**
 * A stored document (its snapshot and logged updates, as stored) judged whole against the editor's
 * schema: null when it is one the editor accepts and holds nothing that waits for a missing edit.
 * Otherwise the document rebuilt from the top-level blocks that pass, with what was left out named by
 * position; one that cannot be read at all is rebuilt empty.
 */
export function repairNotes(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): NotesRepair | null {
  const doc = notesDoc();
  try {
    Y.transact(doc, () => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const update of updates) Y.applyUpdate(doc, update);
    });
  } catch {
    doc.destroy();
    const empty = notesDoc();
    const state = Y.encodeStateAsUpdate(empty);
    empty.destroy();
    return { state, dropped: ['the whole document: it could not be read'] };
  }
  const dropped: string[] = [];
  for (const name of doc.share.keys()) if (name !== notesField) dropped.push(`content outside the notes (${name.slice(0, 40)})`);
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) dropped.push('edits that build on edits never stored');
  const blocks = notesFragment(doc).toArray();
  const kept: Y.XmlElement[] = [];
  for (const [index, block] of blocks.entries()) {
    const problem = index < notesLimits.maxBlocks ? blockProblem(block) : 'too many paragraphs';
    if (problem) dropped.push(`block ${index + 1}: ${problem}`);
    else kept.push((block as Y.XmlElement).clone());
  }
  if (dropped.length === 0) {
    doc.destroy();
    return null;
  }
  const repaired = notesDoc();
  notesFragment(repaired).insert(0, kept);
  const state = Y.encodeStateAsUpdate(repaired);
  doc.destroy();
  repaired.destroy();
  return { state, dropped };
}
