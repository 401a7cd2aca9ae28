/*
 * One of bench:scale's load generators, in a process of its own (forked by bench/scale.bench.ts): the
 * people of some conferences, each with a connection of their own, doing what their browsers do. A
 * conference's people all live in one worker, so an update's sending and its arrivals are timed on one
 * clock. Commands and answers: bench/support/scale-workload.ts.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { io, type Socket } from 'socket.io-client';
import type { ClientRequest } from 'node:http';
import type { Socket as TcpSocket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { liveParser, type Ack, type CurrentItemView, type NotesSyncReply } from '@caseroom/contracts';
import { decodeAwareness, decodeSync, encodeSyncStep1, encodeUpdate, notesFragment } from '@caseroom/realtime';
import { testOrigin } from '../../apps/api/test/support/test-origin';
import { sleep, within } from './pacing';
import type { Behaviour, Command, JoinFigures, Reply, RoomSpec, ScaleServer, StopFigures, WindowFigures } from './scale-workload';

const asBytes = (value: unknown) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer));
/** A join that has not finished in this long has failed: counted, not waited for. */
const joinTimeoutMs = 30_000;
const words = [
  'refuge',
  'confirmed,',
  'police',
  'marker',
  'on',
  'the',
  'address;',
  'review',
  'in',
  'a',
  'week.',
  'IDVA',
  'to',
  'call',
  'her',
];
/** Each typist starts a new paragraph after this many updates. */
const updatesPerParagraph = 15;

/** A small seeded generator: the same seed draws the same behaviour on both servers. */
class Draw {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.state / 2_147_483_648;
  }
  between([low, high]: readonly [number, number]): number {
    return low + (high - low) * this.next();
  }
}

interface Send {
  /** The typist's clock after the update: a seat holds it once its state for the typist reaches this. */
  readonly clock: number;
  readonly at: number;
}

/** Milliseconds on the machine's clock, the same in every process: senders and readers may be in different workers. */
const wallClock = () => performance.timeOrigin + performance.now();

/** Each update's word carries the moment it was sent, in tenths of a millisecond, so any reader can time it. */
const stampPattern = /·(\d+)/g;
const stamped = (word: string, at: number) => `${word}·${Math.round(at * 10)}`;

/** The sending moments of the text a client inserted between two of its clocks, as a reader's copy holds it. */
function stampsIn(doc: Y.Doc, clientId: number, from: number, to: number): number[] {
  const structs = doc.store.clients.get(clientId);
  if (!structs) return [];
  const stamps: number[] = [];
  for (let index = Y.findIndexSS(structs, from); index < structs.length && structs[index].id.clock < to; index += 1) {
    const struct = structs[index];
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
    const text = struct.content.str.slice(Math.max(0, from - struct.id.clock), to - struct.id.clock);
    for (const match of text.matchAll(stampPattern)) stamps.push(Number(match[1]) / 10);
  }
  return stamps;
}

/**
 * One document's deliveries: every update each typist of this worker sent, and each reading seat's
 * progress through them. An arrival is seen from Yjs itself (the transaction's state before and after),
 * so merged or re-sent updates count once, and an update arriving inside a later one counts when that
 * one arrives; its time comes from the stamp in its text.
 */
class Channel {
  private readonly sends = new Map<number, Send[]>();
  private readonly readers = new Set<Reader>();

  constructor(private readonly figures: Figures) {}

  sent(clientId: number, clock: number, at: number): void {
    let list = this.sends.get(clientId);
    if (!list) this.sends.set(clientId, (list = []));
    list.push({ clock, at });
  }

  /** A seat reading this document from now on: updates sent before now are not awaited from it. */
  read(doc: Y.Doc): Reader {
    const reader = new Reader(doc, wallClock());
    this.readers.add(reader);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local || !this.readers.has(reader)) return;
      const now = wallClock();
      for (const [clientId, reached] of transaction.afterState) {
        const before = transaction.beforeState.get(clientId) ?? 0;
        if (before >= reached || clientId === doc.clientID) continue;
        for (const sentAt of stampsIn(doc, clientId, before, reached)) if (sentAt >= reader.from) this.figures.arrival(sentAt, now);
        const list = this.sends.get(clientId);
        if (list) reader.arrived(clientId, reached, list);
      }
    });
    return reader;
  }

  /** A seat that left (a move, a dropped connection): what it had not received yet is no longer awaited. */
  forget(reader: Reader): void {
    this.readers.delete(reader);
  }

  outstanding(): number {
    let count = 0;
    for (const reader of this.readers) count += reader.outstanding(this.sends);
    return count;
  }
}

