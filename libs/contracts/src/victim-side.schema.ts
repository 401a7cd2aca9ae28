import { z } from 'zod';
import { contactMethods, type AreaConcern, type ContactMethod, type ProposalBasis } from '@caseroom/domain';
import { choiceOf, isoDate, trimmedText, uuid } from './common.schema';

/**
 * The IDVA chosen for a case. A reason is required whenever the choice is not the one Caseroom proposed
 * (the server decides that, against the proposal it makes at that moment); following it, a note is optional.
 */
export const allocateIdvaBody = z.strictObject({
  serviceId: uuid,
  idvaId: uuid,
  reason: trimmedText(1000).nullable().default(null),
});
export type AllocateIdvaBody = z.infer<typeof allocateIdvaBody>;

/** One contact between the IDVA and the victim, for the contact log. */
export const recordContactBody = z.strictObject({
  contactedOn: isoDate,
  method: choiceOf(contactMethods),
  /** Her preferred and safe way to be contacted, as she gave it this time. */
  safeContact: trimmedText(500).nullable().default(null),
  said: trimmedText(5000),
  agreed: trimmedText(2000).nullable().default(null),
});
export type RecordContactBody = z.infer<typeof recordContactBody>;

/** PSD's draft of the status for the victim: plain words, for the IDVA to pass on. */
export const victimStatusDraftBody = z.strictObject({ text: trimmedText(2000) });
export type VictimStatusDraftBody = z.infer<typeof victimStatusDraftBody>;

/** Releases the draft as it was read: a draft changed since (by another officer) is not released unseen. */
export const releaseVictimStatusBody = z.strictObject({
  revision: z.number({ message: 'give the revision of the draft you read' }).int().min(1).max(1_000_000),
});
export type ReleaseVictimStatusBody = z.infer<typeof releaseVictimStatusBody>;

export interface IdvaAllocationView {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly idvaId: string;
  readonly idvaName: string;
  readonly allocatedAt: string;
  readonly allocatedByName: string;
  /** Whether the coordinator chose the IDVA Caseroom proposed; `basis` then says what the proposal rested on. */
  readonly followedProposal: boolean;
  readonly basis: ProposalBasis | null;
  /** The areas the chosen service was inside of as it was chosen: none, for a service outside them all. */
  readonly concerns: readonly AreaConcern[];
  readonly reason: string | null;
}

/** Who speaks for the victim on a case: null until the coordinator allocates an IDVA. */
export interface CaseIdvaView {
  readonly allocation: IdvaAllocationView | null;
}

export interface IdvaCandidateView {
  readonly idvaId: string;
  readonly name: string;
  /** Open cases they speak for now. */
  readonly caseload: number;
}

/** What Caseroom proposes for the case, and everyone the coordinator could choose instead, by service. */
export interface IdvaProposalView {
  /** The victim works for a police force: an IDVA from outside both forces' areas is required for a proposal. */
  readonly isPoliceConnected: boolean;
  readonly proposed: { readonly serviceId: string; readonly idvaId: string; readonly basis: ProposalBasis } | null;
  readonly services: readonly {
    readonly serviceId: string;
    readonly name: string;
    readonly concerns: readonly AreaConcern[];
    readonly idvas: readonly IdvaCandidateView[];
  }[];
}

export interface VictimContactView {
  readonly id: string;
  readonly contactedOn: string;
  readonly method: ContactMethod;
  readonly safeContact: string | null;
  readonly said: string;
  readonly agreed: string | null;
  readonly recordedByName: string;
  readonly recordedAt: string;
}

/** The contact log, newest first, with the preferred and safe contact she gave most recently. */
export interface ContactLogView {
  readonly latestSafeContact: string | null;
  readonly contacts: readonly VictimContactView[];
}

export interface ReleasedStatusView {
  readonly id: string;
  readonly text: string;
  readonly releasedAt: string;
}

/** What professional standards released for the victim: the status now, and those it superseded. */
export interface VictimStatusView {
  readonly current: ReleasedStatusView | null;
  readonly earlier: readonly ReleasedStatusView[];
}

/** One case's status for the victim as PSD work on it: their draft and what they released. */
export interface VictimStatusWorkView {
  readonly caseId: string;
  readonly reference: string;
  readonly draft: { readonly text: string; readonly revision: number; readonly writtenAt: string; readonly writtenByName: string } | null;
  readonly released: readonly (ReleasedStatusView & { readonly releasedByName: string })[];
}
