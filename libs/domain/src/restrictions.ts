import { conflict, DomainError } from './errors';
import type { RestrictingKind } from './decisions';

/**
 * A duty restriction's life in professional standards. Applying a suspension, declining and lifting
 * take two people: one proposes, a second approves (or rejects, which returns the restriction to where
 * it was). A request not yet applied is withdrawn when the conference supersedes the decision that
 * asked for it.
 */
export const restrictionStatuses = [
  'requested',
  'apply_pending',
  'decline_pending',
  'declined',
  'applied',
  'lift_pending',
  'lifted',
  'withdrawn',
] as const;
export type RestrictionStatus = (typeof restrictionStatuses)[number];

export const restrictionSteps = [
  'requested',
  'apply_proposed',
  'applied',
  'reviewed',
  'written_notice_recorded',
  'decline_proposed',
  'lift_proposed',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type RestrictionStep = (typeof restrictionSteps)[number];

export const legalBases = ['regulation_11_suspension', 'annex_ee_management_restricted_duties', 'direction_and_control'] as const;
export type LegalBasis = (typeof legalBases)[number];

/**
 * The 2026 amendments (regulation 11B) allow a 12-week cycle for suspensions; the standard cycle is 4
 * weeks. The code keeps its first name: restrictions already recorded carry it.
 */
export const reviewCycles = ['standard', 'amended_2026'] as const;
export type ReviewCycle = (typeof reviewCycles)[number];

/** Each clock is configurable: DOMAIN.md marks the 2026 amendments "(confirm)". */
export interface ReviewClocks {
  readonly suspensionDays: number;
  readonly amendedSuspensionDays: number;
  readonly restrictionDays: number;
  /** Working days after telling the officer orally within which the written notice must follow. */
  readonly writtenNoticeWorkingDays: number;
  /** Regulation 11B: a suspension request is decided within this many working days, and reviewed on the 12-week cycle. */
  readonly isRegulation11BInForce: boolean;
  readonly regulation11BDecisionWorkingDays: number;
  /** Regulation 11C: suspension is presumed after an arrest for a sexual or domestic abuse offence. */
  readonly isRegulation11CInForce: boolean;
}

export const defaultReviewClocks: ReviewClocks = {
  suspensionDays: 28,
  amendedSuspensionDays: 84,
  restrictionDays: 28,
  writtenNoticeWorkingDays: 3,
  isRegulation11BInForce: true,
  regulation11BDecisionWorkingDays: 3,
  isRegulation11CInForce: true,
};

/** What PSD actually applies (DOMAIN.md, duty restriction), whatever kind of decision asked for it. */
export const restrictionKinds = [
  'suspension',
  'management_restricted_duties',
  'temporary_redeployment',
  'removal_from_protective_role',
  'no_lone_working_with_vulnerable_people',
  'non_public_facing',
  'system_access_restriction',
  'firearms_or_taser_withdrawn',
  'warrant_card_retained',
  'no_contact_or_exclusion',
  'change_of_station',
  'other',
] as const;
export type RestrictionKind = (typeof restrictionKinds)[number];

/** The kind PSD is offered first, from the kind of decision that asked. */
export const proposedKindFor: Readonly<Record<RestrictingKind, RestrictionKind>> = {
  recommend_suspension: 'suspension',
  management_restricted_duties: 'management_restricted_duties',
  remove_from_public_protection: 'removal_from_protective_role',
  no_unsupervised_contact: 'no_lone_working_with_vulnerable_people',
  restrict_system_access: 'system_access_restriction',
};

/** Regulation 11's second condition: either will do (the first, redeployment judged inappropriate, is always needed). */
export const regulation11Grounds = ['investigation_prejudiced', 'public_interest'] as const;
export type Regulation11Ground = (typeof regulation11Grounds)[number];

/** How the officer was told: in writing at once, or orally and then in writing within 3 working days. */
export const noticeMethods = ['in_writing', 'orally_then_in_writing'] as const;
export type NoticeMethod = (typeof noticeMethods)[number];

/** Regulation 11C: an arrest for one of these presumes suspension. */
export const presumingOffences = ['sexual_offence', 'domestic_abuse_offence'] as const;
export type PresumingOffence = (typeof presumingOffences)[number];

export const reviewOutcomes = ['continue', 'vary'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** Everything PSD records when applying a restriction, beyond its dates and conditions. */
export interface RestrictionRecord {
  readonly kinds: readonly RestrictionKind[];
  readonly namedSystem: string | null;
  readonly otherKind: string | null;
  readonly regulation11Grounds: readonly Regulation11Ground[] | null;
  readonly decisionMaker: string;
  readonly noticeMethod: NoticeMethod;
  readonly toldOn: string;
  readonly writtenNoticeOn: string | null;
  readonly writtenNoticeDueOn: string | null;
  readonly rationale: string;
  readonly alternatives: string;
  readonly representations: string | null;
  readonly iopcConsultedOn: string | null;
  readonly arrestFor: PresumingOffence | null;
  readonly presumptionRebutted: string | null;
  readonly endReason: string | null;
}

export interface Restriction {
  readonly id: string;
  readonly caseId: string;
  readonly decisionId: string;
  readonly forceId: string;
  readonly kind: RestrictingKind;
  readonly status: RestrictionStatus;
  /** The day the conference asked (the start of the regulation 11B clock). */
  readonly requestedOn: string;
  /** What PSD recorded when applying it (null until then). */
  readonly record: RestrictionRecord | null;
  readonly effectiveOn: string | null;
  readonly conditions: string | null;
  readonly legalBasis: LegalBasis | null;
  readonly reviewCycle: ReviewCycle | null;
  readonly nextReviewOn: string | null;
  readonly endedOn: string | null;
  /** Who proposed the pending application, decline or lift, which a second person must approve. */
  readonly proposedBy: string | null;
  readonly updatedAt: Date;
}

export interface RestrictionEvent {
  readonly id: string;
  readonly restrictionId: string;
  readonly step: RestrictionStep;
  readonly byId: string;
  readonly occurredAt: Date;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly hash: string;
}

const moves: Readonly<Record<RestrictionStatus, Partial<Record<RestrictionStep, RestrictionStatus>>>> = {
  requested: { applied: 'applied', apply_proposed: 'apply_pending', decline_proposed: 'decline_pending', withdrawn: 'withdrawn' },
  apply_pending: { approved: 'applied', rejected: 'requested', withdrawn: 'withdrawn' },
  decline_pending: { approved: 'declined', rejected: 'requested', withdrawn: 'withdrawn' },
  declined: {},
  applied: { reviewed: 'applied', lift_proposed: 'lift_pending', written_notice_recorded: 'applied' },
  lift_pending: { approved: 'lifted', rejected: 'applied', reviewed: 'lift_pending', written_notice_recorded: 'lift_pending' },
  lifted: {},
  withdrawn: {},
};

/** Where a step takes a restriction, or a clear refusal when it cannot be taken from here. */
export function nextStatus(
  restriction: Pick<Restriction, 'status' | 'proposedBy'>,
  step: RestrictionStep,
  byId: string,
): RestrictionStatus {
  const target = moves[restriction.status][step];
  if (!target) throw conflict(`A restriction that is ${restriction.status.replace(/_/g, ' ')} cannot be ${step.replace(/_/g, ' ')}.`);
  if ((step === 'approved' || step === 'rejected') && restriction.proposedBy === byId)
    throw new DomainError('FORBIDDEN', 'A second person from professional standards must approve or reject this proposal.');
  return target;
}

/**
 * What superseding the decision behind a restriction does to it. A request PSD has not applied is
 * withdrawn. One in force stays in force: lifting it needs reasons and two people from professional
 * standards, so they are asked to review it instead. One already ended is left as it is.
 */
export function whenBasisSuperseded(restriction: Pick<Restriction, 'status'>): 'withdraw' | 'ask-for-review' | 'nothing' {
  switch (restriction.status) {
    case 'requested':
    case 'apply_pending':
    case 'decline_pending':
      return 'withdraw';
    case 'applied':
    case 'lift_pending':
      return 'ask-for-review';
    case 'declined':
    case 'lifted':
    case 'withdrawn':
      return 'nothing';
  }
}

/** Suspension is under regulation 11; the other restrictions rest on Annex EE or direction and control. */
export function legalBasisFits(kinds: readonly RestrictionKind[], basis: LegalBasis): boolean {
  return kinds.includes('suspension') ? basis === 'regulation_11_suspension' : basis !== 'regulation_11_suspension';
}

export function reviewIntervalDays(kinds: readonly RestrictionKind[], cycle: ReviewCycle, clocks: ReviewClocks): number {
  if (!kinds.includes('suspension')) return clocks.restrictionDays;
  return cycle === 'amended_2026' ? clocks.amendedSuspensionDays : clocks.suspensionDays;
}

/** An ISO date plus whole days, in UTC. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function isActive(restriction: Pick<Restriction, 'status'>): boolean {
  return restriction.status === 'applied' || restriction.status === 'lift_pending';
}
