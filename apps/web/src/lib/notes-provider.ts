import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { notesMessageParts, type Ack, type Compartment, type NotesSyncReply } from '@caseroom/contracts';
import type { LiveClient } from './live-client';
import { asBytes, readSync, syncStep1, syncStep2, syncUpdate } from './notes-protocol';

export interface NotesUser {
  readonly name: string;
  readonly color: string;
}

export type NotesState = 'opening' | 'ready' | 'unavailable';

export interface NotesSnapshot {
  readonly state: NotesState;
  /** Changes whenever the document is replaced (a rewrite elsewhere): the editor binds afresh. */
  readonly generation: number;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly isWritable: boolean;
  /** Local updates sent and not yet acknowledged as stored. */
  readonly unsaved: number;
}

/** Changes of this origin came from the server and are not sent back. */
const fromServer = Symbol('server');

/** Refusals after which the notes sync again by themselves: nothing was lost, it was not stored yet. */
const resyncCodes = new Set(['CONFLICT', 'SERVICE_UNAVAILABLE', 'INTERNAL', 'TIMEOUT']);

/**
 * One compartment's notes in this browser, kept in sync over the live channel: step 1 on opening (and
 * on every reconnection), the server's step 2 applied, its step 1 answered when writable, local changes
 * sent as updates at the current epoch, relayed updates at another epoch ignored, and a rewrite
 * (`notes.reset`, `EPOCH_STALE`, a new epoch on reopening) answered by dropping the local copy.
 * Awareness (cursors, who is typing) travels on `notes.awareness`, to the same room only, asking for no
 * answer (the server writes nothing back for a caret); the server stamps each state with its sender's
 * name. A reader says nothing: a caret or "typing" is all that awareness shows, and a reader has neither. Once the person is in these notes (the editor has had focus,
 * or they typed) the client announces itself, again whenever someone new appears (so that a newcomer
 * sees every caret at once), and renews its state as y-protocols does. A room of twenty opening three
 * compartments each would otherwise send sixty announcements to every newcomer, and renew them all
 * every fifteen seconds, for carets nobody has. After a
 * reconnection the owner calls `open` again once the server has re-admitted the socket (a new `agenda.current`).
 */
