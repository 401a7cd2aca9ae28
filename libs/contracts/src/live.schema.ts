import { z } from 'zod';
import { compartments, conferenceStatuses, conflictKinds, type Compartment, type ConferenceStatus } from '@caseroom/domain';
import { trimmedText, uuid } from './common.schema';
import {
  recordActionBody,
  recordDecisionBody,
  reportOnActionBody,
  supersedeDecisionBody,
  type ActionView,
  type DecisionView,
  type NotificationView,
  type RestrictionStatusView,
} from './decisions.schema';

const compartment = z.enum(compartments);
/** Bytes as the live channel delivers them (`liveParser` decodes binary as a Uint8Array). */
const bytes = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'must be binary' })
    .refine((value) => value.byteLength > 0 && value.byteLength <= max, { message: `must be 1 to ${max} bytes` });
/** A span of notes text as two encoded Yjs relative positions. */
const span = z.strictObject({ start: z.base64().max(512), end: z.base64().max(512) });

/** Largest single notes message a client may send (the socket's payload limit is the outer bound). */
export const notesMessageLimit = 60 * 1024;

/**
 * One part of a notes message too large for one frame (a resync after a long time offline, say): the
 * server puts the parts together in order and handles the whole as one message once the last arrives.
 */
export const notesPart = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'must be 8 to 40 letters, digits, - or _'),
    index: z.int().min(0),
    count: z.int().min(2).max(1024),
  })
  .refine((part) => part.index < part.count, { message: 'index must be below count' });

export type NotesPart = z.infer<typeof notesPart>;

/** Bytes of one part: with the rest of the event, well under a frame. */
export const notesPartBytes = 48 * 1024;

/** A notes message as it is sent: whole when it fits in one part, otherwise in parts under one id. */
export function notesMessageParts(message: Uint8Array, id: string): { message: Uint8Array; part?: NotesPart }[] {
  if (message.byteLength <= notesPartBytes) return [{ message }];
  const count = Math.ceil(message.byteLength / notesPartBytes);
  return Array.from({ length: count }, (_, index) => ({
    message: message.subarray(index * notesPartBytes, (index + 1) * notesPartBytes),
    part: { id, index, count },
  }));
}

/** Events a client sends on the live channel (namespace `/live`), each answered by an acknowledgement. */
export const clientEvents = {
  'conference.join': z.strictObject({ conferenceId: uuid }),
  'conference.acknowledge': z.strictObject({ conferenceId: uuid }),
  'conference.leave': z.strictObject({ conferenceId: uuid }),
  'conference.open': z.strictObject({ conferenceId: uuid }),
  'conference.close': z.strictObject({ conferenceId: uuid }),
  'agenda.move': z.strictObject({ conferenceId: uuid, itemId: uuid }),
  'participant.remove': z.strictObject({ conferenceId: uuid, userId: uuid }),
  'conflict.record': z.strictObject({
    conferenceId: uuid,
    caseId: uuid,
    userId: uuid,
    kind: z.enum(conflictKinds),
    reason: trimmedText(1000),
  }),
  'conflict.declare': z.strictObject({ conferenceId: uuid, caseId: uuid, kind: z.enum(conflictKinds), reason: trimmedText(1000) }),
  /** A y-protocols sync message (step 1, step 2 or update) for one compartment's notes; `epoch` is null only on a first step 1. */
  'notes.sync': z.strictObject({
    caseId: uuid,
    compartment,
    epoch: z.int().positive().nullable(),
    message: bytes(notesMessageLimit),
    part: notesPart.optional(),
  }),
  /** A y-protocols awareness update (cursor, who is typing) for one compartment's notes. */
  'notes.awareness': z.strictObject({ caseId: uuid, compartment, message: bytes(8 * 1024) }),
  /** Moves a span of text from one compartment's notes to a narrower one's. */
  'notes.restrict': z.strictObject({ caseId: uuid, from: compartment, to: compartment, span }),
  /** The chair removes a span of text from a compartment's notes outright. */
  'notes.redact': z.strictObject({ caseId: uuid, compartment, span }),
  /** The chair records a decision: `decision` is the body of `POST /api/cases/:caseId/decisions`. */
  'decision.record': z.strictObject({ caseId: uuid, decision: recordDecisionBody }),
  /** The chair corrects a decision: `decision` is the body of `POST .../decisions/:decisionId/supersede`. */
  'decision.supersede': z.strictObject({ caseId: uuid, decisionId: uuid, decision: supersedeDecisionBody }),
  /** The chair records an action: `action` is the body of `POST /api/cases/:caseId/actions`. */
  'action.record': z.strictObject({ caseId: uuid, action: recordActionBody }),
  /** A dated report on an action: `report` is the body of `POST .../actions/:actionId/reports`. */
  'action.report': z.strictObject({ caseId: uuid, actionId: uuid, report: reportOnActionBody }),
  /** Incomplete actions from earlier meetings, for the conference this socket has joined. */
  'actions.outstanding': z.strictObject({ conferenceId: uuid }),
} as const;
export type ClientEvent = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEvent> = z.infer<(typeof clientEvents)[E]>;

