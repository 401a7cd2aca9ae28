import fc from 'fast-check';
import * as Y from 'yjs';
import { unseen } from './note-documents';

/** Two writers' documents, each typing words in turn and deleting a few; every update kept in order. */
function history(steps: readonly { writer: 0 | 1; word: string; deletes: number }[]): { updates: Uint8Array[]; writers: Y.Doc[] } {
  const writers = [new Y.Doc(), new Y.Doc()];
  const updates: Uint8Array[] = [];
  writers.forEach((doc, index) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      updates.push(update);
      Y.applyUpdate(writers[1 - index], update, 'peer');
    }),
  );
  for (const { writer, word, deletes } of steps) {
    const text = writers[writer].getText('notes');
    writers[writer].transact(() => {
      if (deletes > 0 && text.length > deletes) text.delete(0, deletes);
      text.insert(text.length, word);
    });
  }
  return { updates, writers };
}

describe('the part of an update a copy lacks (unseen)', () => {
  it('is the update itself when the copy holds none of it, and otherwise leaves the copy as the whole update would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            writer: fc.constantFrom(0 as const, 1 as const),
            word: fc.string({ minLength: 1, maxLength: 6 }),
            deletes: fc.nat(3),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.nat(),
        fc.nat(),
        (steps, heldSeed, fromSeed) => {
          const { updates, writers } = history(steps);
          // The copy holds some prefix of the history; the update is the rest of it merged, reaching back
          // into that prefix as a resync does, or from where the copy stops as a keystroke does.
          const held = heldSeed % (updates.length + 1);
          const from = fromSeed % (Math.min(held, updates.length - 1) + 1);
          const copy = new Y.Doc();
          for (const update of updates.slice(0, held)) Y.applyUpdate(copy, update);
          const update = Y.mergeUpdates(updates.slice(from));
          const fresh = unseen(update, Y.parseUpdateMeta(update).from, copy);
          if (from >= held) expect(fresh).toBe(update);
          Y.applyUpdate(copy, fresh);
          expect(copy.getText('notes').toJSON()).toBe(writers[0].getText('notes').toJSON());
          expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(writers[0]));
        },
      ),
      { numRuns: 200 },
    );
  });
});
