import { Injectable } from '@nestjs/common';
import type { CandidateForceView, DecisionView } from '@caseroom/contracts';
import { DomainError, type Actor } from '@caseroom/domain';
import { DecisionRepository, RestrictionRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';
import { CandidateForces } from './candidate-forces';
import { toDecisionView } from './decision-views';

/** A case's decisions, each only to those admitted to its compartment; the reads are access-logged. */
@Injectable()
export class ReadDecisions {
  constructor(
    private readonly caseAccess: CaseAccess,
    private readonly decisions: DecisionRepository,
    private readonly restrictions: RestrictionRepository,
    private readonly candidateForces: CandidateForces,
  ) {}

  async list(actor: Actor, caseId: string): Promise<DecisionView[]> {
    const open = await this.caseAccess.open(actor, caseId);
    const [all, restrictions] = await Promise.all([this.decisions.forCase(caseId), this.restrictions.forCase(caseId)]);
    const visible = all.filter((decision) => open.admitted.includes(decision.compartment));
    const compartments = [...new Set(visible.map((decision) => decision.compartment))];
    await this.caseAccess.record(
      actor,
      caseId,
      compartments.map((compartment) => ({ compartment, action: 'read' as const, reason: open.decisions[compartment].reason })),
    );
    return visible.map((decision) =>
      toDecisionView(decision, {
        supersededById: all.find((later) => later.supersedesId === decision.id)?.id ?? null,
        restriction: restrictions.find((restriction) => restriction.decisionId === decision.id) ?? null,
      }),
    );
  }

  /** For the chair choosing an investigating force. */
  async candidates(actor: Actor, caseId: string): Promise<CandidateForceView[]> {
    const open = await this.caseAccess.open(actor, caseId);
    if (!open.viewer.roles.includes('chair') && !open.viewer.roles.includes('coordinator'))
      throw new DomainError('FORBIDDEN', 'Only the chair or coordinator can look for an investigating force.');
    return (await this.candidateForces.for(open.subject)).map(({ id, name, code }) => ({ id, name, code }));
  }
}
