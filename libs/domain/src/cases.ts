/** Where every piece of case content lives; each has its own audience (DESIGN.md §3). */
export const compartments = ['panel', 'victim', 'investigation', 'standards'] as const;
export type Compartment = (typeof compartments)[number];

/**
 * Where a case stands, from referral to closure: referred, then accepted or declined at triage, listed on
 * an agenda, heard when its item ends, actions open while agreed actions remain, closed when the last is
 * done and the coordinator confirms.
 */
export const caseStatuses = ['referred', 'accepted', 'declined', 'listed', 'heard', 'actions_open', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** The grounds a referrer gives. "Repeat" is not given: Caseroom detects it (`repeatOfCaseId`). */
export const referralGrounds = ['visible_high_risk', 'professional_judgement', 'escalation'] as const;
export type ReferralGround = (typeof referralGrounds)[number];

export const dashHighRiskThreshold = 14;
export const dashMaximum = 24;
export const repeatWindowMonths = 12;

export const conflictKinds = ['colleague', 'friend', 'family', 'line_manager', 'former_partner', 'other'] as const;
export type ConflictKind = (typeof conflictKinds)[number];

export const allegationKinds = [
  'physical',
  'sexual',
  'coercive_control',
  'stalking_harassment',
  'threats',
  'economic',
  'emotional',
  'misuse_of_police_powers',
  'other',
] as const;
export type AllegationKind = (typeof allegationKinds)[number];

/** A neutral case reference: never derived from anyone's name. */
export function formatCaseReference(year: number, sequence: number): string {
  return `CR-${year}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The facts about a case that decide who may see it. None of this is shown to anyone as content:
 * it is what the policy reads.
 */
export interface CaseSubject {
  readonly caseId: string;
  readonly memberAgencyIds: readonly string[];
  readonly investigatingForceId: string | null;
  readonly suspect: PoliceWorkerProfile;
  /**
   * The victim, where she works for a police force: her colleagues are linked to the case by the same
   * rules as the suspect's. `null` when she does not.
   */
  readonly victim: PoliceWorkerProfile | null;
  /** Conflicts declared by a person or recorded on their behalf (derived ones are computed). */
  readonly recordedConflicts: readonly { readonly userId: string; readonly source: 'declared' | 'recorded' }[];
}

/** Where someone sits in a police force, as far as conflicts are derived from it: the suspect, or a police-employed victim. */
export interface PoliceWorkerProfile {
  /** Their own account, when they have one. */
  readonly userId: string | null;
  readonly forceId: string;
  readonly unitId: string | null;
  /** Their line managers, nearest first. */
  readonly managerChain: readonly string[];
  readonly postings: readonly DatedPosting[];
}

export type SuspectProfile = PoliceWorkerProfile;

export interface DatedPosting {
  readonly unitId: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/** The structure of a case (not its content). */
export interface CaseRecord {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly referralGround: ReferralGround;
  readonly referredOn: string;
  readonly referringAgencyId: string;
  /** Who submitted the referral: the referrer, told of triage's decision. */
  readonly createdBy: string;
  readonly repeatOfCaseId: string | null;
  readonly investigatingForceId: string | null;
  readonly agencyIds: readonly string[];
  readonly suspect: {
    readonly userId: string | null;
    readonly forceId: string;
    readonly unitId: string | null;
    readonly lineManagerId: string | null;
    readonly isPublicProtection: boolean;
  };
  /** Where the victim works, when it is a police force; `null` when it is not. */
  readonly victimWorkplace: VictimWorkplace | null;
  readonly createdAt: Date;
}

/**
 * Where a police-employed victim works: her account in the force, whose organisation data then counts,
 * or without one, her unit and line manager as the case records them.
 */
export interface VictimWorkplace {
  readonly forceId: string;
  readonly userId: string | null;
  readonly unitId: string | null;
  readonly lineManagerId: string | null;
}

export interface CaseEntry {
  readonly id: string;
  readonly compartment: Compartment;
  readonly authorId: string;
  readonly occurredOn: string | null;
  readonly text: string;
  readonly createdAt: Date;
}

export interface RecordedConflict {
  readonly id: string;
  readonly userId: string;
  readonly kind: ConflictKind;
  readonly reason: string;
  readonly source: 'declared' | 'recorded';
  readonly recordedBy: string;
  readonly createdAt: Date;
}

export type AccessChannel = 'http' | 'socket' | 'export';

export interface AccessRecord {
  readonly viewerId: string;
  readonly caseId: string;
  readonly compartment: Compartment;
  readonly action: 'read' | 'write';
  readonly channel: AccessChannel;
  readonly policyVersion: string;
  readonly reason: string;
}
