import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Awareness (who is in the notes, their caret, when they last typed) travels as y-protocols awareness
 * updates: a count, then per client its Yjs client id, a clock and its state as JSON (`null` when the
 * client has gone). The server reads every update, keeps only the fields Caseroom's editor uses, and
 * writes who sent it into the state itself, so that a caret can only ever carry its sender's name.
 */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly state: AwarenessState | null;
}

export interface AwarenessState {
  /** Written by the server from the sender's account, whatever the client put there. */
  readonly user: { readonly id: string; readonly name: string; readonly color?: string };
  readonly cursor?: { readonly anchor: RelativePositionJson; readonly head: RelativePositionJson } | null;
  readonly typingAt?: number;
}

/**
 * `Y.relativePositionToJSON`'s shape, or a `Y.RelativePosition` as JSON.stringify writes it (y-prosemirror
 * puts the object itself in the awareness state, so its unset parts arrive as null).
 */
export interface RelativePositionJson {
  readonly type?: { readonly client: number; readonly clock: number } | null;
  readonly tname?: string | null;
  readonly item?: { readonly client: number; readonly clock: number } | null;
  readonly assoc?: number;
}

/** One browser tab speaks for one client id per document; more than this in one update is not a client's. */
export const awarenessEntriesMax = 8;

/** Reads an awareness update; throws on anything that is not one, or that carries more than a client sends. */
export function decodeAwareness(message: Uint8Array): { clientId: number; clock: number; state: object | null }[] {
  const decoder = decoding.createDecoder(message);
  const count = decoding.readVarUint(decoder);
  if (count > awarenessEntriesMax) throw new Error('too many clients in one awareness update');
  const entries: { clientId: number; clock: number; state: object | null }[] = [];
  for (let index = 0; index < count; index += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('an awareness state is not an object');
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
  return entries;
}

export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * A client's state as others receive it: `user` is who sent it (the client's own colour is kept only when
 * it is a plain hex colour), the caret only when both ends are relative positions, and `typingAt` only
 * when it is a number. Anything else the client put in is dropped. Null (the client has gone) stays null.
 */
export function stampAwarenessState(state: object | null, sender: { readonly id: string; readonly name: string }): AwarenessState | null {
  if (state === null) return null;
  const claimed = state as Record<string, unknown>;
  const claimedUser = claimed.user as Record<string, unknown> | undefined;
  const color = typeof claimedUser?.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(claimedUser.color) ? claimedUser.color : undefined;
  const stamped: { -readonly [K in keyof AwarenessState]: AwarenessState[K] } = {
    user: color === undefined ? { ...sender } : { ...sender, color },
  };
  const cursor = claimed.cursor as Record<string, unknown> | null | undefined;
  if (cursor === null) stamped.cursor = null;
  else if (cursor && isRelativePosition(cursor.anchor) && isRelativePosition(cursor.head)) {
    stamped.cursor = { anchor: cursor.anchor, head: cursor.head };
  }
  if (typeof claimed.typingAt === 'number' && Number.isFinite(claimed.typingAt)) stamped.typingAt = claimed.typingAt;
  return stamped;
}

const isId = (value: unknown): value is { client: number; clock: number } =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(value).length === 2 &&
  Number.isSafeInteger((value as { client: unknown }).client) &&
  Number.isSafeInteger((value as { clock: unknown }).clock);

function isRelativePosition(value: unknown): value is RelativePositionJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const position = value as Record<string, unknown>;
  return Object.entries(position).every(([key, field]) => {
    switch (key) {
      case 'type':
      case 'item':
        return field === null || isId(field);
      case 'tname':
        return field === null || (typeof field === 'string' && field.length <= 64);
      case 'assoc':
        return Number.isSafeInteger(field);
      default:
        return false;
    }
  });
}
