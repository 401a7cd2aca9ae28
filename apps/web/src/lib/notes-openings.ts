import type { Compartment, NotesSyncReply, ServerEvents } from '@caseroom/contracts';

/** Notes the server sent with the room (`notes.opened`), and the edits relayed after them, for a provider to open from. */
export interface NotesOpening {
  readonly reply: NotesSyncReply;
  readonly heard: readonly { readonly epoch: number; readonly message: Uint8Array }[];
}

interface Held {
  reply: NotesSyncReply | null;
  heard: { epoch: number; message: Uint8Array }[];
  waiter: ((opening: NotesOpening | null) => void) | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** How long notes said to follow are waited for, and kept once here, before a provider asks for them itself. */
const waitMs = 10_000;

const keyOf = (caseId: string, compartment: Compartment) => `${caseId}:${compartment}`;

/**
 * The notes that come with the room. When the socket joins a compartment's room the server says so in
 * `agenda.current` (`notesFollow`) and sends the notes after it (`notes.opened`), before anything on the
 * page has had a chance to make a provider for them: they are kept here, with every edit relayed after
 * them, until the provider takes them. Whatever says those notes are no longer coming or no longer
 * current (another `agenda.current` without them, the case dropped, a rewrite, the connection lost)
 * forgets them, and the provider then asks with a step 1 of its own, as it would without this.
 */
export class NotesOpenings {
  private readonly held = new Map<string, Held>();

  /** The item under discussion, as the server just sent it: the notes it says follow are waited for, any others forgotten. */
  current(view: ServerEvents['agenda.current']): void {
    const following = new Set(view.notesFollow.map((compartment) => keyOf(view.caseId, compartment)));
    for (const key of [...this.held.keys()]) if (!following.has(key)) this.forget(key);
    for (const key of following) {
      const held = this.held.get(key);
      // Joined again: notes sent before belong to the room as it was, and new ones follow.
      if (held) {
        Object.assign(held, { reply: null, heard: [] });
        clearTimeout(held.timer);
      }
      const entry = held ?? { reply: null, heard: [], waiter: null, timer: undefined };
      // Kept for a while, not for as long as the item is discussed: nothing piles up for notes no provider takes.
      entry.timer = setTimeout(() => this.forget(key), waitMs);
      this.held.set(key, entry);
    }
  }

  opened(event: ServerEvents['notes.opened']): void {
    const key = keyOf(event.caseId, event.compartment);
    const held = this.held.get(key);
    if (!held || held.reply) return;
    if (!event.reply) return this.forget(key);
    held.reply = event.reply;
    if (held.waiter) this.hand(key, held);
  }

  /** An edit relayed to the room: kept with notes not yet taken, which may have been read before it was stored. */
  relayed(event: ServerEvents['notes.sync']): void {
    this.held.get(keyOf(event.caseId, event.compartment))?.heard.push({ epoch: event.epoch, message: event.message });
  }

  reset(event: ServerEvents['notes.reset']): void {
    this.forget(keyOf(event.caseId, event.compartment));
  }

  dropCase(caseId: string): void {
    for (const key of [...this.held.keys()]) if (key.startsWith(`${caseId}:`)) this.forget(key);
  }

  disconnected(): void {
    for (const key of [...this.held.keys()]) this.forget(key);
  }

  /**
   * The notes the server sent with the room, once they are here, or null at once when none are coming
   * (the provider then sends a step 1). Taken once: a second provider of the same notes asks for itself.
   */
  take(caseId: string, compartment: Compartment): Promise<NotesOpening | null> {
    const key = keyOf(caseId, compartment);
    const held = this.held.get(key);
    if (!held || held.waiter) return Promise.resolve(null);
    return new Promise((resolve) => {
      held.waiter = resolve;
      if (held.reply) this.hand(key, held);
    });
  }

  private hand(key: string, held: Held): void {
    this.held.delete(key);
    clearTimeout(held.timer);
    held.waiter?.({ reply: held.reply!, heard: held.heard });
  }

  private forget(key: string): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    clearTimeout(held.timer);
    held.waiter?.(null);
  }
}
