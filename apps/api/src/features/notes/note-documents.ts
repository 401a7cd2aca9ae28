import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import * as Y from 'yjs';
import { DomainError } from '@caseroom/domain';
import { KeyedGroupCommit, NoteRepository, type NoteKey, type Rewrite, type StoredNote } from '@caseroom/persistence';
import {
  Compactor,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  notesDoc,
  notesProblemAfter,
  rooms,
  type Folded,
  type NotesEdit,
} from '@caseroom/realtime';
import { describeError } from '../../edge/error-response';
import { UpdateLog, type Appended } from './update-log';

/** One document held in memory on this instance. */
interface HeldDocument {
  readonly key: NoteKey;
  /** What the log holds, and nothing else: every answer and every reader is served from it. */
  doc: Y.Doc;
  /**
   * The log and the updates on their way into it: each update is tried here first (the schema, and
   * whether it builds on anything missing), so that `doc` is never given one that is then refused.
   */
  trial: Y.Doc;
  /** Updates tried and on their way into the log, with the log's generation they were tried at. */
  readonly inFlight: Map<Uint8Array, number>;
  /** The log's generation of this document when the trial copy was last made again. */
  generation: number;
  epoch: number;
  /** Highest update id read from the log into `doc`; updates are committed per document in id order. */
  lastSeenId: string;
  loggedSinceCompaction: number;
  compacting: boolean;
  /**
   * The sync messages every fresh joiner gets (the whole document, and its state vector), encoded once
   * for all of them; dropped by any change to the document.
   */
  encoded: { whole?: Uint8Array; stateVector?: Uint8Array };
}

/** The state vector of an empty document, as a client that holds nothing sends it. */
const holdsNothing = (stateVector: Uint8Array) => stateVector.byteLength === 1 && stateVector[0] === 0;

const freezeEvent = 'caseroom:notes-freeze';
/** How often copies that no socket on this instance has open are dropped from memory. */
const sweepEveryMs = 60_000;
/** Updates logged before the log is folded into the snapshot. */
const compactEvery = 500;
/** Reads of the log under way at once to catch copies up, each for other documents: a few pooled connections at most. */
const catchUpsInFlight = 2;

export const noteKeyOf = (key: NoteKey) => `${key.caseId}:${key.compartment}`;

/** An update that builds on edits the server does not hold: the client syncs again, which sends them. */
const outOfStep = () =>
  new DomainError('CONFLICT', 'This change builds on edits the server does not have yet: sync again, and it is sent with them.');

const writtenByAnother = () =>
  new DomainError('FORBIDDEN', 'The notes update was refused: it is written under another participant’s editor.');

export const staleEpoch = () =>
  new DomainError('EPOCH_STALE', 'These notes were rewritten since you loaded them: sync again from the latest version.');

/**
 * The notes documents this instance is serving. PostgreSQL is the source of truth: each instance keeps
 * a copy, applies what its own clients send, and before answering a joiner catches up with what other
 * instances logged. An update is acknowledged only once the log holds it.
 */
