import { conflict, DomainError } from './errors';
import type { RestrictingKind } from './decisions';

/**
 * A duty restriction's life in professional standards. Declining and lifting take two people: one
 * proposes, a second approves (or rejects, which returns the restriction to where it was). A request
 * not yet applied is withdrawn when the conference supersedes the decision that asked for it.
 */
export const restrictionStatuses = ['requested', 'decline_pending', 'declined', 'applied', 'lift_pending', 'lifted', 'withdrawn'] as const;
export type RestrictionStatus = (typeof restrictionStatuses)[number];

export const restrictionSteps = [
  'requested',
  'applied',
  'reviewed',
  'decline_proposed',
  'lift_proposed',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type RestrictionStep = (typeof restrictionSteps)[number];

export const legalBases = ['regulation_11_suspension', 'annex_ee_management_restricted_duties', 'direction_and_control'] as const;
export type LegalBasis = (typeof legalBases)[number];

/** The 2026 amendments allow a 12-week cycle for suspensions; the standard cycle is 4 weeks. */
export const reviewCycles = ['standard', 'amended_2026'] as const;
export type ReviewCycle = (typeof reviewCycles)[number];

export interface ReviewClocks {
  readonly suspensionDays: number;
  readonly amendedSuspensionDays: number;
  readonly restrictionDays: number;
}

export const defaultReviewClocks: ReviewClocks = { suspensionDays: 28, amendedSuspensionDays: 84, restrictionDays: 28 };

export interface Restriction {
  readonly id: string;
  readonly caseId: string;
  readonly decisionId: string;
  readonly forceId: string;
  readonly kind: RestrictingKind;
  readonly status: RestrictionStatus;
  readonly effectiveOn: string | null;
  readonly conditions: string | null;
  readonly legalBasis: LegalBasis | null;
  readonly reviewCycle: ReviewCycle | null;
  readonly nextReviewOn: string | null;
  readonly endedOn: string | null;
  /** Who proposed the pending decline or lift, which a second person must approve. */
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
  requested: { applied: 'applied', decline_proposed: 'decline_pending', withdrawn: 'withdrawn' },
  decline_pending: { approved: 'declined', rejected: 'requested', withdrawn: 'withdrawn' },
  declined: {},
  applied: { reviewed: 'applied', lift_proposed: 'lift_pending' },
  lift_pending: { approved: 'lifted', rejected: 'applied', reviewed: 'lift_pending' },
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
  if (!target) throw conflict(`A restriction that is ${restriction.status.replace('_', ' ')} cannot be ${step.replace('_', ' ')}.`);
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
export function legalBasisFits(kind: RestrictingKind, basis: LegalBasis): boolean {
  return kind === 'recommend_suspension' ? basis === 'regulation_11_suspension' : basis !== 'regulation_11_suspension';
}

export function reviewIntervalDays(kind: RestrictingKind, cycle: ReviewCycle, clocks: ReviewClocks): number {
  if (kind !== 'recommend_suspension') return clocks.restrictionDays;
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