export class LiveNotesProvider {
  private doc = new Y.Doc();
  private awareness = new Awareness(this.doc);
  private epoch: number | null = null;
  private isWritable = false;
  private state: NotesState = 'opening';
  private generation = 0;
  private unsaved = 0;
  private isDestroyed = false;
  private snapshot: NotesSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly live: LiveClient,
    readonly caseId: string,
    readonly compartment: Compartment,
    private readonly user: NotesUser,
  ) {
    this.snapshot = this.takeSnapshot();
    this.bind();
    this.unsubscribe.push(
      live.on('notes.sync', (event) => {
        if (!this.concerns(event)) return;
        const message = readSync(asBytes(event.message) ?? new Uint8Array());
        if (!message || message.kind === 'step1') return;
        // Opening: an edit relayed now may have been stored after the server wrote its answer, which then
        // lacks it. Kept until the answer says which history it belongs to.
        if (this.epoch === null) this.heardWhileOpening.push({ epoch: event.epoch, payload: message.payload });
        else if (event.epoch === this.epoch) Y.applyUpdate(this.doc, message.payload, fromServer);
      }),
      live.on('notes.awareness', (event) => {
        const message = asBytes(event.message);
        if (this.concerns(event) && message) applyAwarenessUpdate(this.awareness, message, fromServer);
      }),
      live.on('notes.reset', (event) => {
        if (this.concerns(event)) this.replaceDocument();
      }),
    );
  }

  /** For React's useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): NotesSnapshot => this.snapshot;

  async open(): Promise<void> {
    if (this.isDestroyed) return;
    // The notes the server sent as the socket joined their room, if they are coming: no step 1 needed.
    const generation = this.generation;
    const opening = await this.live.openings.take(this.caseId, this.compartment);
    // Replaced meanwhile (a rewrite): the new copy opens by itself.
    if (this.isDestroyed || this.generation !== generation) return;
    if (opening) {
      for (const { epoch, message } of opening.heard) {
        const relayed = readSync(message);
        if (relayed && relayed.kind !== 'step1') this.heardWhileOpening.push({ epoch, payload: relayed.payload });
      }
      return this.opened(opening.reply);
    }
    const ack = await this.live.emit<NotesSyncReply, 'notes.sync'>('notes.sync', {
      caseId: this.caseId,
      compartment: this.compartment,
      epoch: this.epoch,
      message: syncStep1(this.doc),
    });
    if (this.isDestroyed) return;
    if (!ack.ok || !ack.data) {
      if (ack.ok === false && (ack.code === 'NOT_FOUND' || ack.code === 'FORBIDDEN')) this.setState('unavailable');
      else if (ack.ok === false && resyncCodes.has(ack.code)) this.resyncSoon();
      return;
    }
    this.opened(ack.data);
  }

  /** The server's answer to opening (its step 2 and step 1 at its epoch), however it came. */
  private opened(reply: NotesSyncReply): void {
    if (this.epoch !== null && this.epoch !== reply.epoch) {
      // Rewritten while away: the local copy belongs to an older history.
      this.replaceDocument(false);
    }
    this.epoch = reply.epoch;
    this.isWritable = reply.writable;
    const step2 = readSync(asBytes(reply.step2) ?? new Uint8Array());
    if (step2) Y.applyUpdate(this.doc, step2.payload, fromServer);
    for (const heard of this.heardWhileOpening.splice(0))
      if (heard.epoch === reply.epoch) Y.applyUpdate(this.doc, heard.payload, fromServer);
    if (this.isWritable) {
      const serverStep1 = readSync(asBytes(reply.step1) ?? new Uint8Array());
      if (serverStep1) {
        const missing = Y.encodeStateAsUpdate(this.doc, serverStep1.payload);
        // An empty update is two bytes: nothing the server lacks.
        if (missing.byteLength > 2) void this.send(syncStep2(this.doc, serverStep1.payload));
      }
    }
    this.setState('ready');
    this.resyncDelayMs = 250;
    if (this.awareness.getLocalState() !== null) this.announceAwareness([this.doc.clientID]);
  }

  destroy(): void {
    if (this.isDestroyed) return;
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer);
    this.announceLeaving();
    this.isDestroyed = true;
    for (const stop of this.unsubscribe) stop();
    this.awareness.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private concerns(event: { caseId: string; compartment: Compartment }): boolean {
    return event.caseId === this.caseId && event.compartment === this.compartment;
  }

  /**
   * The person is in these notes (the editor has focus, or they typed): from now on this client has an
   * awareness state (their name, then their caret) and announces it.
   */
  activate(): void {
    if (this.isDestroyed || this.awareness.getLocalState() !== null) return;
    this.awareness.setLocalState({ user: this.user });
  }

  private bind(): void {
    // Nothing to say until the person is in these notes (see `activate`); y-protocols starts every client with a state.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === fromServer || !this.isWritable) return;
      this.activate();
      this.awareness.setLocalStateField('typingAt', Date.now());
      void this.send(syncUpdate(update));
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === fromServer) {
          // Someone new in these notes: they have heard nothing of this client yet, so it says where it is
          // (if it is anywhere: a reader says nothing).
          if (this.awareness.getLocalState() !== null && added.some((clientId) => clientId !== this.doc.clientID))
            this.announceAwareness([this.doc.clientID]);
          return;
        }
        const own = [...added, ...updated, ...removed].filter((clientId) => clientId === this.doc.clientID);
        if (own.length > 0) this.announceAwareness(own);
      },
    );
  }

  private async send(message: Uint8Array): Promise<void> {
    this.unsaved += 1;
    this.emitChange();
    const ack = await this.deliver(message);
    if (this.isDestroyed) return;
    this.unsaved -= 1;
    if (!ack.ok && ack.code === 'EPOCH_STALE') this.replaceDocument();
    // Refused for now (the database away, or it built on an edit not stored yet): the change is still
    // in the local document, and syncing again sends whatever the server lacks, this change with it.
    else if (!ack.ok && resyncCodes.has(ack.code)) this.resyncSoon();
    this.emitChange();
  }

  /** Sends a message, in parts one after another when it is larger than a part; answers the last part's acknowledgement. */
  private async deliver(message: Uint8Array): Promise<Ack> {
    const epoch = this.epoch;
    let ack: Ack = { ok: false, code: 'NOT_SENT', message: 'Nothing was sent.' };
    for (const piece of notesMessageParts(message, crypto.randomUUID())) {
      ack = await this.live.emit('notes.sync', { caseId: this.caseId, compartment: this.compartment, epoch, ...piece });
      if (!ack.ok || this.isDestroyed) return ack;
    }
    return ack;
  }

  /** Edits relayed while the first answer is on its way, applied once it has come (see the notes.sync listener). */
  private readonly heardWhileOpening: { epoch: number; payload: Uint8Array }[] = [];

  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private resyncDelayMs = 250;

  /** Opens again a moment later (once, however many refusals ask for it), waiting longer each time it is refused again. */
  private resyncSoon(): void {
    if (this.resyncTimer !== null || this.isDestroyed) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      void this.open();
    }, this.resyncDelayMs);
    this.resyncDelayMs = Math.min(this.resyncDelayMs * 2, 5_000);
  }

  private announceAwareness(clientIds: number[]): void {
    if (this.state !== 'ready' || this.isDestroyed) return;
    // A caret asks for no answer: a refused one is not sent again, the next change says everything anew.
    this.live.send('notes.awareness', {
      caseId: this.caseId,
      compartment: this.compartment,
      message: encodeAwarenessUpdate(this.awareness, clientIds),
    });
  }

  private announceLeaving(): void {
    if (this.state !== 'ready') return;
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'leaving');
  }

  /** Drops the local copy (its history was rewritten) and opens again at the server's epoch. */
  private replaceDocument(reopen = true): void {
    this.announceLeaving();
    this.awareness.destroy();
    this.doc.destroy();
    this.doc = new Y.Doc();
    this.awareness = new Awareness(this.doc);
    this.epoch = null;
    this.generation += 1;
    this.bind();
    this.setState('opening');
    if (reopen) void this.open();
  }

  private setState(state: NotesState): void {
    this.state = state;
    this.emitChange();
  }

  private emitChange(): void {
    this.snapshot = this.takeSnapshot();
    for (const listener of this.listeners) listener();
  }

  private takeSnapshot(): NotesSnapshot {
    return {
      state: this.state,
      generation: this.generation,
      doc: this.doc,
      awareness: this.awareness,
      isWritable: this.isWritable,
      unsaved: this.unsaved,
    };
  }
}
