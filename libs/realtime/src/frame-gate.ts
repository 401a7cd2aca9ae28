import { liveParser, type Ack, type ServerEvents } from '@caseroom/contracts';
import type { Socket } from 'socket.io';
import { rooms } from './rooms';

/**
 * What a frame may be sent under, checked again at the moment its bytes are handed to the connection:
 * - `room`: while the socket is in that room (a compartment's room holds exactly the sockets the policy
 *   admits to it);
 * - `decided`: while nothing that can narrow what the socket's person may see has happened since the
 *   socket's epoch was `at` (the answer was decided by the policy then);
 * - `never`: not at all (a case event that carries no scope of its own).
 */
export type FrameScope =
  { readonly kind: 'room'; readonly room: string } | { readonly kind: 'decided'; readonly at: number } | { readonly kind: 'never' };

const markKey = Symbol('caseroom.frameScope');

interface Mark {
  readonly scope: FrameScope;
  /** For an acknowledgement: what the client is answered instead when the gate refuses it. */
  readonly refusal?: Ack;
}

/** Asked again: the answer to a read that the gate refused. */
export const askAgain: Ack = {
  ok: false,
  code: 'SERVICE_UNAVAILABLE',
  message: 'What you may see changed while this was being answered: ask again.',
};

/**
 * Marks a payload (an event's, or an acknowledgement's) with the scope it was decided under, and for an
 * acknowledgement what to answer instead if the gate refuses it (by default: ask again). The mark is
 * a symbol, so it never travels.
 */
export function scoped<T extends object>(payload: T, scope: FrameScope, refusal?: Ack): T {
  Object.defineProperty(payload, markKey, { value: { scope, refusal } satisfies Mark, enumerable: false, configurable: true });
  return payload;
}

function markOf(payload: unknown): Mark | undefined {
  return typeof payload === 'object' && payload !== null ? (payload as { [markKey]?: Mark })[markKey] : undefined;
}

export function scopeOf(payload: unknown): FrameScope | undefined {
  return markOf(payload)?.scope;
}

/** What to answer instead of a marked acknowledgement the gate refuses. */
export function refusalOf(payload: unknown): Ack {
  return markOf(payload)?.refusal ?? askAgain;
}

const inRoom = (room: string): FrameScope => ({ kind: 'room', room });
const never: FrameScope = { kind: 'never' };

/**
 * Every server event, and the scope its frames are sent under. `null`: it carries nothing of a case
 * (presence, a conference's status, `case.drop`, which names only the case being dropped). An event
 * added to the contract must be given its line here.
 */
const eventScopes: { readonly [E in keyof ServerEvents]: (payload: ServerEvents[E]) => FrameScope | null } = {
  presence: () => null,
  'conference.status': () => null,
  'agenda.current': (view) => (view.admitted.length > 0 ? inRoom(rooms.compartment(view.caseId, view.admitted[0])) : never),
  'agenda.stepped-out': () => null,
  'agenda.cleared': () => null,
  'case.drop': () => null,
  'case.entry': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'case.fields': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'conference.removed': () => null,
  'presence.stepped-out': () => null,
  'session.ended': () => null,
  'notes.sync': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'notes.awareness': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'notes.opened': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'notes.reset': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'decision.recorded': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'action.changed': (event) => inRoom(rooms.compartment(event.caseId, event.compartment)),
  'restriction.status': (event) => inRoom(rooms.compartment(event.caseId, 'panel')),
  // Decided for its one recipient, on the instance that sends it: a notice without that mark is not sent.
  notification: () => never,
  'conference.opened': () => null,
};

interface Packet {
  readonly type: number;
  readonly nsp: string;
  readonly id?: number;
  readonly data?: unknown;
}

const eventPacket = 2;
const ackPacket = 3;

interface Tag {
  readonly scope: FrameScope;
  /** An acknowledgement refused at the gate is answered with this instead, so the client is not left waiting. */
  readonly refusal?: { readonly nsp: string; readonly id: number; readonly ack: Ack };
}

/** The scope of each encoded frame, by the frame's bytes: socket.io hands engine.io the same object. */
const tags = new WeakMap<object, Tag>();

function tagOf(packet: Packet): Tag | null {
  const data = Array.isArray(packet.data) ? (packet.data as unknown[]) : [];
  if (packet.type === ackPacket) {
    const mark = markOf(data[0]);
    if (!mark || packet.id === undefined) return null;
    return { scope: mark.scope, refusal: { nsp: packet.nsp, id: packet.id, ack: refusalOf(data[0]) } };
  }
  if (packet.type !== eventPacket || typeof data[0] !== 'string') return null;
  const explicit = scopeOf(data[1]);
  if (explicit) return { scope: explicit };
  const scopeFor = (eventScopes as Record<string, ((payload: unknown) => FrameScope | null) | undefined>)[data[0]];
  // An event the table does not know is not sent with a case in it: refused unless it is marked.
  const scope = scopeFor ? scopeFor(data[1]) : never;
  return scope ? { scope } : null;
}