export type Ack<T = unknown> =
  { readonly ok: true; readonly data?: T } | { readonly ok: false; readonly code: string; readonly message: string };

export interface PresenceView {
  readonly conferenceId: string;
  readonly present: readonly { readonly userId: string; readonly name: string; readonly agencyId: string }[];
}

export interface CurrentItemView {
  readonly conferenceId: string;
  readonly itemId: string;
  readonly position: number;
  readonly reference: string;
  readonly caseId: string;
  readonly admitted: readonly Compartment[];
  /**
   * The admitted compartments whose rooms the socket has just joined: each one's notes follow as
   * `notes.opened`, so a client opening them afresh need not send a step 1 of its own.
   */
  readonly notesFollow: readonly Compartment[];
}

export interface SteppedOutView {
  readonly conferenceId: string;
  readonly position: number;
  readonly message: string;
}

/** Events the server sends. Case events go only to the rooms of compartments the policy admits. */
export interface ServerEvents {
  presence: PresenceView;
  'conference.status': { conferenceId: string; status: ConferenceStatus };
  'agenda.current': CurrentItemView;
  'agenda.stepped-out': SteppedOutView;
  'agenda.cleared': { conferenceId: string };
  'case.drop': { caseId: string };
  'case.entry': { caseId: string; compartment: Compartment; entry: unknown };
  'case.fields': { caseId: string; compartment: Compartment; fields: Record<string, unknown> };
  'conference.removed': { conferenceId: string };
  /** To the chair alone: who in the room is stepped out of the current item (ids only, nothing of the case). */
  'presence.stepped-out': { conferenceId: string; userIds: readonly string[] };
  'session.ended': { reason: 'expired' | 'revoked' };
  /** A sync message (an update) relayed from another writer, at the document's epoch. */
  'notes.sync': { caseId: string; compartment: Compartment; epoch: number; message: Uint8Array };
  'notes.awareness': { caseId: string; compartment: Compartment; message: Uint8Array };
  /**
   * A compartment's notes, sent to a socket as it joins the compartment's room (see `notesFollow`): the
   * answer a step 1 from an empty document would have had; null when they could not be read just now
   * (send a step 1).
   */
  'notes.opened': { caseId: string; compartment: Compartment; reply: NotesSyncReply | null };
  /** The document's stored history was rewritten: drop the local copy and sync again at this epoch. */
  'notes.reset': { caseId: string; compartment: Compartment; epoch: number };
  /** A decision recorded (or a correction), to the room of the compartment it sits in. */
  'decision.recorded': { caseId: string; compartment: Compartment; decision: DecisionView };
  /** An action agreed or reported on, to the room of its compartment. */
  'action.changed': { caseId: string; compartment: Compartment; action: ActionView };
  /** Where a restriction stands, to the panel: its status and next review, not PSD's detail. */
  'restriction.status': { caseId: string; restriction: RestrictionStatusView };
  /** A notice or reminder, to its recipient only. */
  notification: NotificationView;
  /**
   * The chair opened the conference, to its room: ask for `actions.outstanding`. Carries nothing else,
   * because each member may see a different part of the outstanding actions.
   */
  'conference.opened': { conferenceId: string };
}

/** The answer to a `notes.sync` step 1: the server's step 2 and its own step 1, at the current epoch. */
export interface NotesSyncReply {
  readonly epoch: number;
  readonly writable: boolean;
  readonly step2: Uint8Array;
  readonly step1: Uint8Array;
}

export const conferenceStatusList = conferenceStatuses;

/** Every server event by name, so that the protocol document can be checked against the contract. */
export const serverEventNames = [
  'presence',
  'conference.status',
  'agenda.current',
  'agenda.stepped-out',
  'agenda.cleared',
  'case.drop',
  'case.entry',
  'case.fields',
  'conference.removed',
  'presence.stepped-out',
  'session.ended',
  'notes.sync',
  'notes.awareness',
  'notes.opened',
  'notes.reset',
  'decision.recorded',
  'action.changed',
  'restriction.status',
  'notification',
  'conference.opened',
] as const satisfies readonly (keyof ServerEvents)[];
