import { z } from 'zod';
import { conferenceStatuses, conflictKinds, type Compartment, type ConferenceStatus } from '@caseroom/domain';
import { trimmedText, uuid } from './common.schema';

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
  'session.ended': { reason: 'expired' | 'revoked' };
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
  'session.ended',
] as const satisfies readonly (keyof ServerEvents)[];