class Reader {
  private readonly next = new Map<number, number>();

  constructor(
    readonly doc: Y.Doc,
    readonly from: number,
  ) {}

  arrived(clientId: number, clock: number, list: readonly Send[]): void {
    let index = this.next.get(clientId) ?? 0;
    while (index < list.length && list[index].clock <= clock) index += 1;
    this.next.set(clientId, index);
  }

  outstanding(sends: ReadonlyMap<number, readonly Send[]>): number {
    let count = 0;
    for (const [clientId, list] of sends) {
      if (clientId === this.doc.clientID) continue;
      for (let index = this.next.get(clientId) ?? 0; index < list.length; index += 1) if (list[index].at >= this.from) count += 1;
    }
    return count;
  }
}

/** The figures of the window under way. */
class Figures {
  measuringFrom = Number.POSITIVE_INFINITY;
  private cpuAtStart = process.cpuUsage();
  fanout: number[] = [];
  acks: number[] = [];
  rejoins: number[] = [];
  updates = 0;
  awareness = 0;
  moves = 0;
  decisions = 0;
  problems: string[] = [];

  start(): void {
    this.measuringFrom = wallClock();
    this.cpuAtStart = process.cpuUsage();
    this.fanout = [];
    this.acks = [];
    this.rejoins = [];
    this.updates = this.awareness = this.moves = this.decisions = 0;
  }

  arrival(sentAt: number, now: number): void {
    if (sentAt >= this.measuringFrom) this.fanout.push(now - sentAt);
  }

  /**
   * Updates sent and not answered yet: Caseroom's end check waits for them, since only what was acknowledged
   * is promised stored. (A Hocuspocus provider closed by a move never confirms what it still held.)
   */
  unacknowledged = 0;

  acknowledged(sentAt: number): void {
    if (sentAt >= this.measuringFrom) this.acks.push(wallClock() - sentAt);
  }

  problem(text: string): void {
    if (this.problems.length < 50) this.problems.push(text);
  }

  window(): WindowFigures {
    const cpu = process.cpuUsage(this.cpuAtStart);
    const figures: WindowFigures = {
      fanout: this.fanout,
      acks: this.acks,
      rejoins: this.rejoins,
      updates: this.updates,
      awareness: this.awareness,
      moves: this.moves,
      decisions: this.decisions,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      seconds: (wallClock() - this.measuringFrom) / 1000,
      problems: this.problems,
    };
    this.problems = [];
    this.start();
    return figures;
  }
}

/** One compartment's notes as a seat holds them: the document, its awareness, and who has been heard in it. */
interface Notes {
  readonly key: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly reader: Reader;
  readonly channel: Channel;
  /** Sends one local update; resolves once the server has taken it. */
  send(update: Uint8Array): Promise<void>;
  close(): void;
}

/** One person's browser tab in a room. */
interface Seat {
  readonly index: number;
  /** Connects, joins the room and opens the notes of the item under discussion; resolves once they are synced. */
  join(): Promise<void>;
  /** How long each step of the last join took, in milliseconds, where the seat times them. */
  readonly phases: Readonly<Record<string, number>>;
  /** Drops the connection, as a closed laptop does. */
  drop(): void;
  /** The shared notes of the item under discussion, once synced. */
  panel(): Notes | null;
  /** Waits until this seat holds the notes of the given item. */
  holding(caseId: string): Promise<void>;
}

/** Typing into a seat's panel notes: a word at the end of this typist's own paragraph. */
class Typist {
  private paragraph: Y.XmlText | null = null;
  private written = 0;
  private doc: Y.Doc | null = null;

  constructor(
    private readonly seat: Seat,
    private readonly figures: Figures,
  ) {}