const BaseEncoder = liveParser.Encoder;

/** The live channel's encoder on the server: encodes as the contract says, and remembers each frame's scope. */
class GatedEncoder extends BaseEncoder {
  override encode(packet: Packet): Uint8Array[] {
    const encoded = super.encode(packet);
    const tag = tagOf(packet);
    if (tag) for (const part of encoded) tags.set(part, tag);
    return encoded;
  }
}

/** The server's parser: the contract's wire format, with every frame's scope remembered for the gate. */
export const gatedParser = { protocol: liveParser.protocol, Encoder: GatedEncoder, Decoder: liveParser.Decoder } as const;

interface EnginePacket {
  type: string;
  options?: unknown;
  data?: unknown;
}

interface EngineConnection {
  on(event: 'flush', listener: (buffer: EnginePacket[]) => void): void;
}

/**
 * The one gate between Caseroom and the wire. Every frame that carries anything of a case is checked
 * as engine.io hands it to the WebSocket, against the socket's admission as it stands then: its rooms,
 * and its epoch, which every change that can narrow what a person may see raises on every instance
 * before that change is acknowledged. A frame whose scope no longer holds is not written: an event
 * becomes nothing, an answer becomes a refusal. Work that began before a revocation is dropped here,
 * however late it finishes.
 */
export class FrameGate {
  private everyone = 0;
  private readonly byPerson = new Map<string, number>();
  private readonly bySocket = new WeakMap<object, number>();
  private readonly refusals = new GatedEncoder();
  private serving = true;
  private readonly servingListeners: ((serving: boolean) => void)[] = [];

  constructor(private readonly personOf: (socket: Socket) => string) {}

  /**
   * Whether this instance may send anything of a case at all. Off while it cannot hear the other
   * instances (it may have missed a revocation): every frame with a scope is refused, and whatever was
   * decided before is stale.
   */
  setServing(serving: boolean): void {
    if (serving === this.serving) return;
    if (!serving) this.revokeEveryone();
    this.serving = serving;
    for (const listener of this.servingListeners) listener(serving);
  }

  isServing(): boolean {
    return this.serving;
  }

  onServingChange(listener: (serving: boolean) => void): void {
    this.servingListeners.push(listener);
  }

  /** Anything decided before now, for anyone, is stale (an organisation or a case changed). */
  revokeEveryone(): void {
    this.everyone += 1;
  }

  /** Anything decided before now for this person is stale (a conflict on them). */
  revokePerson(userId: string): void {
    this.byPerson.set(userId, (this.byPerson.get(userId) ?? 0) + 1);
  }

  /** Anything decided before now for this socket is stale (its conference changed). */
  revokeSocket(socket: Socket): void {
    this.bySocket.set(socket, (this.bySocket.get(socket) ?? 0) + 1);
  }

  /** The epoch to decide an answer for a person at (a REST answer): take it before the reads. */
  personEpoch(userId: string): number {
    return this.everyone + (this.byPerson.get(userId) ?? 0);
  }

  /** The epoch to decide an answer for a socket at: take it before the reads. */
  epochOf(socket: Socket): number {
    return this.personEpoch(this.personOf(socket)) + (this.bySocket.get(socket) ?? 0);
  }

  admits(socket: Socket, scope: FrameScope): boolean {
    if (!this.serving) return false;
    switch (scope.kind) {
      case 'room':
        return socket.connected && socket.rooms.has(scope.room);
      case 'decided':
        return socket.connected && this.epochOf(socket) === scope.at;
      case 'never':
        return false;
    }
  }

  /** Checks each of the socket's frames as its connection writes them. */
  watch(socket: Socket): void {
    (socket.conn as unknown as EngineConnection).on('flush', (buffer) => {
      for (let index = 0; index < buffer.length; index += 1) {
        const packet = buffer[index];
        const tag = typeof packet.data === 'object' && packet.data !== null ? tags.get(packet.data) : undefined;
        if (!tag || this.admits(socket, tag.scope)) continue;
        // Replaced, not removed: engine.io sends what the buffer holds and waits for it to be written.
        buffer[index] = tag.refusal
          ? { type: 'message', options: {}, data: this.encodeRefusal(tag.refusal) }
          : { type: 'noop', options: {} };
      }
    });
  }

  private encodeRefusal(refusal: NonNullable<Tag['refusal']>): Uint8Array {
    return this.refusals.encode({ type: ackPacket, nsp: refusal.nsp, id: refusal.id, data: [refusal.ack] })[0];
  }
}
