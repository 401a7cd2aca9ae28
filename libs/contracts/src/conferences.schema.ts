import { z } from 'zod';
import { agendaDirections, type ConferenceStatus, type Role } from '@caseroom/domain';
import { trimmedText, uuid } from './common.schema';

export const scheduleConferenceBody = z.strictObject({
  title: trimmedText(200),
  scheduledAt: z.iso.datetime({ offset: true, message: 'must be a date and time, e.g. 2026-12-03T10:00:00Z' }),
  location: trimmedText(500).nullable().default(null),
  chairId: uuid,
  invitedUserIds: z.array(uuid).max(200).default([]),
  invitedAgencyIds: z.array(uuid).max(50).default([]),
  confidentialityStatement: trimmedText(5000).nullable().default(null),
});
export type ScheduleConferenceBody = z.infer<typeof scheduleConferenceBody>;

/** A time of day on the 24-hour clock, the way a UK meeting is written: 09:30, 14:00. */
export const timeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time on the 24-hour clock, e.g. 14:30');

/**
 * The scheduling form: the body's own fields, with the day and the time typed apart (en-GB, 24-hour);
 * the browser joins them into `scheduledAt` in its own time zone.
 */
export const scheduleConferenceForm = scheduleConferenceBody.pick({ title: true, location: true }).extend({
  date: z.iso.date({ message: 'must be a real date, with day, month and year' }),
  time: timeOfDay,
  chairId: z.string().min(1, 'choose the chair').pipe(uuid),
});
export type ScheduleConferenceForm = z.infer<typeof scheduleConferenceForm>;

/** Invites people by name, and everyone (who takes part in conferences) of each agency named. */
export const inviteBody = z
  .strictObject({
    userIds: z.array(uuid).max(200).default([]),
    agencyIds: z.array(uuid).max(50).default([]),
  })
  .refine((body) => body.userIds.length + body.agencyIds.length > 0, { message: 'name at least one person or agency', path: ['userIds'] });
export type InviteBody = z.infer<typeof inviteBody>;

export const addAgendaItemBody = z.strictObject({ caseId: uuid });
export const moveAgendaItemBody = z.strictObject({ direction: z.enum(agendaDirections, { message: 'must be up or down' }) });
export type MoveAgendaItemBody = z.infer<typeof moveAgendaItemBody>;
/** Apologies for a conference: the reason someone cannot attend, sent by them or recorded by an organiser for them. */
export const apologiesBody = z.strictObject({ note: trimmedText(1000) });
export type ApologiesBody = z.infer<typeof apologiesBody>;
/** An organiser's form for apologies on someone's behalf: whose they are (the address), and the reason (the body). */
export const apologiesForInviteeForm = apologiesBody.extend({ userId: uuid });
export type ApologiesForInviteeForm = z.infer<typeof apologiesForInviteeForm>;

export interface AgendaItemView {
  readonly itemId: string;
  readonly position: number;
  /** Present only for items the viewer takes part in; a stepped-out viewer sees the position alone. */
  readonly reference: string | null;
  readonly caseId: string | null;
  readonly isSteppedOut: boolean;
}

export interface ConferenceView {
  readonly id: string;
  readonly title: string;
  readonly scheduledAt: string;
  readonly location: string | null;
  readonly status: ConferenceStatus;
  readonly chairId: string;
  readonly coordinatorId: string;
  readonly currentItemId: string | null;
  readonly confidentialityStatement: string;
  readonly acknowledgedAt: string | null;
  /** When the agenda was last circulated to the invitees; null until it is. */
  readonly agendaCirculatedAt: string | null;
  readonly agenda: readonly AgendaItemView[];
}

/** Who may chair a conference: active people with the chair role. */
export interface ChairView {
  readonly id: string;
  readonly name: string;
  readonly agencyId: string;
}

/** What an invitation did: who was invited now, and who of an invited agency was left out. */
export interface InvitationsView {
  readonly invitedIds: readonly string[];
  /** The suspect of a case on the agenda is never invited, not even with their agency. */
  readonly leftOutIds: readonly string[];
}

/** An agenda item as its organiser prepares it. */
export interface PlannedItemView extends AgendaItemView {
  /**
   * Whether the case has children in the household (such cases come first): only where the organiser
   * may read the victim compartment, null otherwise.
   */
  readonly hasChildren: boolean | null;
}

/** An agenda item a candidate would be stepped out of, and the policy's reason (`decide()`'s own). */
export interface SteppedOutPreview {
  readonly itemId: string;
  readonly position: number;
  readonly reference: string;
  /** `conflict:same-unit-as-suspect`, `conflict:manages-the-victim`, `conflict:declared`, `not-in-audience`... */
  readonly reason: string;
}

/** Someone who could be invited, with what the policy would keep from them. */
export interface CandidateView {
  readonly userId: string;
  readonly name: string;
  readonly agencyId: string;
  readonly roles: readonly Role[];
  readonly isInvited: boolean;
  /** The suspect of a case on the agenda: never invited. */
  readonly isSuspect: boolean;
  /** Only items the organiser may see themself are previewed. */
  readonly steppedOutOf: readonly SteppedOutPreview[];
}

/** A conference as its chair or coordinator prepares it: the agenda, the chair, and everyone who could be invited. */
export interface ConferencePlanView {
  readonly conference: ConferenceView;
  readonly chair: ChairView | null;
  readonly agenda: readonly PlannedItemView[];
  readonly candidates: readonly CandidateView[];
}

export interface RegisterView {
  readonly userId: string;
  readonly name: string;
  readonly agencyId: string;
  readonly acknowledgedAt: string | null;
  readonly apologies: string | null;
  readonly removedAt: string | null;
  readonly attendance: readonly { joinedAt: string; leftAt: string | null }[];
}
