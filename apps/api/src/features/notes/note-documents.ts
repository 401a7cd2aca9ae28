import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import * as Y from 'yjs';
import { DomainError } from '@caseroom/domain';
import { NoteRepository, type NoteKey, type Rewrite, type StoredNote } from '@caseroom/persistence';
import { Compactor, encodeSyncStep1, encodeSyncStep2, encodeUpdate, rooms, type Folded, type NotesEdit } from '@caseroom/realtime';
import { UpdateLog } from './update-log';

/** One document held in memory on this instance. */
interface HeldDocument {
  readonly key: NoteKey;
  doc: Y.Doc;
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

export const noteKeyOf = (key: NoteKey) => `${key.caseId}:${key.compartment}`;

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
    const held = await this.caughtUp(key);
    const { encoded } = held;
    const step2 = holdsNothing(stateVector) ? (encoded.whole ??= encodeSyncStep2(held.doc)) : encodeSyncStep2(held.doc, stateVector);
    return { epoch: held.epoch, step2, step1: (encoded.stateVector ??= encodeSyncStep1(held.doc)) };
  }

  /**
   * Applies a client's update to this instance's copy, hands it to `relay` at once (before anything is
   * written, so that the room hears of it first), and resolves once it is committed. Refused, before it
   * is relayed or stored, when its epoch is not the document's or Yjs cannot read it.
   */
  async accept(key: NoteKey, epoch: number, update: Uint8Array, relay: () => void): Promise<void> {
    if (epoch < (this.minimumEpoch.get(noteKeyOf(key)) ?? 0)) throw staleEpoch();
    let held = await this.hold(key);
    if (epoch > held.epoch) held = await this.reload(key);
    if (epoch !== held.epoch) throw staleEpoch();
    try {
      Y.applyUpdate(held.doc, update, 'client');
    } catch {
      // Yjs may have integrated part of it before failing: this copy is dropped and read again from the log.
      this.held.delete(noteKeyOf(key));
      throw new DomainError('VALIDATION_FAILED', 'The notes update could not be read.');
    }
    try {
      relay();
    } catch (error) {
      // The copy holds the update now, so the log must too: a failed relay is logged, and the room
      // gets the update when its clients next sync.
      this.logger.warn({ caseId: key.caseId, compartment: key.compartment, errorName: (error as Error).name }, 'relay failed');
    }
    const stored = await this.log.append({ ...key, epoch, body: update });
    if (!stored) {
      // The document was rewritten under us: this copy is out of date; the next reader reloads it.
      this.held.delete(noteKeyOf(key));
      throw staleEpoch();
    }
    held.loggedSinceCompaction += 1;
    if (held.loggedSinceCompaction >= compactEvery && !held.compacting) void this.compact(held);
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
    const doc = new Y.Doc({ gc: true });
    const held: HeldDocument = { key, doc, epoch: stored.epoch, lastSeenId: '0', loggedSinceCompaction: 0, compacting: false, encoded: {} };
    // After every transaction, not on 'update': an 'update' listener would have each change encoded once more.
    doc.on('afterTransaction', () => (held.encoded = {}));
    apply(held, stored);
    return held;
  }

  /** This instance's copy, with everything other instances have logged since it last looked. */
  private async caughtUp(key: NoteKey): Promise<HeldDocument> {
    const held = await this.hold(key);
    const since = await this.notes.since(key, held.lastSeenId);
    if (!since || since.epoch !== held.epoch) return this.reload(key);
    if (since.updates.length === 0 && !since.snapshot) return held;
    const before = Y.encodeStateVector(held.doc);
    apply(held, since);
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

export interface FreezeOrder {
  readonly key: NoteKey;
  readonly minimumEpoch: number;
}

function apply(held: HeldDocument, stored: StoredNote): void {
  Y.transact(
    held.doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(held.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(held.doc, update.body);
    },
    'log',
  );
  const last = stored.updates.at(-1);
  if (last) held.lastSeenId = last.id;
}