  /** One update; false when there is nothing to type into (between items). */
  type(): boolean {
    const notes = this.seat.panel();
    if (!notes) return false;
    if (notes.doc !== this.doc) {
      this.doc = notes.doc;
      this.paragraph = null;
      this.written = 0;
    }
    const updates: Uint8Array[] = [];
    const sentAt = wallClock();
    const collect = (update: Uint8Array, origin: unknown) => {
      if (origin === 'typing') updates.push(update);
    };
    notes.doc.on('update', collect);
    try {
      notes.doc.transact(() => {
        if (!this.paragraph || this.written % updatesPerParagraph === 0) {
          const element = new Y.XmlElement('paragraph');
          this.paragraph = new Y.XmlText('');
          element.insert(0, [this.paragraph]);
          notesFragment(notes.doc).push([element]);
        }
        this.paragraph.insert(this.paragraph.length, `${stamped(words[this.written % words.length], sentAt)} `);
      }, 'typing');
    } finally {
      notes.doc.off('update', collect);
    }
    this.written += 1;
    notes.channel.sent(notes.doc.clientID, Y.getState(notes.doc.store, notes.doc.clientID), sentAt);
    this.figures.updates += 1;
    for (const update of updates) {
      this.figures.unacknowledged += 1;
      notes
        .send(update)
        .then(
          () => this.figures.acknowledged(sentAt),
          (error: Error) => this.figures.problem(`an update was refused: ${error.message}`),
        )
        .finally(() => (this.figures.unacknowledged -= 1));
    }
    // As the editor does on every change: the caret and "typing" go to the others.
    const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(this.paragraph!, this.paragraph!.length)) as unknown;
    notes.awareness.setLocalState({ user: { id: '', name: '' }, cursor: { anchor: caret, head: caret }, typingAt: Date.now() });
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------
// Caseroom: socket.io, the live channel's events, as the web client sends them.

class CaseroomSeat implements Seat {
  private socket: Socket | null = null;
  get connection(): Socket | null {
    return this.socket;
  }
  private readonly open = new Map<string, Notes>();
  private caseId: string | null = null;
  private hasAcknowledged = false;
  private readonly waiters: { caseId: string; resolve: () => void }[] = [];
  phases: Record<string, number> = {};

  constructor(
    readonly index: number,
    private readonly url: string,
    private readonly token: string,
    private readonly room: string,
    private readonly channels: (caseId: string) => Channel,
    private readonly figures: Figures,
  ) {}

  async join(): Promise<void> {
    const startedAt = performance.now();
    let stepAt = startedAt;
    const step = () => {
      const now = performance.now();
      const took = now - stepAt;
      stepAt = now;
      return took;
    };
    this.phases = {};
    const socket = openLive(this.url, this.token);
    this.socket = socket;
    // The TCP connection made, the WebSocket opened (engine.io's handshake), then socket.io's connection (the session checked).
    const transport = (socket.io as unknown as { engine?: { transport?: { ws?: { _req?: ClientRequest } } } }).engine?.transport;
    transport?.ws?._req?.once('socket', (tcp: TcpSocket) => tcp.once('connect', () => (this.phases.tcp = step())));
    socket.io.once('open', () => (this.phases.open = step()));
    await connected(socket);
    this.phases.connect = step();
    socket.on('disconnect', (reason: string) => {
      // A connection this seat did not drop itself: the server closed it, which a browser would notice too.
      if (this.socket !== socket) return;
      this.figures.problem(`the server closed a connection (${reason})`);
      this.onLost?.();
    });
    socket.on('agenda.current', (view: CurrentItemView) => void this.current(view));
    socket.on('case.drop', ({ caseId }: { caseId: string }) => {
      if (caseId === this.caseId) this.closeNotes();
    });
    socket.on('notes.sync', (event: { caseId: string; compartment: string; epoch: number; message: unknown }) => {
      const notes = this.open.get(`${event.caseId}:${event.compartment}`) as CaseroomNotes | undefined;
      notes?.received(event.epoch, asBytes(event.message));
    });
    // As the web client: the notes that come with a room the socket has just joined open without a step 1.
    socket.on('notes.opened', (event: { caseId: string; compartment: string; reply: NotesSyncReply | null }) => {
      const notes = this.open.get(`${event.caseId}:${event.compartment}`) as CaseroomNotes | undefined;
      notes?.openedWith(event.reply);
    });
    socket.on('notes.awareness', (event: { caseId: string; compartment: string; message: unknown }) => {
      const notes = this.open.get(`${event.caseId}:${event.compartment}`) as CaseroomNotes | undefined;
      notes?.heard(asBytes(event.message));
    });
    const event = this.hasAcknowledged ? 'conference.join' : 'conference.acknowledge';
    const entered = await emit(socket, event, { conferenceId: this.room });
    if (!entered.ok) throw new Error(`${event} refused: ${entered.code}`);
    this.phases.enter = step();
    this.hasAcknowledged = true;
    // The item under discussion comes as agenda.current, with or before the answer; its notes are then opened.
    await new Promise<void>((resolve) => {
      if (this.caseId && this.open.size > 0 && [...this.open.values()].every((notes) => (notes as CaseroomNotes).isSynced)) resolve();
      else this.waiters.push({ caseId: '', resolve });
    });
    this.phases.notes = step();
  }

