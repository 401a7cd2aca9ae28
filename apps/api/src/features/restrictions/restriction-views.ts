import type { RestrictionEventView, RestrictionView } from '@caseroom/contracts';
import { isActive, type Restriction, type RestrictionClock, type RestrictionEvent } from '@caseroom/domain';

export const toRestrictionView = (
  restriction: Restriction,
  reference: string,
  today: string,
  clocks: readonly RestrictionClock[],
): RestrictionView => ({
  id: restriction.id,
  caseId: restriction.caseId,
  reference,
  decisionId: restriction.decisionId,
  kind: restriction.kind,
  status: restriction.status,
  requestedOn: restriction.requestedOn,
  effectiveOn: restriction.effectiveOn,
  conditions: restriction.conditions,
  legalBasis: restriction.legalBasis,
  reviewCycle: restriction.reviewCycle,
  nextReviewOn: restriction.nextReviewOn,
  isReviewOverdue: isActive(restriction) && restriction.nextReviewOn !== null && restriction.nextReviewOn < today,
  endedOn: restriction.endedOn,
  proposedBy: restriction.proposedBy,
  record: restriction.record,
  clocks,
});

export const toRestrictionEventView = (event: RestrictionEvent): RestrictionEventView => ({
  id: event.id,
  step: event.step,
  byId: event.byId,
  occurredAt: event.occurredAt.toISOString(),
  detail: { ...event.detail },
  hash: event.hash,
});
