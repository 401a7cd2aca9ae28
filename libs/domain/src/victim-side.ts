/**
 * The victim's side of a case: the IDVA who speaks for her, what passes between them, and what
 * professional standards tell her through the IDVA. Content here lives in the victim compartment,
 * except a status PSD are still writing, which stays in the standards compartment until released.
 */

/** How the IDVA and the victim were in touch. */
export const contactMethods = ['phone', 'text_message', 'email', 'in_person', 'video_call', 'letter', 'other'] as const;
export type ContactMethod = (typeof contactMethods)[number];

/** Why an IDVA service is inside an area the proposal keeps away from. */
export const areaConcerns = ['serves_suspect_force', 'serves_victim_employer_force'] as const;
export type AreaConcern = (typeof areaConcerns)[number];

/**
 * What the proposal of an IDVA rested on: outside both forces' areas (a police-connected victim),
 * outside the suspect's force area (any other victim), or, for any other victim, inside it because no
 * service outside it has an IDVA who could take the case.
 */
export const proposalBases = ['outside_both_force_areas', 'outside_suspect_force_area', 'none_outside_suspect_force_area'] as const;
export type ProposalBasis = (typeof proposalBases)[number];

/** Who speaks for the victim on a case, and why that IDVA. A later allocation replaces an earlier one. */
export interface IdvaAllocation {
  readonly id: string;
  readonly caseId: string;
  readonly serviceId: string;
  readonly idvaId: string;
  /** What Caseroom proposed when the choice was made; null when it could propose nobody. */
  readonly proposedServiceId: string | null;
  readonly proposedIdvaId: string | null;
  /** The proposal's basis, when the proposal was followed. */
  readonly basis: ProposalBasis | null;
  /** The areas the chosen service was inside of, as the choice was made. */
  readonly concerns: readonly AreaConcern[];
  /** The coordinator's words: required whenever the proposal was not followed. */
  readonly reason: string | null;
  readonly allocatedBy: string;
  readonly allocatedAt: Date;
}

/** One contact between the IDVA and the victim: append-only, as a contact log is kept. */
export interface VictimContact {
  readonly id: string;
  readonly caseId: string;
  readonly contactedOn: string;
  readonly method: ContactMethod;
  /** The victim's preferred and safe way to be contacted, as she gave it at this contact. */
  readonly safeContact: string | null;
  readonly said: string;
  readonly agreed: string | null;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

/**
 * A plain-language status of what professional standards have done, for the IDVA to pass on. PSD write it
 * as a draft (one per case at a time); once released it is fixed, and a later release supersedes it.
 */
export interface VictimStatus {
  readonly id: string;
  readonly caseId: string;
  readonly text: string;
  /** Bumped at every save of the draft: a release names the revision it releases. */
  readonly revision: number;
  readonly writtenBy: string;
  readonly writtenAt: Date;
  readonly releasedBy: string | null;
  readonly releasedAt: Date | null;
}
