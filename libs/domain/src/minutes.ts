import type { ActionStatus } from './actions';
import type { Compartment } from './cases';
import type { AgencyPosition, DecisionKind } from './decisions';

/** The steps in the life of a copy of the minutes, each written to the chained minutes record. */
export const minutesSteps = ['issued', 'downloaded', 'refused', 'withdrawn', 'reissued'] as const;
export type MinutesStep = (typeof minutesSteps)[number];

export interface MinutesContentAttendee {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly status: 'present' | 'apologies' | 'absent';
  readonly periods: readonly { readonly joinedAt: string; readonly leftAt: string | null }[];
  readonly apologies: string | null;
}

export interface MinutesContentDecision {
  readonly id: string;
  readonly kind: DecisionKind;
  readonly compartment: Compartment;
  readonly recordedAt: string;
  readonly rationale: string;
  readonly optionsConsidered: string | null;
  readonly positions: readonly { readonly agencyName: string; readonly position: AgencyPosition; readonly rationale: string | null }[];
  readonly superseded: boolean;
}

export interface MinutesContentAction {
  readonly id: string;
  readonly compartment: Compartment;
  readonly text: string;
  readonly ownerAgencyName: string;
  readonly ownerPersonName: string | null;
  readonly dueOn: string;
  readonly status: ActionStatus;
}

export interface MinutesContentItem {
  readonly itemId: string;
  readonly caseId: string;
  readonly number: number;
  readonly reference: string;
  readonly hasChildren: boolean;
  readonly presentNames: readonly string[];
  readonly risk: { readonly tool: string; readonly score: number | null; readonly level: string | null } | null;
  readonly summaries: Partial<Record<Compartment, string>>;
  readonly decisions: readonly MinutesContentDecision[];
  readonly actions: readonly MinutesContentAction[];
}

/**
 * What approved minutes hold, whole: every compartment of every item. Nobody receives this; each
 * recipient receives a rendition of it made by the policy (what `decide()` admits them to).
 */
export interface MinutesContent {
  readonly conference: {
    readonly title: string;
    readonly scheduledAt: string;
    readonly place: string | null;
    readonly chairName: string;
    readonly openedAt: string | null;
    readonly closedAt: string | null;
  };
  readonly attendance: readonly { readonly agencyName: string; readonly attendees: readonly MinutesContentAttendee[] }[];
  readonly items: readonly MinutesContentItem[];
}

/** The draft the chair edits: the summary of each compartment of each item, drawn from the notes at first. */
export interface MinutesDraftContent {
  readonly items: readonly {
    readonly itemId: string;
    readonly caseId: string;
    readonly number: number;
    readonly reference: string;
    readonly summaries: Partial<Record<Compartment, string>>;
  }[];
}

export interface MinutesDraft {
  readonly conferenceId: string;
  readonly revision: number;
  readonly content: MinutesDraftContent;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

export interface MinutesVersion {
  readonly id: string;
  readonly conferenceId: string;
  readonly version: number;
  readonly recordedAt: Date;
  readonly content: MinutesContent;
  readonly approvedBy: string;
  readonly supersedesId: string | null;
  readonly correctionReason: string | null;
}

/** Per agenda item, the compartments a copy holds; an item with none is "not part of this discussion". */
export type MinutesHolds = Readonly<Record<string, readonly Compartment[]>>;

export interface MinutesCopy {
  readonly id: string;
  readonly minutesId: string;
  readonly recipientId: string;
  readonly recipientName: string;
  readonly recipientAgencyName: string;
  readonly number: number;
  readonly fingerprintKey: string;
  readonly policyVersion: string;
  readonly holds: MinutesHolds;
  readonly issuedAt: Date;
  readonly issuedBy: string;
  readonly withdrawnAt: Date | null;
  readonly withdrawnReason: string | null;
  readonly replacedBy: string | null;
}
