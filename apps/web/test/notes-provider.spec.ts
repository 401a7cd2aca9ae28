import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as sync from 'y-protocols/sync';
import type { Ack, ClientEvent, ServerEvents } from '@caseroom/contracts';
import type { LiveClient } from '../src/lib/live-client';
import { NotesOpenings } from '../src/lib/notes-openings';
import { LiveNotesProvider } from '../src/lib/notes-provider';

const caseId = '7d1f3a36-8a5e-4c3e-9a43-35b9f0a4c2e1';

/** A stand-in for the live channel: a server-side document answers step 1, and every emit is kept. */
class FakeLive {
  readonly server = new Y.Doc();
  readonly sent: { event: ClientEvent; payload: { epoch?: number | null; message: Uint8Array } }[] = [];
  epoch = 1;
  isWritable = true;
  private readonly listeners = new Map<string, ((payload: never) => void)[]>();

  /** Called once the answer to a step 1 is written, before it is sent: what the server does meanwhile. */
  afterAnswering: (() => void) | null = null;

  /** As the live client keeps them: the notes the server sends with a room, fed by `deliver` below. */
  readonly openings = new NotesOpenings();

  /** Sent without an answer asked for (awareness); kept with the rest. */
  readonly unanswered: ClientEvent[] = [];

  send(event: ClientEvent, payload: { message: Uint8Array }): void {
    this.unanswered.push(event);
    this.sent.push({ event, payload });
  }

  emit(event: ClientEvent, payload: { epoch?: number | null; message: Uint8Array }): Promise<Ack> {
    this.sent.push({ event, payload });
    if (event !== 'notes.sync') return Promise.resolve({ ok: true });
    const decoder = decoding.createDecoder(payload.message);
    const type = decoding.readVarUint(decoder);
    const body = decoding.readVarUint8Array(decoder);
    if (type !== sync.messageYjsSyncStep1) {
      if (payload.epoch !== this.epoch) return Promise.resolve({ ok: false, code: 'EPOCH_STALE', message: 'stale' });
      Y.applyUpdate(this.server, body);
      return Promise.resolve({ ok: true });
    }
    const step2 = encoding.createEncoder();
    sync.writeSyncStep2(step2, this.server, body);
    const step1 = encoding.createEncoder();
    sync.writeSyncStep1(step1, this.server);
    this.afterAnswering?.();
    return Promise.resolve({
      ok: true,
      data: { epoch: this.epoch, writable: this.isWritable, step2: encoding.toUint8Array(step2), step1: encoding.toUint8Array(step1) },
    });
  }

  on<E extends keyof ServerEvents>(event: E, listener: (payload: ServerEvents[E]) => void): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return () => undefined;
  }

  deliver<E extends keyof ServerEvents>(event: E, payload: ServerEvents[E]): void {
    // The live client's own listeners come first, as they are registered before anything on the page.
    const openings = this.openings;
    if (event === 'agenda.current') openings.current(payload as ServerEvents['agenda.current']);
    if (event === 'notes.opened') openings.opened(payload as ServerEvents['notes.opened']);
    if (event === 'notes.sync') openings.relayed(payload as ServerEvents['notes.sync']);
    if (event === 'notes.reset') openings.reset(payload as ServerEvents['notes.reset']);
    if (event === 'case.drop') openings.dropCase((payload as ServerEvents['case.drop']).caseId);
    for (const listener of this.listeners.get(event) ?? []) listener(payload as never);
  }

  /** Another member's paragraph, stored on the server and relayed to the room at once. */
  relayParagraph(text: string): void {
    const before = Y.encodeStateVector(this.server);
    paragraph(this.server, text);
    this.deliver('notes.sync', {
      caseId,
      compartment: 'victim',
      epoch: this.epoch,
      message: syncUpdate(Y.encodeStateAsUpdate(this.server, before)),
    });
  }

  /** What the server sends with the room: its answer to a step 1 from an empty document. */
  withTheRoom(): ServerEvents['notes.opened'] {
    const step2 = encoding.createEncoder();
    sync.writeSyncStep2(step2, this.server);
    const step1 = encoding.createEncoder();
    sync.writeSyncStep1(step1, this.server);
    return {
      caseId,
      compartment: 'victim',
      reply: { epoch: this.epoch, writable: this.isWritable, step2: encoding.toUint8Array(step2), step1: encoding.toUint8Array(step1) },
    };
  }

  /** Step 1s sent: each one a round trip the client waited for. */
  stepOnes(): number {
    return this.sent.filter(({ event, payload }) => event === 'notes.sync' && payload.message[0] === sync.messageYjsSyncStep1).length;
  }

  writes(): number {
    return this.sent.filter(({ event, payload }) => event === 'notes.sync' && payload.message[0] !== sync.messageYjsSyncStep1).length;
  }
}

