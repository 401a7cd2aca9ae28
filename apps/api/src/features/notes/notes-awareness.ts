import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { DomainError } from '@caseroom/domain';
import type { NoteKey } from '@caseroom/persistence';
import { decodeAwareness, encodeAwareness, stampAwarenessState, type AwarenessEntry } from '@caseroom/realtime';

/** Who sent an awareness update: the socket, and the person signed in on it. */
export interface AwarenessSender {
  readonly socketId: string;
  readonly userId: string;
  readonly name: string;
}

interface Claim {
  readonly socketId: string;
  readonly userId: string;
  clock: number;
}

/** A browser tab has one client id per open document; a few more cover documents replaced after a rewrite. */
const claimsPerSocketMax = 4;

/**
 * Awareness of the notes (carets, who is typing), checked before the room hears it. Each Yjs client id
 * belongs to the first socket on this instance that speaks for it; another person's socket may not speak
 * for it while that one is in the room, and the same person's newer socket takes it over (a browser that
 * reconnected before the server noticed its old connection had dropped keeps its document, and so its
 * client id). Each state is stamped with its sender's account (`stampAwarenessState`).
 * When a socket leaves a compartment's room, by disconnecting, being stepped out or moving on, the room
 * is told its clients have gone, so that no caret outlives its owner's admission.
 *
 * Claims are per instance. A socket on another instance could still speak for a client id it has seen
 * relayed: the state then carries that socket's own name, so it can disturb a caret but never pass
 * itself off as someone else.
 */
@Injectable()
export class NotesAwareness {
  /** Per compartment room, with a claim on this instance: the document, and who speaks for each client id. */
  private readonly rooms = new Map<string, { readonly key: NoteKey; readonly claims: Map<number, Claim> }>();
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.adapter.on('leave-room', (room: string, socketId: string) => this.left(room, socketId));
  }

  /** The update as the room receives it, or null when nothing in it is for the room; throws if refused. */
  admit(sender: AwarenessSender, key: NoteKey, room: string, message: Uint8Array): Uint8Array | null {
    let entries: ReturnType<typeof decodeAwareness>;
    try {
      entries = decodeAwareness(message);
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'The notes.awareness message is not an awareness update.');
    }
    const held = this.rooms.get(room) ?? { key, claims: new Map<number, Claim>() };
    const claimOf = (clientId: number) => held.claims.get(clientId);
    if (entries.some(({ clientId }) => (claimOf(clientId)?.userId ?? sender.userId) !== sender.userId)) {
      throw new DomainError('FORBIDDEN', 'That client belongs to someone else in these notes.');
    }
    const owned = [...held.claims.values()].filter((claim) => claim.socketId === sender.socketId).length;
    const claimed = new Set(
      entries.filter(({ clientId, state }) => state !== null && claimOf(clientId)?.socketId !== sender.socketId).map((e) => e.clientId),
    );
    if (owned + claimed.size > claimsPerSocketMax) {
      throw new DomainError('VALIDATION_FAILED', 'Too many clients on one connection in these notes.');
    }
    const relayed: AwarenessEntry[] = [];
    for (const { clientId, clock, state } of entries) {
      // A departure is relayed only for a client this person spoke for here.
      if (state === null && claimOf(clientId) === undefined) continue;
      if (state === null) held.claims.delete(clientId);
      else held.claims.set(clientId, { socketId: sender.socketId, userId: sender.userId, clock });
      relayed.push({ clientId, clock, state: stampAwarenessState(state, { id: sender.userId, name: sender.name }) });
    }
    if (held.claims.size > 0) this.rooms.set(room, held);
    else this.rooms.delete(room);
    return relayed.length > 0 ? encodeAwareness(relayed) : null;
  }

  private left(room: string, socketId: string): void {
    const held = this.rooms.get(room);
    if (!held) return;
    const gone: AwarenessEntry[] = [];
    for (const [clientId, claim] of held.claims) {
      if (claim.socketId !== socketId) continue;
      held.claims.delete(clientId);
      // A later clock than any the room has seen for it, so that every copy drops the client.
      gone.push({ clientId, clock: claim.clock + 1, state: null });
    }
    if (held.claims.size === 0) this.rooms.delete(room);
    if (gone.length === 0 || !this.namespace) return;
    this.namespace.to(room).emit('notes.awareness', { ...held.key, message: encodeAwareness(gone) });
  }
}