@Injectable()
export class NoteDocuments implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NoteDocuments.name);
  private readonly held = new Map<string, Promise<HeldDocument>>();
  /** The lowest epoch still accepted per document, raised before a rewrite commits anywhere. */
  private readonly minimumEpoch = new Map<string, number>();
  /** Who wrote under each Yjs client id, by document, as far as this instance has asked the database. */
  private readonly writers = new Map<string, Map<number, string>>();
  private readonly compactor = new Compactor();
  private namespace: Namespace | null = null;
  private isClustered = false;

  constructor(
    private readonly notes: NoteRepository,
    private readonly log: UpdateLog,
  ) {}

  private sweeper: NodeJS.Timeout | null = null;

  attach(namespace: Namespace, isClustered: boolean): void {
    this.namespace = namespace;
    this.isClustered = isClustered;
    // A copy nobody on this instance has open is dropped; the log keeps the document.
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
    (namespace as unknown as { on(event: string, listener: (keys: FreezeOrder[], ack: (reply: string) => void) => void): void }).on(
      freezeEvent,
      (orders, ack) => {
        this.freezeLocally(orders);
        ack('done');
      },
    );
  }

  /** The server's answer to a client's step 1: what the client lacks, and the server's own state vector. */
  async syncStep1(key: NoteKey, stateVector: Uint8Array): Promise<{ epoch: number; step2: Uint8Array; step1: Uint8Array }> {
    try {
      Y.decodeStateVector(stateVector);
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'The notes.sync step 1 does not carry a state vector.');
    }
    const held = await this.caughtUp(key);
    const { encoded } = held;
    const step2 = holdsNothing(stateVector) ? (encoded.whole ??= encodeSyncStep2(held.doc)) : encodeSyncStep2(held.doc, stateVector);
    return { epoch: held.epoch, step2, step1: (encoded.stateVector ??= encodeSyncStep1(held.doc)) };
  }

  /**
   * Applies a client's update to this instance's copy, stores it, and only then hands it to `relay`:
   * nobody receives an edit that is not in the log, so an edit refused because the database is away
   * reached no one, and nothing built on it can be acknowledged while it is missing. Tried first on the
   * trial copy, and refused (before anything is stored or relayed) when its epoch is not the document's,
   * when it is written under another person's client id, when Yjs cannot read it, when the result is not
   * a document the editor's schema accepts, or when it builds on edits the log does not hold.
   */
  async accept(key: NoteKey, epoch: number, update: Uint8Array, writerId: string, relay: (stored: Uint8Array) => void): Promise<void> {
    try {
      await this.tryAccept(key, epoch, update, writerId, relay);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // The database away (or gone mid-read): nothing was stored or relayed, and the client sends it again.
      this.logger.warn({ caseId: key.caseId, compartment: key.compartment, ...describeError(error) }, 'notes update not taken');
      throw new DomainError('SERVICE_UNAVAILABLE', 'Your change could not be saved just now; it is kept here and sent again.');
    }
  }

  private async tryAccept(
    key: NoteKey,
    epoch: number,
    update: Uint8Array,
    writerId: string,
    relay: (stored: Uint8Array) => void,
  ): Promise<void> {
    const turn = this.takeTurn(noteKeyOf(key));
    await turn.ready;
    try {
      await this.admit(key, epoch, update, writerId, relay, turn.release);
    } finally {
      turn.release();
    }
  }

  /** Updates of a document waiting to be tried, in the order they arrived: the last one's turn ends the queue. */
  private readonly turns = new Map<string, Promise<void>>();

  /**
   * A document's updates are tried in the order they arrived, each once the one before is on its way
   * into the log. A client sends its edits one after another, each building on the last; tried out of
   * order (the first waiting on the database to learn whose client id it is, the second not), the second
   * would be refused as building on edits the server does not hold, and the client made to sync again.
   * The turn ends as the update is handed to the log (or refused), not when it is committed: the log
   * keeps the order from there, and a busy document still commits in batches.
   */
  private takeTurn(id: string): { ready: Promise<void>; release: () => void } {
    const before = this.turns.get(id) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const last = before.then(() => mine);
    this.turns.set(id, last);
    void last.then(() => {
      if (this.turns.get(id) === last) this.turns.delete(id);
    });
    return { ready: before, release };
  }

  private async admit(
    key: NoteKey,
    epoch: number,
    update: Uint8Array,
    writerId: string,
    relay: (stored: Uint8Array) => void,
    handedOver: () => void,
  ): Promise<void> {
    if (epoch < (this.minimumEpoch.get(noteKeyOf(key)) ?? 0)) throw staleEpoch();
    const { starts, reaches, foreign } = await this.foreignWriting(key, update, writerId);
    let held = await this.hold(key);
    if (epoch > held.epoch) held = await this.reload(key);
    if (epoch !== held.epoch) throw staleEpoch();
    // Content under another person's client id is allowed only where it is content the log already
    // holds (a resync sends back what it received); anything new under it is refused.
    const isNew = (copy: HeldDocument) => {
      // What the log holds includes what waits there for an edit it builds on (Yjs keeps it pending).
      const pending = copy.doc.store.pendingStructs ? Y.parseUpdateMeta(copy.doc.store.pendingStructs.update).to : null;
      return [...foreign].some(([clientId, clock]) => Math.max(Y.getState(copy.doc.store, clientId), pending?.get(clientId) ?? 0) < clock);
    };
    if (isNew(held)) {
      held = await this.caughtUp(key);
      if (epoch !== held.epoch) throw staleEpoch();
      if (isNew(held)) throw writtenByAnother();
    }
    // An append of this document failed since the trial copy was made: what was tried on it then is gone.
    if (held.generation !== this.log.generationOf(key)) resetTrial(held, this.log.generationOf(key));
    // Only what the log does not hold yet is tried, stored and relayed: content under ids it already
    // holds is the same content to Yjs, whatever bytes it comes as, and is not kept twice. (Not less
    // what is on its way into the log: that may yet be refused, and this must then carry it.)
    let fresh = unseen(update, starts, held.doc);
    let problem = this.trial(held, fresh, reaches);
    if (problem === 'incomplete') {
      // Built on edits this copy has not read yet (stored through another instance): read them, try again.
      const tried = held;
      try {
        held = await this.caughtUp(key);
      } catch (error) {
        // The trial copy holds the update, which will not be stored: made again without it, or a later
        // update that builds on it would be tried as whole and stored without it.
        resetTrial(tried, this.log.generationOf(key));
        throw error;
      }
      if (held !== tried) resetTrial(tried, this.log.generationOf(key));
      if (epoch !== held.epoch) throw staleEpoch();
      if (held.generation !== this.log.generationOf(key)) resetTrial(held, this.log.generationOf(key));
      fresh = unseen(update, starts, held.doc);
      problem = this.trial(held, fresh, reaches);
    }
    if (problem !== null) {
      // The trial copy holds what was refused, or part of it: made again without it.
      resetTrial(held, this.log.generationOf(key));
      if (problem === 'incomplete') throw outOfStep();
      throw new DomainError('VALIDATION_FAILED', `The notes update was refused: ${problem}.`);
    }
    // Nothing new (a resync that sent back only what the log holds): nothing to store or relay.
    if (fresh === update ? reaches.size === 0 && isEmpty(fresh) : isEmpty(fresh)) return;
    let appended: Appended;
    const generation = held.generation;
    held.inFlight.set(fresh, generation);
    const appending = this.log.append({ ...key, epoch, body: fresh }, generation);
    handedOver();
    try {
      appended = await appending;
    } catch (error) {
      this.logger.warn({ caseId: key.caseId, compartment: key.compartment, errorName: (error as Error).name }, 'notes update not stored');
      appended = 'dropped';
    } finally {
      held.inFlight.delete(fresh);
    }
    if (appended === 'dropped') {
      resetTrial(held, this.log.generationOf(key));
      throw new DomainError('SERVICE_UNAVAILABLE', 'Your change could not be saved just now; it is kept here and sent again.');
    }
    if (appended === 'stale-epoch') {
      // The document was rewritten under us: this copy is out of date; the next reader reloads it.
      this.held.delete(noteKeyOf(key));
      throw staleEpoch();
    }
    // In the log now: the copy that answers may hold it, and the room may hear of it.
    Y.applyUpdate(held.doc, fresh, 'client');
    try {
      relay(fresh);
    } catch (error) {
      // Stored: the room gets the update when its clients next sync.
      this.logger.warn({ caseId: key.caseId, compartment: key.compartment, errorName: (error as Error).name }, 'relay failed');
    }
    held.loggedSinceCompaction += 1;
    if (held.loggedSinceCompaction >= compactEvery && !held.compacting) void this.compact(held);
  }

  /**
   * Applies an update to the trial copy: what is wrong with the result, or null. `incomplete`: part of
   * it builds on content the copy does not hold (Yjs keeps such parts pending, invisible to every
   * reader), so it must not be stored until what it builds on is. Applying an update twice is harmless.
   */
  private trial(held: HeldDocument, update: Uint8Array, reaches: ReadonlyMap<number, number>): string | null {
    let problem: string | null = null;
    const judge = (transaction: Y.Transaction) => {
      if (transaction.origin === 'client') problem ??= notesProblemAfter(held.trial, transaction);
    };
    held.trial.on('afterTransaction', judge);
    try {
      Y.applyUpdate(held.trial, update, 'client');
    } catch {
      return 'it could not be read';
    } finally {
      held.trial.off('afterTransaction', judge);
    }
    if (problem !== null) return problem;
    return [...reaches].some(([clientId, clock]) => Y.getState(held.trial.store, clientId) < clock) ? 'incomplete' : null;
  }

  /**
   * The client ids of an update that another person wrote under first, with the clock the update
   * reaches under each (and, for all its ids, where it starts and where it reaches). Client ids nobody has
   * written under yet become this writer's.
   */
  private async foreignWriting(
    key: NoteKey,
    update: Uint8Array,
    writerId: string,
  ): Promise<{ starts: Map<number, number>; reaches: Map<number, number>; foreign: Map<number, number> }> {
    let starts: Map<number, number>;
    let reaches: Map<number, number>;
    try {
      ({ from: starts, to: reaches } = Y.parseUpdateMeta(update));
    } catch {
      throw unreadable();
    }
    const writers = this.writers.get(noteKeyOf(key)) ?? new Map<number, string>();
    const unknown = [...reaches.keys()].filter((clientId) => !writers.has(clientId));
    if (unknown.length > 0) {
      for (const [clientId, writer] of await this.notes.claimWriters(key, writerId, unknown)) writers.set(clientId, writer);
      this.writers.set(noteKeyOf(key), writers);
    }
    return { starts, reaches, foreign: new Map([...reaches].filter(([clientId]) => writers.get(clientId) !== writerId)) };
  }

  /** The stored content, caught up, for reading outside the room. */
  async current(key: NoteKey): Promise<Y.Doc> {
    return (await this.caughtUp(key)).doc;
  }

  /**
   * Before a rewrite: every instance stops accepting updates below the new epoch, and drops its copy.
   * Throws if an instance does not confirm, so that nothing is rewritten while one might still relay.
   */
  async freeze(orders: FreezeOrder[]): Promise<void> {
    this.freezeLocally(orders);
    if (!this.isClustered || !this.namespace) return;
    try {
      const replies = (await this.namespace.serverSideEmitWithAck(freezeEvent, orders)) as string[];
      if (replies.some((reply) => reply !== 'done')) throw new Error('refused');
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'Not every server confirmed the change: nothing was rewritten. Try again.');
    }
  }

  /** A minimum epoch of 0 lifts a freeze whose rewrite did not happen. */
  private freezeLocally(orders: readonly FreezeOrder[]): void {
    for (const order of orders) {
      const id = noteKeyOf(order.key);
      if (order.minimumEpoch === 0) this.minimumEpoch.delete(id);
      else this.minimumEpoch.set(id, Math.max(this.minimumEpoch.get(id) ?? 0, order.minimumEpoch));
      this.held.delete(id);
    }
  }

  /**
   * Rewrites documents' stored history (see NoteRepository.rewrite): every instance first stops
   * accepting the old epoch, then the rewrite commits; if it fails, the freeze is lifted again.
   */
  async rewrite(changes: readonly { key: NoteKey; rewrite: Rewrite }[]): Promise<number[]> {
    const current = await Promise.all(changes.map(({ key }) => this.hold(key)));
    const orders = changes.map(({ key }, index) => ({ key, minimumEpoch: current[index].epoch + 1 }));
    await this.freeze(orders);
    try {
      return await this.notes.rewrite(changes);
    } catch (error) {
      await this.freeze(orders.map(({ key }) => ({ key, minimumEpoch: 0 }))).catch(() => undefined);
      throw error;
    } finally {
      for (const { key } of changes) this.held.delete(noteKeyOf(key));
    }
  }

  /**
   * A stored state folded into a garbage-collected snapshot with the edit made on the way, on the
   * compaction worker: a rewrite of a long history does not hold up the relay meanwhile.
   */
  foldWithEdit(stored: StoredNote, edit: NotesEdit): Promise<Folded> {
    return this.compactor.foldWith(
      stored.snapshot,
      stored.updates.map((update) => update.body),
      edit,
    );
  }

  /** Forgets a document's copy (after a rewrite on this instance); the next reader loads it afresh. */
  forget(key: NoteKey): void {
    this.held.delete(noteKeyOf(key));
  }

  private hold(key: NoteKey): Promise<HeldDocument> {
    const id = noteKeyOf(key);
    let held = this.held.get(id);
    if (!held) {
      held = this.load(key);
      this.held.set(id, held);
      held.catch(() => this.held.delete(id));
    }
    return held;
  }

  private reload(key: NoteKey): Promise<HeldDocument> {
    this.held.delete(noteKeyOf(key));
    return this.hold(key);
  }

  private async load(key: NoteKey): Promise<HeldDocument> {
    await this.notes.ensure(key);
    const stored = (await this.notes.load(key))!;
    const doc = notesDoc();
    const held: HeldDocument = {
      key,
      doc,
      trial: notesDoc(),
      inFlight: new Map(),
      generation: this.log.generationOf(key),
      epoch: stored.epoch,
      lastSeenId: '0',
      loggedSinceCompaction: 0,
      compacting: false,
      encoded: {},
    };
    // After every transaction, not on 'update': an 'update' listener would have each change encoded once more.
    doc.on('afterTransaction', () => (held.encoded = {}));
    apply(held, stored);
    return held;
  }

  /**
   * Catch-ups of documents, read from the log together: a document has one read under way at a time, and
   * whoever asks for it meanwhile waits for its next read, which begins after they asked (so sees
   * everything committed before); each read takes every document waiting that has none under way. A
   * whole meeting opening its notes at once, a few documents each, is caught up in a few statements
   * rather than one per document per moment, each holding a pooled connection its joins' other reads wait
   * for.
   */
  private readonly catchUps = new KeyedGroupCommit<NoteKey, CaughtUp>(noteKeyOf, (keys) => this.catchUpEach(keys), catchUpsInFlight);

  /** This instance's copy, with everything other instances have logged since it last looked. */
  private async caughtUp(key: NoteKey): Promise<HeldDocument> {
    const outcome = await this.catchUps.submit(key);
    if ('error' in outcome) throw outcome.error;
    return outcome.held;
  }

  /** One read of the log for every document of the batch (each asked for once, whoever asked). */
  private async catchUpEach(keys: readonly NoteKey[]): Promise<CaughtUp[]> {
    const documents = [...new Map(keys.map((key) => [noteKeyOf(key), key])).values()];
    // A copy this batch loads is read whole now, after everyone in it asked: it needs no catching up.
    const loadedNow = new Set(documents.filter((key) => !this.held.has(noteKeyOf(key))).map(noteKeyOf));
    const holding = await Promise.allSettled(documents.map((key) => this.hold(key)));
    const outcomes = new Map<string, CaughtUp>();
    const behind: HeldDocument[] = [];
    holding.forEach((result, index) => {
      const id = noteKeyOf(documents[index]);
      if (result.status === 'rejected') outcomes.set(id, { error: result.reason });
      else if (loadedNow.has(id)) outcomes.set(id, { held: result.value });
      else behind.push(result.value);
    });
    const read = await this.notes.sinceEach(behind.map((held) => ({ key: held.key, afterId: held.lastSeenId })));
    for (const [index, held] of behind.entries()) {
      outcomes.set(
        noteKeyOf(held.key),
        await this.catchUp(held, read[index]).then(
          (caught) => ({ held: caught }),
          (error: unknown) => ({ error }),
        ),
      );
    }
    return keys.map((key) => outcomes.get(noteKeyOf(key))!);
  }

  private async catchUp(held: HeldDocument, since: StoredNote | null): Promise<HeldDocument> {
    const { key } = held;
    if (!since || since.epoch !== held.epoch) return this.reload(key);
    if (since.updates.length === 0 && !since.snapshot) return held;
    const before = Y.encodeStateVector(held.doc);
    const wasWaiting = held.doc.store.pendingStructs !== null;
    apply(held, since);
    if (!wasWaiting && held.doc.store.pendingStructs !== null) {
      // The log holds whole edits in order, so a copy that reads it and is left waiting for one has missed
      // part of it: read again whole, rather than merge what waits into every update that follows.
      this.logger.warn({ caseId: key.caseId, compartment: key.compartment }, 'a notes copy missed part of the log: read again');
      return this.reload(key);
    }
    // What other instances stored and this one's clients may not have had relayed (an instance that died
    // between storing and relaying, say): sent to this instance's sockets in the room.
    const missed = Y.encodeStateAsUpdate(held.doc, before);
    if (missed.byteLength > 2 && this.namespace) {
      this.namespace.local
        .to(rooms.compartment(key.caseId, key.compartment))
        .emit('notes.sync', { ...key, epoch: held.epoch, message: encodeUpdate(missed) });
    }
    return held;
  }

  private async compact(held: HeldDocument): Promise<void> {
    held.compacting = true;
    try {
      // Folded on a worker thread: the relay goes on meanwhile.
      await this.notes.compact(held.key, (stored: StoredNote) =>
        this.compactor.fold(
          stored.snapshot,
          stored.updates.map((update) => update.body),
        ),
      );
      held.loggedSinceCompaction = 0;
    } catch (error) {
      this.logger.warn(
        { caseId: held.key.caseId, compartment: held.key.compartment, errorName: (error as Error).name },
        'compaction failed',
      );
    } finally {
      held.compacting = false;
    }
  }

  private sweep(): void {
    const local = this.namespace?.adapter.rooms;
    for (const id of [...this.held.keys()]) {
      const [caseId, compartment] = id.split(':');
      if (!local?.get(rooms.compartment(caseId, compartment as NoteKey['compartment']))?.size) this.held.delete(id);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.log.drain();
    await this.compactor.close();
  }
}

