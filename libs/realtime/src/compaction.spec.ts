import * as Y from 'yjs';
import { Compactor } from './compaction';
import { appendParagraph, compactState, notesFragment, notesText, removeSpan, spanOf } from './notes';

/** A document typed a paragraph per update, and its updates. */
function typed(lines: readonly string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const line of lines) doc.transact(() => appendParagraph(doc, line));
  return updates;
}

const textOf = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return notesText(doc);
};

describe('the compactor', () => {
  const compactor = new Compactor();
  afterAll(() => compactor.close());

  it('folds on its worker exactly as compactState folds, each concurrent fold getting its own answer', async () => {
    const first = typed(Array.from({ length: 200 }, (_, index) => `first ${index}`));
    const second = typed(['second a', 'second b']);
    const snapshot = compactState(null, first.slice(0, 100));
    const [folded, other] = await Promise.all([compactor.fold(snapshot, first.slice(100)), compactor.fold(null, second)]);
    expect(Buffer.from(folded)).toEqual(Buffer.from(compactState(snapshot, first.slice(100))));
    expect(textOf(folded).split('\n')).toHaveLength(200);
    expect(textOf(other)).toBe('second a\nsecond b');
  });

  it('fails a fold it cannot read with the error’s name only, and goes on folding', async () => {
    const unreadable = new TextEncoder().encode('COMPACTOR-CANARY unreadable');
    const failure = await compactor.fold(null, [unreadable]).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toContain('COMPACTOR-CANARY');
    expect(textOf(await compactor.fold(null, typed(['still folding'])))).toBe('still folding');
  });

  it('makes a rewrite’s edit on its worker as on the main thread, and says what a removal took out', async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    appendParagraph(doc, 'keep this MOVE-THIS-TEXT and this');
    const text = (notesFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const span = spanOf(text, 10, 'MOVE-THIS-TEXT'.length);
    const removal = await compactor.foldWith(null, updates, { kind: 'remove-span', span });
    expect(removal.removed).toBe('MOVE-THIS-TEXT');
    expect(Buffer.from(removal.state)).toEqual(Buffer.from(compactState(null, updates, (copy) => removeSpan(copy, span))));
    expect(textOf(removal.state)).toBe('keep this  and this');
    const elsewhere = await compactor.foldWith(null, typed(['other notes']), { kind: 'remove-span', span });
    expect(elsewhere.removed).toBeNull();
    const appended = await compactor.foldWith(removal.state, [], {
      kind: 'append-paragraph',
      text: 'moved in',
      attributes: { movedFrom: 'panel' },
    });
    expect(textOf(appended.state)).toBe('keep this  and this\nmoved in');
  });

  it('starts a worker again for a fold after it was closed', async () => {
    const closing = new Compactor();
    expect(textOf(await closing.fold(null, typed(['before'])))).toBe('before');
    await closing.close();
    expect(textOf(await closing.fold(null, typed(['after'])))).toBe('after');
    await closing.close();
  });
});
