import type { Compartment } from './cases';

/** What a conference can decide about a suspect officer and the victim's safety. */
export const decisionKinds = [
  'remove_from_public_protection',
  'no_unsupervised_contact',
  'restrict_system_access',
  'management_restricted_duties',
  'recommend_suspension',
  'refer_to_iopc',
  'investigation_by_another_force',
  'vetting_review',
  'victim_safeguarding',
  'no_further_action',
] as const;
export type DecisionKind = (typeof decisionKinds)[number];

/** Decisions that restrict the suspect become requests in the queue of their force's PSD. */
const restricting: ReadonlySet<DecisionKind> = new Set([
  'remove_from_public_protection',
  'no_unsupervised_contact',
  'restrict_system_access',
  'management_restricted_duties',
  'recommend_suspension',
]);

/** Kinds the IOPC must hear about when PSD declines them: suspension and the restrictions nearest to it. */
const iopcRelevant: ReadonlySet<DecisionKind> = new Set(['recommend_suspension', 'management_restricted_duties', 'refer_to_iopc']);

export function restrictsSuspect(kind: DecisionKind): kind is RestrictingKind {
  return restricting.has(kind);
}

export function isIopcRelevant(kind: DecisionKind): boolean {
  return iopcRelevant.has(kind);
}

export type RestrictingKind =
  | 'remove_from_public_protection'
  | 'no_unsupervised_contact'
  | 'restrict_system_access'
  | 'management_restricted_duties'
  | 'recommend_suspension';

/** The IOPC's mandatory referral criteria, recorded as a checklist with the referral. */
export const iopcReferralCriteria = [
  'death_or_serious_injury',
  'serious_assault',
  'serious_sexual_assault',
  'serious_corruption',
  'discrimination_aggravated',
  'offence_seven_years_or_more',
] as const;
export type IopcReferralCriterion = (typeof iopcReferralCriteria)[number];

export const agencyPositions = ['agree', 'disagree', 'abstain'] as const;
export type AgencyPosition = (typeof agencyPositions)[number];

export interface PositionRecord {
  readonly agencyId: string;
  readonly position: AgencyPosition;
  readonly note: string | null;
}

/** What some kinds need beyond a rationale. */
export interface DecisionDetails {
  /** refer_to_iopc: which mandatory criteria are met (none: a voluntary referral). */
  readonly iopcCriteria?: readonly IopcReferralCriterion[];
  /** investigation_by_another_force: the force chosen. */
  readonly forceId?: string;
  /** restrict_system_access: the systems or records named. */
  readonly systems?: string;
}

export interface DecisionRecord {
  readonly id: string;
  readonly sequence: string;
  readonly caseId: string;
  readonly conferenceId: string;
  readonly kind: DecisionKind;
  readonly compartment: Compartment;
  readonly rationale: string;
  readonly optionsConsidered: string | null;
  readonly details: DecisionDetails;
  readonly positions: readonly PositionRecord[];
  readonly recordedBy: string;
  readonly recordedAt: Date;
  readonly supersedesId: string | null;
  readonly supersedeReason: string | null;
  readonly hash: string;
}