  drop(): void {
    const socket = this.socket;
    this.socket = null;
    this.closeNotes();
    socket?.close();
  }

  /** Told when the server closes this seat's connection. */
  onLost: (() => void) | null = null;

  panel(): Notes | null {
    const notes = this.caseId ? (this.open.get(`${this.caseId}:panel`) as CaseroomNotes | undefined) : undefined;
    return notes?.isSynced ? notes : null;
  }

  holding(caseId: string): Promise<void> {
    if (this.caseId === caseId && this.panel()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ caseId, resolve }));
  }

  private async current(view: CurrentItemView): Promise<void> {
    if (view.caseId !== this.caseId) this.closeNotes();
    this.caseId = view.caseId;
    const socket = this.socket!;
    const opening = view.admitted
      .filter((compartment) => !this.open.has(`${view.caseId}:${compartment}`))
      .map((compartment) => {
        const notes = new CaseroomNotes(socket, view.caseId, compartment, this.channels(`${view.caseId}:${compartment}`), this.figures);
        this.open.set(notes.key, notes);
        return view.notesFollow.includes(compartment) ? notes.opening() : notes.sync();
      });
    try {
      await Promise.all(opening);
    } catch (error) {
      // A connection this seat dropped itself (churn) fails what it had under way, and notes the chair moved
      // the room away from are refused once the seat is out of their rooms: neither is the server's problem.
      if (this.socket === socket && this.caseId === view.caseId) this.figures.problem(`opening notes failed: ${(error as Error).message}`);
      return;
    }
    if (this.caseId !== view.caseId) return;
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.caseId === '' || waiter.caseId === view.caseId) waiter.resolve();
      else this.waiters.push(waiter);
    }
  }

  private closeNotes(): void {
    for (const notes of this.open.values()) notes.close();
    this.open.clear();
  }
}

class CaseroomNotes implements Notes {
  readonly key: string;
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly reader: Reader;
  isSynced = false;
  private epoch: number | null = null;
  private readonly heardFrom = new Set<number>();

  constructor(
    private readonly socket: Socket,
    private readonly caseId: string,
    private readonly compartment: string,
    readonly channel: Channel,
    private readonly figures: Figures,
  ) {
    this.key = `${caseId}:${compartment}`;
    notesFragment(this.doc);
    this.awareness = new Awareness(this.doc);
    this.reader = channel.read(this.doc);
    // As the web client: its own awareness goes out whenever it changes (or is renewed).
    this.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin === 'server') return;
      if ([...added, ...updated].includes(this.doc.clientID)) this.announce();
    });
    // As the web client: a reader has no caret and says nothing; typing gives it a state.
    this.awareness.setLocalState(null);
  }

  async sync(): Promise<void> {
    const reply = await emit<NotesSyncReply>(this.socket, 'notes.sync', {
      caseId: this.caseId,
      compartment: this.compartment,
      epoch: null,
      message: encodeSyncStep1(this.doc),
    });
    if (!reply.ok) throw new Error(`notes.sync step 1 refused: ${reply.code}`);
    this.take(reply.data!);
  }

  private arrived: ((reply: NotesSyncReply | null) => void) | null = null;

  /** Waits for the notes the server said follow the room (`notesFollow`); asks for them if they cannot come. */
  async opening(): Promise<void> {
    const reply = await new Promise<NotesSyncReply | null>((resolve) => (this.arrived = resolve));
    if (this.isClosed) throw new Error('closed before its notes came');
    if (reply) this.take(reply);
    else await this.sync();
  }

  openedWith(reply: NotesSyncReply | null): void {
    const arrived = this.arrived;
    this.arrived = null;
    arrived?.(reply);
  }

  private take(reply: NotesSyncReply): void {
    this.epoch = reply.epoch;
    Y.applyUpdate(this.doc, decodeSync(asBytes(reply.step2)).payload, 'server');
    for (const heard of this.heardWhileOpening.splice(0)) this.received(heard.epoch, heard.message);
    this.isSynced = true;
  }

  /** As the web client: an edit relayed while the first answer is on its way is kept until it comes. */
  private readonly heardWhileOpening: { epoch: number; message: Uint8Array }[] = [];

  received(epoch: number, message: Uint8Array): void {
    if (this.epoch === null) this.heardWhileOpening.push({ epoch, message });
    else if (epoch === this.epoch) Y.applyUpdate(this.doc, decodeSync(message).payload, 'server');
  }

  /** Someone new in these notes has heard nothing of this seat yet: it says where it is, as the web client does. */
  heard(message: Uint8Array): void {
    if (this.awareness.getLocalState() === null) return;
    let isNew = false;
    for (const entry of decodeAwareness(message)) {
      if (!this.heardFrom.has(entry.clientId)) isNew = true;
      this.heardFrom.add(entry.clientId);
    }
    if (isNew) this.announce();
  }

  async send(update: Uint8Array): Promise<void> {
    const ack = await emit(this.socket, 'notes.sync', {
      caseId: this.caseId,
      compartment: this.compartment,
      epoch: this.epoch,
      message: encodeUpdate(update),
    });
    if (!ack.ok) throw new Error(ack.code);
  }

  private announce(): void {
    if (!this.isSynced && this.epoch === null && this.heardFrom.size === 0) return;
    this.figures.awareness += 1;
    // As the web client: a caret asks for no answer.
    if (this.socket.connected)
      this.socket.emit('notes.awareness', {
        caseId: this.caseId,
        compartment: this.compartment,
        message: encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
      });
  }

  close(): void {
    this.isClosed = true;
    this.openedWith(null);
    this.channel.forget(this.reader);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private isClosed = false;
}

