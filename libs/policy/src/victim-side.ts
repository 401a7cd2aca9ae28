import type { CaseSubject, Compartment, ViewerProfile } from '@caseroom/domain';
import type { Decision, DecisionContext } from './decide';
import { decideRestrictionManagement } from './standards';

/**
 * Where each record of the victim's side lives. Its audience is that compartment's, as `decide()` says:
 * none of them has a rule of its own, and every read or write of one is decided (and logged) as a read
 * or write of its compartment.
 */
export const victimSideCompartments = {
  /** Who the IDVA is and why they were chosen: where the victim is, in effect. */
  idvaAllocation: 'victim',
  /** What the IDVA and the victim said and agreed, and how to reach her safely. */
  contactLog: 'victim',
  /** A status for the victim that PSD are still writing: theirs, until they release it. */
  statusDraft: 'standards',
  /** A status PSD released, for the IDVA to pass on to the victim. */
  releasedStatus: 'victim',
} as const satisfies Record<string, Compartment>;

export type VictimSideRecord = keyof typeof victimSideCompartments;

/**
 * Who writes and releases the status for the victim: the people who act on the case's duty restrictions,
 * professional standards of the suspect's force admitted to write its standards compartment. The IOPC and
 * the chair read a draft; only PSD release what the victim is told.
 */
export function decideStatusRelease(viewer: ViewerProfile, subject: CaseSubject, context: DecisionContext): Decision {
  return decideRestrictionManagement(viewer, subject, context);
}