/** A document caught up, or why it could not be: one document's failure is not its batch's. */
type CaughtUp = { readonly held: HeldDocument } | { readonly error: unknown };

export interface FreezeOrder {
  readonly key: NoteKey;
  readonly minimumEpoch: number;
}

const unreadable = () => new DomainError('VALIDATION_FAILED', 'The notes update was refused: it could not be read.');

/**
 * The part of an update a copy does not hold yet (`starts`: the clock each of its client ids starts at).
 * A keystroke's update holds nothing the copy has, and is the update itself: only one that reaches back
 * into what the copy holds (a resync) is cut down, which costs a read and a write of the whole update.
 * Its deletions are kept whole either way.
 */
export function unseen(update: Uint8Array, starts: ReadonlyMap<number, number>, copy: Y.Doc): Uint8Array {
  if ([...starts].every(([clientId, clock]) => Y.getState(copy.store, clientId) <= clock)) return update;
  try {
    return Y.diffUpdate(update, Y.encodeStateVector(copy));
  } catch {
    throw unreadable();
  }
}

/** An update that holds no struct and deletes nothing. */
function isEmpty(update: Uint8Array): boolean {
  try {
    if (Y.parseUpdateMeta(update).to.size > 0) return false;
    const empty = new Y.Doc();
    Y.applyUpdate(empty, update);
    const deletes = empty.store.pendingDs !== null;
    empty.destroy();
    return !deletes;
  } catch {
    throw unreadable();
  }
}

/** The trial copy made again from what the log holds and what is on its way into it at this generation. */
function resetTrial(held: HeldDocument, generation: number): void {
  held.generation = generation;
  const trial = notesDoc();
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(held.doc), 'log');
  for (const [update, generation] of held.inFlight) if (generation === held.generation) Y.applyUpdate(trial, update, 'log');
  held.trial.destroy();
  held.trial = trial;
}

function apply(held: HeldDocument, stored: StoredNote): void {
  for (const doc of [held.doc, held.trial]) {
    Y.transact(
      doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(doc, update.body);
      },
      'log',
    );
  }
  const last = stored.updates.at(-1);
  if (last) held.lastSeenId = last.id;
}