/** A connection of its own to the live channel, as a browser tab opens one; not reconnected by itself. */
function openLive(url: string, token: string): Socket {
  return io(`${url}/live`, {
    transports: ['websocket'],
    parser: liveParser,
    auth: { token },
    extraHeaders: { Origin: testOrigin },
    reconnection: false,
    forceNew: true,
  });
}

function connected(socket: Socket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => reject(new Error(error.data?.code ?? error.message)));
  });
}

function emit<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(30_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

// ---------------------------------------------------------------------------------------------------
// Hocuspocus: a provider per document on a websocket of its own per seat, as a browser tab has.

class HocuspocusSeat implements Seat {
  private socket: HocuspocusProviderWebsocket | null = null;
  private notes: HocuspocusNotes | null = null;
  private document: string;
  readonly phases = {};

  constructor(
    readonly index: number,
    private readonly url: string,
    document: string,
    private readonly channels: (document: string) => Channel,
    private readonly figures: Figures,
  ) {
    this.document = document;
  }

  async join(): Promise<void> {
    this.socket = new HocuspocusProviderWebsocket({
      url: this.url,
      WebSocketPolyfill: WebSocket,
      maxAttempts: 1,
      messageReconnectTimeout: 3_600_000,
    });
    const socket = this.socket;
    socket.on('close', () => {
      if (this.socket === socket) this.figures.problem('the server closed a connection');
    });
    await this.openNotes(this.document);
  }

  drop(): void {
    this.notes?.close();
    this.notes = null;
    const socket = this.socket;
    this.socket = null;
    // Closing a connection still being made makes ws emit an error, which nobody but us would hear.
    (socket as unknown as { webSocket?: { on?(event: string, listener: () => void): void } } | null)?.webSocket?.on?.(
      'error',
      () => undefined,
    );
    socket?.destroy();
  }

  panel(): Notes | null {
    return this.notes?.isSynced ? this.notes : null;
  }

  /** Moving to the other item: this seat's next document, on the same connection. */
  async move(document: string): Promise<void> {
    this.document = document;
    if (!this.socket) return;
    this.notes?.close();
    this.notes = null;
    await this.openNotes(document);
  }

  holding(document: string): Promise<void> {
    return this.document === document && this.panel() ? Promise.resolve() : this.move(document);
  }

  private async openNotes(document: string): Promise<void> {
    const notes = new HocuspocusNotes(this.socket!, document, this.channels(document), this.figures);
    this.notes = notes;
    await notes.synced;
  }
}

class HocuspocusNotes implements Notes {
  readonly key: string;
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly reader: Reader;
  readonly synced: Promise<void>;
  isSynced = false;
  private readonly provider: HocuspocusProvider;
  private confirmed = 0;
  private reported: number;
  private readonly waiting: { upTo: number; resolve: () => void }[] = [];

  constructor(
    socket: HocuspocusProviderWebsocket,
    document: string,
    readonly channel: Channel,
    private readonly figures: Figures,
  ) {
    this.key = document;
    notesFragment(this.doc);
    this.awareness = new Awareness(this.doc);
    this.reader = channel.read(this.doc);
    this.provider = new HocuspocusProvider({ websocketProvider: socket, name: document, document: this.doc, awareness: this.awareness });
    this.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin !== this.provider && [...added, ...updated].includes(this.doc.clientID)) this.figures.awareness += 1;
    });
    this.reported = this.provider.unsyncedChanges;
    this.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (number < this.reported) this.confirmed += this.reported - number;
      this.reported = number;
      while (this.waiting.length > 0 && this.waiting[0].upTo <= this.confirmed) this.waiting.shift()!.resolve();
    });
    this.synced = new Promise<void>((resolve) =>
      this.provider.on('synced', () => {
        this.isSynced = true;
        resolve();
      }),
    );
    // As the web client: a reader has no caret and says nothing; typing gives it a state.
    this.awareness.setLocalState(null);
    this.provider.attach();
  }

  /** The provider sends the update itself; this waits for the server to confirm it, in the order sent. */
  send(): Promise<void> {
    const upTo = this.confirmed + this.provider.unsyncedChanges;
    return new Promise<void>((resolve) => this.waiting.push({ upTo, resolve }));
  }

  close(): void {
    this.channel.forget(this.reader);
    this.provider.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// The rooms this worker drives.

class Room {
  readonly seats: Seat[];
  private readonly channels = new Map<string, Channel>();
  private current = 0;
  private isActive = false;
  /** Typing pauses while the chair moves the room on. */
  private isPaused = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly joined = new Set<Seat>();

  constructor(
    readonly spec: RoomSpec,
    private readonly server: ScaleServer,
    url: string,
    private readonly chair: Socket | null,
    private readonly behaviour: Behaviour,
    private readonly figures: Figures,
    private readonly draw: Draw,
  ) {
    const channel = (name: string) => {
      let found = this.channels.get(name);
      if (!found) this.channels.set(name, (found = new Channel(figures)));
      return found;
    };
    this.seats = spec.seats.map((seat, place) => {
      const index = seat.index ?? place;
      if (server === 'hocuspocus') return new HocuspocusSeat(index, url, this.document(0), channel, figures);
      const caseroom = new CaseroomSeat(index, url, seat.token, spec.id, channel, figures);
      // Closed by the server: the seat is out of the room (and the run has a problem to report).
      caseroom.onLost = () => {
        this.joined.delete(caseroom);
        caseroom.drop();
      };
      return caseroom;
    });
  }

  private document(item: number): string {
    return this.server === 'caseroom' ? this.spec.items[item].caseId : `${this.spec.id}:${this.spec.items[item].itemId}`;
  }

  async join(seat: Seat): Promise<number> {
    const started = performance.now();
    try {
      await within(seat.join(), joinTimeoutMs, 'joining');
    } catch (error) {
      seat.drop();
      throw error;
    }
    this.joined.add(seat);
    if (this.isActive && seat.index < this.spec.typists) this.startTyping(seat);
    return performance.now() - started;
  }

  activate(): void {
    if (this.isActive) return;
    this.isActive = true;
    for (const seat of this.joined) if (seat.index < this.spec.typists) this.startTyping(seat);
    this.every(this.behaviour.churnSeconds, () => this.churn());
    this.every(this.behaviour.moveSeconds, () => this.move());
    if (this.server === 'caseroom') this.every(this.behaviour.decisionSeconds, () => this.decide());
  }

  stop(): void {
    this.isActive = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  outstanding(): number {
    let count = 0;
    for (const channel of this.channels.values()) count += channel.outstanding();
    return count;
  }

  close(): void {
    this.stop();
    for (const seat of this.seats) seat.drop();
  }

  /** The first typist's connection (Caseroom), to read the notes afresh through at the end. */
  firstSocket(): Socket | null {
    return (this.seats[0] as CaseroomSeat).connection;
  }

  /** The notes under discussion: the case (Caseroom) or the document (Hocuspocus). */
  currentDocument(): string {
    return this.document(this.current);
  }

  private every(range: readonly [number, number], work: () => Promise<void>): void {
    if (range[1] <= 0) return;
    const schedule = () => {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          if (!this.isActive) return;
          work().then(schedule, (error: Error) => {
            this.figures.problem(error.message);
            schedule();
          });
        },
        this.draw.between(range) * 1000,
      );
      this.timers.add(timer);
    };
    schedule();
  }

  /** Bursts of typing at a rate drawn per burst, and pauses between. */
  private startTyping(seat: Seat): void {
    const typist = new Typist(seat, this.figures);
    const burst = async () => {
      while (this.isActive && this.joined.has(seat)) {
        const rate = this.draw.between(this.behaviour.updatesPerSecond);
        const until = performance.now() + this.draw.between(this.behaviour.burstSeconds) * 1000;
        for (let next = performance.now(); next < until && this.isActive; next += 1000 / rate) {
          await sleep(next - performance.now());
          // Stopped while it slept: an update typed now would follow the end check rather than precede it.
          if (!this.isActive) return;
          if (!this.isPaused) typist.type();
        }
        await sleep(this.draw.between(this.behaviour.pauseSeconds) * 1000);
      }
    };
    void burst();
  }

  /** A reader's connection drops and comes back a moment later. */
  private async churn(): Promise<void> {
    const readers = [...this.joined].filter((seat) => seat.index >= this.spec.typists);
    if (readers.length === 0) return;
    const seat = readers[Math.floor(this.draw.next() * readers.length)];
    this.joined.delete(seat);
    seat.drop();
    await sleep(this.draw.between([1, 3]) * 1000);
    const started = wallClock();
    try {
      await within(seat.join(), joinTimeoutMs, 'joining again');
    } catch (error) {
      seat.drop();
      throw error;
    }
    if (started >= this.figures.measuringFrom) this.figures.rejoins.push(wallClock() - started);
    this.joined.add(seat);
  }

  /**
   * The chair moves on to the other item. Typing pauses first and what was typed is let arrive, as a
   * panel finishes a sentence before the chair moves on: an update the room is still hearing when its
   * readers leave the case is not lost, only no longer theirs.
   */
  private async move(): Promise<void> {
    this.isPaused = true;
    try {
      const deadline = performance.now() + 3_000;
      while (this.outstanding() > 0 && performance.now() < deadline) await sleep(20);
      const next = (this.current + 1) % this.spec.items.length;
      if (this.server === 'caseroom') {
        const ack = await emit(this.chair!, 'agenda.move', { conferenceId: this.spec.id, itemId: this.spec.items[next].itemId });
        if (!ack.ok) throw new Error(`agenda.move refused: ${ack.code}`);
      }
      this.current = next;
      const document = this.document(next);
      await Promise.all([...this.joined].map((seat) => seat.holding(document)));
      this.figures.moves += 1;
    } finally {
      this.isPaused = false;
    }
  }

  private async decide(): Promise<void> {
    const { caseId } = this.spec.items[this.current];
    const decision = await emit(this.chair!, 'decision.record', {
      caseId,
      decision: {
        kind: 'vetting_review',
        conferenceId: this.spec.id,
        rationale: 'Vetting to review the officer’s access while the investigation runs.',
        positions: [{ agencyId: this.spec.agencyId, position: 'agree' }],
      },
    });
    if (!decision.ok) throw new Error(`decision.record refused: ${decision.code}`);
    const action = await emit(this.chair!, 'action.record', {
      caseId,
      action: {
        conferenceId: this.spec.id,
        text: 'Share the safety plan with the IDVA.',
        ownerAgencyId: this.spec.agencyId,
        dueOn: '2026-12-31',
      },
    });
    if (!action.ok) throw new Error(`action.record refused: ${action.code}`);
    this.figures.decisions += 1;
  }
}

