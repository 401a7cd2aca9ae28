import type { DecisionView, RestrictionStatusView } from '@caseroom/contracts';
import type { DecisionRecord, Restriction } from '@caseroom/domain';

export const toRestrictionStatus = (restriction: Restriction): RestrictionStatusView => ({
  restrictionId: restriction.id,
  decisionId: restriction.decisionId,
  status: restriction.status,
  nextReviewOn: restriction.nextReviewOn,
});

export function toDecisionView(
  decision: DecisionRecord,
  context: { readonly supersededById: string | null; readonly restriction: Restriction | null },
): DecisionView {
  return {
    id: decision.id,
    caseId: decision.caseId,
    conferenceId: decision.conferenceId,
    kind: decision.kind,
    compartment: decision.compartment,
    rationale: decision.rationale,
    optionsConsidered: decision.optionsConsidered,
    details: decision.details,
    positions: decision.positions,
    recordedBy: decision.recordedBy,
    recordedAt: decision.recordedAt.toISOString(),
    supersedesId: decision.supersedesId,
    supersedeReason: decision.supersedeReason,
    supersededById: context.supersededById,
    hash: decision.hash,
    restriction: context.restriction ? toRestrictionStatus(context.restriction) : null,
  };
}
