import * as Y from 'yjs';
import { randomUUID } from 'node:crypto';
import { notesMessageParts, type Ack, type Compartment, type NotesSyncReply } from '@caseroom/contracts';
import { decodeSync, encodeSyncStep1, encodeSyncStep2, encodeUpdate, notesFragment } from '@caseroom/realtime';
import type { LiveClient } from './live-client';

const asBytes = (value: unknown) => new Uint8Array(value as ArrayBufferLike);

/**
 * One client's copy of one compartment's notes, kept in sync over the live channel the way a browser
 * does: step 1 on opening, updates as they happen, acknowledgements tracked, a reset honoured.
 */
export class NotesPeer {
  doc = new Y.Doc();
  epoch: number | null = null;
  writable = false;
  /** Updates sent and not yet acknowledged as durable. */
  readonly pending = new Set<Promise<Ack>>();
  /** Text of every edit whose acknowledgement came back ok. */
  readonly acknowledged: string[] = [];
  readonly refused: Ack[] = [];
  private resets = 0;

  constructor(
    private client: LiveClient,
    readonly caseId: string,
    readonly compartment: Compartment,
  ) {
    this.listen();
  }

  /** Moves to another connection (after a reconnect) and syncs again, keeping the local document. */
  async rebind(client: LiveClient): Promise<void> {
    this.client = client;
    this.listen();
    await this.open();
  }

  private listen(): void {
    this.client.socket.on('notes.sync', (event: { caseId: string; compartment: string; epoch: number; message: unknown }) => {
      if (event.caseId !== this.caseId || event.compartment !== this.compartment || event.epoch !== this.epoch) return;
      const { payload } = decodeSync(asBytes(event.message));
      Y.applyUpdate(this.doc, payload, 'server');
    });
    this.client.socket.on('notes.reset', (event: { caseId: string; compartment: string; epoch: number }) => {
      if (event.caseId !== this.caseId || event.compartment !== this.compartment) return;
      this.resets += 1;
      this.doc.destroy();
      this.doc = new Y.Doc();
      this.epoch = null;
      void this.open();
    });
  }

  /** Step 1, apply the server's step 2, answer its step 1 with what the server lacks. */
  async open(): Promise<NotesSyncReply> {
    const ack = await this.client.emit<NotesSyncReply>('notes.sync', {
      caseId: this.caseId,
      compartment: this.compartment,
      epoch: this.epoch,
      message: encodeSyncStep1(this.doc),
    });
    if (!ack.ok) throw Object.assign(new Error(ack.code), { code: ack.code });
    const reply = ack.data!;
    if (this.epoch !== null && this.epoch !== reply.epoch) {
      // Rewritten while away: the local copy is from an older history and is dropped.
      this.doc.destroy();
      this.doc = new Y.Doc();
    }
    this.epoch = reply.epoch;
    this.writable = reply.writable;
    Y.applyUpdate(this.doc, decodeSync(asBytes(reply.step2)).payload, 'server');
    this.doc.off('update', this.onUpdate);
    this.doc.on('update', this.onUpdate);
    if (this.writable) {
      const missing = encodeSyncStep2(this.doc, decodeSync(asBytes(reply.step1)).payload);
      if (decodeSync(missing).payload.byteLength > 2) this.lastOpened = await this.send(missing, null);
    }
    return reply;
  }

  /** The label the next local update is acknowledged under (the text typed). */
  private label: string | null = null;
  private lastSent: Promise<Ack> | null = null;

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'server') return;
    this.lastSent = this.send(encodeUpdate(update), this.label);
  };

  /** Sends a message whole, or in parts one after another when it is larger than a part, as the browser does. */
  private async deliver(message: Uint8Array): Promise<Ack> {
    const epoch = this.epoch;
    let ack: Ack = { ok: false, code: 'NOT_SENT', message: 'nothing sent' };
    for (const piece of notesMessageParts(message, randomUUID())) {
      ack = await this.client.emit('notes.sync', { caseId: this.caseId, compartment: this.compartment, epoch, ...piece });
      if (!ack.ok) return ack;
    }
    return ack;
  }

  private resyncing: Promise<Ack> | null = null;
  private lastOpened: Ack | null = null;

  /**
   * As the browser does after a refusal that lost nothing (not stored yet): syncs again a moment later,
   * and again, waiting a little longer each time, until the server takes what it lacks.
   */
  private resyncSoon(): void {
    if (this.resyncing) return;
    const resync = (async (): Promise<Ack> => {
      for (let attempt = 1; attempt <= 60; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt, 5)));
        try {
          this.lastOpened = null;
          await this.open();
          if (this.lastOpened === null || (this.lastOpened as Ack).ok) return { ok: true };
        } catch {
          // The server is away or refused the step 1: try again.
        }
      }
      return { ok: false, code: 'RESYNC_FAILED', message: 'the server never took the local changes' };
    })().finally(() => {
      this.pending.delete(resync);
      this.resyncing = null;
    });
    this.resyncing = resync;
    this.pending.add(resync);
  }

  private send(message: Uint8Array, label: string | null): Promise<Ack> {
    const sent = this.deliver(message)
      .then((ack) => {
        if (ack.ok && label !== null) this.acknowledged.push(label);
        if (!ack.ok) this.refused.push(ack);
        if (!ack.ok && ['CONFLICT', 'SERVICE_UNAVAILABLE', 'INTERNAL'].includes(ack.code)) this.resyncSoon();
        return ack;
      })
      .catch((error: unknown) => ({ ok: false, code: 'DISCONNECTED', message: String(error) }))
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
    return sent;
  }

  /** Types a paragraph; resolves with the acknowledgement of its update. */
  type(text: string): Promise<Ack> {
    this.label = text;
    this.lastSent = null;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    notesFragment(this.doc).push([paragraph]);
    this.label = null;
    return this.lastSent ?? Promise.resolve({ ok: false, code: 'NOT_SENT', message: 'no update was produced' });
  }

  text(): string {
    return notesFragment(this.doc)
      .toArray()
      .map((node) =>
        node instanceof Y.XmlElement
          ? node
              .toArray()
              .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
              .join('')
          : '',
      )
      .join('\n');
  }

  get resetCount(): number {
    return this.resets;
  }
}