class Worker {
  private readonly figures = new Figures();

  problem(text: string): void {
    this.figures.problem(text);
  }

  private readonly rooms = new Map<string, Room>();
  private chair: Socket | null = null;
  private server: ScaleServer = 'caseroom';

  async handle(command: Command): Promise<unknown> {
    switch (command.type) {
      case 'setup':
        return this.setup(command);
      case 'join':
        return this.join(command.rooms, command.spreadMs, command.concurrency, command.seats);
      case 'activate':
        for (const id of command.rooms) this.rooms.get(id)!.activate();
        return null;
      case 'measure':
        this.figures.start();
        return null;
      case 'sample':
        return this.figures.window();
      case 'stop':
        return this.stop(command.drainMs);
      case 'exit':
        for (const room of this.rooms.values()) room.close();
        this.chair?.close();
        setTimeout(() => process.exit(0), 100);
        return null;
    }
  }

  private async setup(command: Extract<Command, { type: 'setup' }>): Promise<null> {
    this.server = command.server;
    if (command.server === 'caseroom') {
      this.chair = openLive(command.url, command.chairToken);
      await connected(this.chair);
    }
    const draw = new Draw(command.seed);
    for (const spec of command.rooms) {
      this.rooms.set(
        spec.id,
        new Room(spec, command.server, command.url, this.chair, command.behaviour, this.figures, new Draw(Math.floor(draw.next() * 1e9))),
      );
    }
    return null;
  }

