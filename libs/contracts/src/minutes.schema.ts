import { z } from 'zod';
import type { ActionStatus, AgencyPosition, Compartment, DecisionKind } from '@caseroom/domain';
import { uuid } from './common.schema';

/** The marking every page of every copy carries, and the statement of how the copy may be handled. */
export const minutesMarking = {
  classification: 'OFFICIAL-SENSITIVE',
  handling:
    'Shared under s115 Crime and Disorder Act 1998 for the protection of the people named. Do not copy, forward or ' +
    'disclose further without the agreement of the MARAC coordinator. This copy is issued to one person and can be traced to them.',
} as const;

/** What an item becomes in the copy of someone who is not part of its discussion: nothing but this. */
export const notPartOfThisDiscussion = 'Not part of this discussion';

/** A summary of one compartment may be this long; the draft as a whole is bounded by the number of items. */
export const minutesSummaryMaxLength = 20000;

const summary = z
  .string()
  .max(minutesSummaryMaxLength, `must be at most ${minutesSummaryMaxLength} characters`)
  .transform((text) => text.replaceAll('\r\n', '\n').trim());

/** The chair's (or the coordinator's) edit of a draft: the summary of each compartment of each item. */
export const saveMinutesDraftBody = z.strictObject({
  /** The revision the edit was made on: an edit made on an older one is refused, not merged. */
  revision: z.number().int().min(0),
  items: z
    .array(
      z.strictObject({
        itemId: uuid,
        summaries: z.strictObject({
          panel: summary.optional(),
          victim: summary.optional(),
          investigation: summary.optional(),
          standards: summary.optional(),
        } satisfies Record<Compartment, z.ZodType>),
      }),
    )
    .max(100),
});
export type SaveMinutesDraftBody = z.infer<typeof saveMinutesDraftBody>;
export type SaveMinutesDraftInput = z.input<typeof saveMinutesDraftBody>;

/** Approving the draft: the first version, or a correction of the last one with its reason. */
export const approveMinutesBody = z.strictObject({
  revision: z.number().int().min(0),
  correctionReason: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .nullable()
    .default(null)
    .transform((text) => (text ? text : null)),
});
export type ApproveMinutesBody = z.infer<typeof approveMinutesBody>;
export type ApproveMinutesInput = z.input<typeof approveMinutesBody>;

export const withdrawMinutesCopyBody = z.strictObject({
  reason: z.string().trim().min(1, 'say why the copy is withdrawn').max(2000, 'must be at most 2000 characters'),
});
export type WithdrawMinutesCopyBody = z.infer<typeof withdrawMinutesCopyBody>;
export type WithdrawMinutesCopyInput = z.input<typeof withdrawMinutesCopyBody>;

export const minutesFormats = ['pdf', 'docx', 'html'] as const;
export type MinutesFormat = (typeof minutesFormats)[number];

export const minutesFileQuery = z.strictObject({
  format: z.enum(minutesFormats, { error: `must be one of ${minutesFormats.join(', ')}` }),
});
export type MinutesFileQuery = z.infer<typeof minutesFileQuery>;

// ---------------------------------------------------------------------------------------------------
// The rendition: one recipient's copy, from which the PDF, the Word file and the HTML view are all made.
// Every text of case content in it already carries the copy's fingerprint.
// ---------------------------------------------------------------------------------------------------

export interface MinutesAttendancePeriod {
  readonly joinedAt: string;
  readonly leftAt: string | null;
}

export interface MinutesAttendee {
  readonly name: string;
  readonly role: string;
  readonly status: 'present' | 'apologies' | 'absent';
  readonly periods: readonly MinutesAttendancePeriod[];
  /** The reason given with apologies, when there were apologies. */
  readonly apologies: string | null;
}

export interface MinutesAgencyAttendance {
  readonly agencyName: string;
  readonly attendees: readonly MinutesAttendee[];
}

export interface MinutesSection {
  readonly compartment: Compartment;
  /** Paragraphs of the summary, fingerprinted. */
  readonly paragraphs: readonly string[];
}

export interface MinutesPositionRendition {
  readonly agencyName: string;
  readonly position: AgencyPosition;
  readonly rationale: string | null;
}