const paragraph = (doc: Y.Doc, text: string) => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('content').push([element]);
};
const textOf = (doc: Y.Doc) => doc.getXmlFragment('content').toJSON();
const update = (from: Y.Doc) => {
  const encoder = encoding.createEncoder();
  sync.writeUpdate(encoder, Y.encodeStateAsUpdate(from));
  return encoding.toUint8Array(encoder);
};
const syncUpdate = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  sync.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const currentItem = (notesFollow: ServerEvents['agenda.current']['notesFollow']): ServerEvents['agenda.current'] => ({
  conferenceId: 'a2b0c1d9-2f6e-4f0a-8d1e-0c5b3f7a9e11',
  itemId: 'b3c1d2e0-3a7f-4a1b-9e2f-1d6c4a8b0f22',
  position: 1,
  reference: 'MARAC-1',
  caseId,
  admitted: ['panel', 'victim'],
  notesFollow,
});

describe('the browser notes provider', () => {
  const opened: LiveNotesProvider[] = [];
  // Awareness keeps a timer of its own; each provider is destroyed after its test.
  afterEach(() => opened.splice(0).forEach((provider) => provider.destroy()));
  const awarenesses: Awareness[] = [];
  afterEach(() => awarenesses.splice(0).forEach((awareness) => awareness.destroy()));
  const awarenessOf = () => {
    const awareness = new Awareness(new Y.Doc());
    awarenesses.push(awareness);
    return awareness;
  };

  const make = (live: FakeLive) => {
    const provider = new LiveNotesProvider(live as unknown as LiveClient, caseId, 'victim', { name: 'Priya Shah', color: '#7e22ce' });
    opened.push(provider);
    return provider;
  };
  const open = async (live: FakeLive) => {
    const provider = make(live);
    await provider.open();
    return provider;
  };

  it('takes the server copy on opening and sends local changes at its epoch', async () => {
    const live = new FakeLive();
    paragraph(live.server, 'on the server');
    const provider = await open(live);
    expect(textOf(provider.getSnapshot().doc)).toContain('on the server');
    paragraph(provider.getSnapshot().doc, 'typed here');
    await settle();
    expect(textOf(live.server)).toContain('typed here');
    expect(
      live.sent.filter(({ event }) => event === 'notes.sync').every(({ payload }) => payload.epoch === null || payload.epoch === 1),
    ).toBe(true);
  });

  it('opens from the notes sent with the room, with what was relayed after them, asking for nothing', async () => {
    const live = new FakeLive();
    paragraph(live.server, 'sent with the room');
    live.deliver('agenda.current', currentItem(['panel', 'victim']));
    live.deliver('notes.opened', live.withTheRoom());
    // Relayed before the page made a provider for these notes: kept with them.
    live.relayParagraph('relayed before the provider');
    const provider = await open(live);
    expect(provider.getSnapshot().state).toBe('ready');
    expect(textOf(provider.getSnapshot().doc)).toContain('sent with the room');
    expect(textOf(provider.getSnapshot().doc)).toContain('relayed before the provider');
    expect(live.stepOnes()).toBe(0);
    // Writable at the epoch the server sent: an edit goes out at once.
    paragraph(provider.getSnapshot().doc, 'typed here');
    await settle();
    expect(textOf(live.server)).toContain('typed here');
  });

  it('waits for notes the server said follow, and opens from them when they come', async () => {
    const live = new FakeLive();
    paragraph(live.server, 'on its way');
    live.deliver('agenda.current', currentItem(['victim']));
    const provider = make(live);
    const opening = provider.open();
    await settle();
    expect(provider.getSnapshot().state).toBe('opening');
    live.deliver('notes.opened', live.withTheRoom());
    await opening;
    expect(textOf(provider.getSnapshot().doc)).toContain('on its way');
    expect(live.stepOnes()).toBe(0);
  });

  it.each([
    ['the server could not read them', (live: FakeLive) => live.deliver('notes.opened', { caseId, compartment: 'victim', reply: null })],
    ['the case was dropped', (live: FakeLive) => live.deliver('case.drop', { caseId })],
    ['the item came again without them', (live: FakeLive) => live.deliver('agenda.current', currentItem([]))],
    ['they were rewritten', (live: FakeLive) => live.deliver('notes.reset', { caseId, compartment: 'victim', epoch: 1 })],
  ])('asks for the notes itself when %s', async (_, meanwhile) => {
    const live = new FakeLive();
    paragraph(live.server, 'asked for');
    live.deliver('agenda.current', currentItem(['victim']));
    const provider = make(live);
    const opening = provider.open();
    await settle();
    meanwhile(live);
    await opening;
    // A rewrite opens the new copy by itself; the opening under way gives way to it.
    await settle();
    expect(live.stepOnes()).toBe(1);
    expect(textOf(provider.getSnapshot().doc)).toContain('asked for');
  });

  it('forgets notes sent with the room that no provider took in time, with what was relayed after them', async () => {
    jest.useFakeTimers();
    try {
      const live = new FakeLive();
      paragraph(live.server, 'asked for');
      live.deliver('agenda.current', currentItem(['victim']));
      live.deliver('notes.opened', live.withTheRoom());
      live.relayParagraph('relayed while nobody took them');
      jest.advanceTimersByTime(10_000);
      expect(await live.openings.take(caseId, 'victim')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('asks for notes itself when none were said to follow, and does not take notes sent for a room joined before', async () => {
    const live = new FakeLive();
    paragraph(live.server, 'asked for');
    // Notes that came unannounced are not kept.
    live.deliver('notes.opened', live.withTheRoom());
    await open(live);
    expect(live.stepOnes()).toBe(1);
  });

  it('keeps an edit relayed while its first answer is on its way, which the answer lacks', async () => {
    const live = new FakeLive();
    paragraph(live.server, 'before opening');
    live.afterAnswering = () => {
      live.afterAnswering = null;
      // Another member's edit, stored just after the server wrote this client's answer and relayed at once.
      live.relayParagraph('stored while answering');
    };
    const provider = await open(live);
    expect(textOf(provider.getSnapshot().doc)).toContain('before opening');
    expect(textOf(provider.getSnapshot().doc)).toContain('stored while answering');
  });

  it('sends nothing when the server says the notes are read only', async () => {
    const live = new FakeLive();
    live.isWritable = false;
    const provider = await open(live);
    paragraph(provider.getSnapshot().doc, 'not to be sent');
    await settle();
    expect(provider.getSnapshot().isWritable).toBe(false);
    expect(live.writes()).toBe(0);
    expect(textOf(live.server)).not.toContain('not to be sent');
  });

  it('ignores a relayed update from another epoch, and applies one from its own', async () => {
    const live = new FakeLive();
    const provider = await open(live);
    const elsewhere = new Y.Doc();
    paragraph(elsewhere, 'old history');
    live.deliver('notes.sync', { caseId, compartment: 'victim', epoch: 0, message: update(elsewhere) });
    expect(textOf(provider.getSnapshot().doc)).not.toContain('old history');
    const current = new Y.Doc();
    paragraph(current, 'current history');
    live.deliver('notes.sync', { caseId, compartment: 'victim', epoch: 1, message: update(current) });
    live.deliver('notes.sync', { caseId, compartment: 'panel', epoch: 1, message: update(elsewhere) });
    expect(textOf(provider.getSnapshot().doc)).toContain('current history');
    expect(textOf(provider.getSnapshot().doc)).not.toContain('old history');
  });

  it('drops its copy on a reset and takes the rewritten one', async () => {
    const live = new FakeLive();
    paragraph(live.server, 'REDACTED-LATER');
    const provider = await open(live);
    const before = provider.getSnapshot();
    live.server.destroy();
    Object.assign(live, { server: new Y.Doc(), epoch: 2 });
    paragraph(live.server, 'what remains');
    live.deliver('notes.reset', { caseId, compartment: 'victim', epoch: 2 });
    await settle();
    await settle();
    const after = provider.getSnapshot();
    expect(after.generation).toBe(before.generation + 1);
    expect(after.doc).not.toBe(before.doc);
    expect(textOf(after.doc)).toBe(textOf(live.server));
    expect(textOf(after.doc)).not.toContain('REDACTED-LATER');
  });

  it('says nothing of a reader, who has no caret: not on opening, nor to a newcomer, nor to renew it', async () => {
    jest.useFakeTimers();
    try {
      const live = new FakeLive();
      const provider = await open(live);
      const newcomer = awarenessOf();
      newcomer.setLocalState({ user: { name: 'Sam Okafor' } });
      live.deliver('notes.awareness', { caseId, compartment: 'victim', message: encodeAwarenessUpdate(newcomer, [newcomer.clientID]) });
      // y-protocols renews a state every fifteen seconds; a reader has none to renew.
      jest.advanceTimersByTime(40_000);
      expect(live.sent.filter(({ event }) => event === 'notes.awareness')).toEqual([]);
      expect(provider.getSnapshot().awareness.getLocalState()).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says where it is once the person is in the notes, and again when someone new appears, and only then', async () => {
    const live = new FakeLive();
    const provider = await open(live);
    const announcements = () => live.sent.filter(({ event }) => event === 'notes.awareness').length;
    provider.activate();
    expect(announcements()).toBe(1);
    const before = announcements();
    const newcomer = awarenessOf();
    newcomer.setLocalState({ user: { name: 'Sam Okafor' } });
    const arrive = () =>
      live.deliver('notes.awareness', { caseId, compartment: 'victim', message: encodeAwarenessUpdate(newcomer, [newcomer.clientID]) });
    arrive();
    expect(announcements()).toBe(before + 1);
    const [announced] = live.sent.filter(({ event }) => event === 'notes.awareness').slice(-1);
    const heard = awarenessOf();
    applyAwarenessUpdate(heard, announced.payload.message, 'test');
    expect(heard.getStates().get(provider.getSnapshot().doc.clientID)).toMatchObject({ user: { name: 'Priya Shah' } });
    // The same newcomer moving its caret is nobody new.
    newcomer.setLocalStateField('typingAt', 1);
    arrive();
    expect(announcements()).toBe(before + 1);
    // None asked for an answer: the server writes nothing back for a caret.
    expect(live.unanswered).toEqual(Array.from({ length: announcements() }, () => 'notes.awareness'));
  });

  it('marks the notes unavailable when the server does not admit the socket to them', async () => {
    const live = new FakeLive();
    live.emit = () => Promise.resolve({ ok: false, code: 'NOT_FOUND', message: 'no such notes' });
    const provider = await open(live);
    expect(provider.getSnapshot().state).toBe('unavailable');
  });
});