  private async join(
    ids: readonly string[],
    spreadMs: number,
    concurrency: number,
    range?: readonly [number, number],
  ): Promise<JoinFigures> {
    const inRange = (index: number) => !range || (index >= range[0] && index < range[1]);
    const seats = ids.flatMap((id) =>
      this.rooms
        .get(id)!
        .seats.filter((seat) => inRange(seat.index))
        .map((seat) => ({ room: this.rooms.get(id)!, seat })),
    );
    const joins: number[] = [];
    const phases: Record<string, number[]> = {};
    const failures: string[] = [];
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    let running = 0;
    const waiting: (() => void)[] = [];
    await Promise.all(
      seats.map(async ({ room, seat }) => {
        await sleep(started + Math.random() * spreadMs - performance.now());
        if (concurrency > 0 && running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
        running += 1;
        try {
          joins.push(await room.join(seat));
          for (const [name, took] of Object.entries(seat.phases)) (phases[name] ??= []).push(took);
        } catch (error) {
          failures.push((error as Error).message);
        } finally {
          running -= 1;
          waiting.shift()?.();
        }
      }),
    );
    delay.disable();
    return { joins, phases, generatorDelayMs: delay.percentile(99) / 1e6, failures };
  }

  private async stop(drainMs: number): Promise<StopFigures> {
    for (const room of this.rooms.values()) room.stop();
    const deadline = performance.now() + drainMs;
    const outstanding = () => [...this.rooms.values()].reduce((sum, room) => sum + room.outstanding(), 0);
    // Caseroom answers every update (or the emit times out); the fresh read below compares with what was answered.
    const unanswered = () => (this.server === 'caseroom' ? this.figures.unacknowledged : 0);
    while ((outstanding() > 0 || unanswered() > 0) && performance.now() < deadline) await sleep(50);
    const lost = outstanding();
    const problems = [...this.figures.problems];
    if (unanswered() > 0) problems.push(`${unanswered()} updates still unanswered at the end`);
    let missingFromStore = 0;
    if (this.server === 'caseroom') {
      // What the server hands a fresh reader holds everything each typist's copy holds.
      for (const room of this.rooms.values()) {
        const typists = room.seats
          .slice(0, room.spec.typists)
          .map((seat) => seat.panel())
          .filter((notes) => notes !== null);
        if (typists.length === 0) continue;
        const socket = room.firstSocket();
        if (!socket) {
          problems.push('a typist had lost its connection by the end');
          continue;
        }
        const reply = await emit<NotesSyncReply>(socket, 'notes.sync', {
          caseId: room.currentDocument(),
          compartment: 'panel',
          epoch: null,
          message: encodeSyncStep1(new Y.Doc()),
        }).catch(() => null);
        if (!reply?.ok) {
          problems.push(`a fresh read of the notes at the end failed: ${reply?.code ?? 'no answer'}`);
          continue;
        }
        const fresh = new Y.Doc();
        Y.applyUpdate(fresh, decodeSync(asBytes(reply.data!.step2)).payload);
        for (const notes of typists) {
          const own = Y.getState(notes.doc.store, notes.doc.clientID);
          if (Y.getState(fresh.store, notes.doc.clientID) < own) missingFromStore += 1;
        }
      }
    }
    return { lost, missingFromStore, problems };
  }
}

const worker = new Worker();
// Whatever escapes a seat (a library's unhandled event) is reported as a problem of the run, not a crash that loses its figures.
process.on('uncaughtException', (error) => worker.problem(`uncaught: ${error.message}`));
process.on('unhandledRejection', (error) => worker.problem(`unhandled: ${error instanceof Error ? error.message : String(error)}`));
const send = (reply: Reply) => process.send!(reply);
process.on('message', (command: Command) => {
  worker.handle(command).then(
    (result) => send({ type: 'done', result }),
    (error: unknown) => send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
send({ type: 'ready' });