export interface MinutesDecisionRendition {
  readonly kind: DecisionKind;
  readonly compartment: Compartment;
  readonly recordedAt: string;
  readonly rationale: string;
  readonly optionsConsidered: string | null;
  readonly positions: readonly MinutesPositionRendition[];
  /** Set when this decision was superseded at the meeting. */
  readonly superseded: boolean;
}

export interface MinutesActionRendition {
  readonly compartment: Compartment;
  readonly text: string;
  readonly ownerAgencyName: string;
  readonly ownerPersonName: string | null;
  readonly dueOn: string;
  readonly status: ActionStatus;
}

export interface MinutesRisk {
  readonly tool: string;
  readonly score: number | null;
  readonly level: string | null;
}

/** An item of the agenda in one copy: the whole of what the recipient may have, or only its number. */
export type MinutesItemRendition =
  | {
      readonly number: number;
      readonly part: true;
      readonly reference: string;
      readonly hasChildren: boolean;
      /** Who was in the room while the item was discussed, by name. */
      readonly presentNames: readonly string[];
      readonly risk: MinutesRisk | null;
      readonly sections: readonly MinutesSection[];
      readonly decisions: readonly MinutesDecisionRendition[];
      readonly actions: readonly MinutesActionRendition[];
    }
  | { readonly number: number; readonly part: false };

export interface MinutesRendition {
  readonly minutesId: string;
  readonly version: number;
  readonly conference: {
    readonly title: string;
    readonly scheduledAt: string;
    readonly place: string | null;
    readonly chairName: string;
    readonly openedAt: string | null;
    readonly closedAt: string | null;
  };
  readonly approvedAt: string;
  readonly approvedByName: string;
  /** For a corrected version: why, and the version it replaces. */
  readonly correction: { readonly reason: string; readonly replacesVersion: number } | null;
  readonly copy: {
    readonly id: string;
    readonly number: number;
    readonly recipientName: string;
    readonly recipientAgencyName: string;
    readonly policyVersion: string;
    readonly issuedAt: string;
  };
  readonly marking: typeof minutesMarking;
  readonly attendance: readonly MinutesAgencyAttendance[];
  readonly items: readonly MinutesItemRendition[];
}

// ---------------------------------------------------------------------------------------------------
// Views for the screens.
// ---------------------------------------------------------------------------------------------------

export interface MinutesDraftItemView {
  readonly itemId: string;
  readonly number: number;
  readonly reference: string;
  /** The compartments the person editing may see, with the summary drawn for each. */
  readonly summaries: Partial<Record<Compartment, string>>;
}

export interface MinutesCopyView {
  readonly copyId: string;
  readonly number: number;
  readonly version: number;
  readonly recipientId: string;
  readonly recipientName: string;
  readonly recipientAgencyName: string;
  readonly issuedAt: string;
  readonly downloadedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string | null;
  /** The copy issued in this one's place, if any. */
  readonly replacedBy: string | null;
}

export interface MinutesVersionView {
  readonly minutesId: string;
  readonly version: number;
  readonly approvedAt: string;
  readonly approvedByName: string;
  readonly correctionReason: string | null;
  readonly distributedAt: string | null;
}

/** The minutes of one conference as the chair and the coordinator work on them. */
export interface ConferenceMinutesView {
  readonly conferenceId: string;
  readonly conferenceTitle: string;
  readonly closedAt: string | null;
  readonly draft: {
    readonly revision: number;
    readonly updatedAt: string;
    readonly updatedByName: string;
    readonly items: readonly MinutesDraftItemView[];
  } | null;
  readonly versions: readonly MinutesVersionView[];
  readonly copies: readonly MinutesCopyView[];
}

/** One of my copies, as "my minutes" lists it. */
export interface MyMinutesCopyView {
  readonly copyId: string;
  readonly conferenceId: string;
  readonly number: number;
  readonly version: number;
  readonly conferenceTitle: string;
  readonly scheduledAt: string;
  readonly issuedAt: string;
  readonly withdrawnAt: string | null;
  readonly withdrawnReason: string | null;
  /** Whether this copy holds something the policy no longer gives me: it cannot be downloaded, a fresh one can be asked for. */
  readonly stale: boolean;
  /** The copy that replaced this one, if any. */
  readonly replacedBy: string | null;
}

export interface MinutesTraceMatch {
  readonly copyId: string;
  readonly number: number;
  readonly recipientName: string;
  readonly conferenceTitle: string;
  readonly version: number;
  readonly agreeing: number;
  readonly compared: number;
}
