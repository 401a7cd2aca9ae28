import { z } from 'zod';
import type { ConferenceStatus } from '@caseroom/domain';
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

export const addAgendaItemBody = z.strictObject({ caseId: uuid });
export const apologiesBody = z.strictObject({ note: trimmedText(1000) });

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
  readonly agenda: readonly AgendaItemView[];
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
