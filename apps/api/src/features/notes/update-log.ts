import { Injectable } from '@nestjs/common';
import { KeyedGroupCommit, NoteRepository, type NoteKey, type PendingUpdate } from '@caseroom/persistence';
import { Metrics } from '../../shared/metrics';

/** What became of an update handed to the log. */
export type Appended = 'stored' | 'stale-epoch' | 'dropped';

interface Submitted {
  readonly update: PendingUpdate;
  readonly generation: number;
}

const keyOf = (key: NoteKey) => `${key.caseId}:${key.compartment}`;

/**
 * Appends under way at once, each for other documents: a few, well below the database pool, so that the
 * joins' reads still find connections while the notes are busy.
 */
const appendsInFlight = 3;

/**
 * Group commit for notes updates: a document has one append in flight at a time, and whatever arrives for
 * it meanwhile goes into its next, so a quiet document commits at once and a busy one in batches, with no
 * timer. Appends of other documents go ahead beside it (up to `appendsInFlight`, each taking every
 * document that has none under way): an update waits for its own document's append, not for the last
 * batch of everyone's. Each caller learns when its own update is committed (or refused for a stale epoch).
 *
 * A document's **generation** moves on, synchronously, whenever an append of it fails. An update handed
 * over at an earlier generation is then dropped, not written: it was tried beside the one that failed
 * and may build on it, and a log that held it without what it builds on would show it to nobody.
 */
@Injectable()
export class UpdateLog {
  private readonly appends: KeyedGroupCommit<Submitted, Appended>;
  private readonly generations = new Map<string, number>();

  constructor(notes: NoteRepository, metrics: Metrics) {
    this.appends = new KeyedGroupCommit<Submitted, Appended>(
      (item) => keyOf(item.update),
      async (batch) => {
        const current = batch.filter((item) => item.generation === this.generationOf(item.update));
        let stored: boolean[];
        // Counted and timed for the dashboard: how many updates each append carries, and how long it takes.
        const stop = Metrics.start();
        try {
          stored = await notes.append(current.map((item) => item.update));
        } catch (error) {
          metrics.notesAppendSeconds.observe({ outcome: 'failed' }, stop());
          for (const item of current) this.generations.set(keyOf(item.update), this.generationOf(item.update) + 1);
          throw error;
        }
        metrics.notesAppendSeconds.observe({ outcome: 'stored' }, stop());
        metrics.notesAppendUpdates.observe(current.length);
        const results = new Map(current.map((item, index) => [item, stored[index] ? ('stored' as const) : ('stale-epoch' as const)]));
        return batch.map((item) => results.get(item) ?? 'dropped');
      },
      appendsInFlight,
    );
  }

  /** The document's generation now: an update tried against the copy at it is appended only if no append failed since. */
  generationOf(key: NoteKey): number {
    return this.generations.get(keyOf(key)) ?? 0;
  }

  /** Resolves once the update is committed, or refused for its epoch, or dropped for a failure before it. */
  append(update: PendingUpdate, generation: number): Promise<Appended> {
    return this.appends.submit({ update, generation });
  }

  /** Waits for everything queued so far (for shutdown). */
  drain(): Promise<void> {
    return this.appends.drain();
  }
}
