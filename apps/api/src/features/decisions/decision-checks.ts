import { Injectable } from '@nestjs/common';
import type { RecordDecisionBody } from '@caseroom/contracts';
import { invalid, type Actor, type Compartment, type ErrorDetail } from '@caseroom/domain';
import { CandidateForces } from './candidate-forces';
import { ChairOnCase, type ChairOnCaseGrant } from './chair-on-case';

/**
 * Everything a decision must pass before anything is written: the chair of an open conference with
 * the case on its agenda, who may write the compartment (and read the one of a decision it corrects),
 * positions from the case's agencies and the conference's invited ones only, and another force with no recorded link to the suspect.
 */
@Injectable()
export class DecisionChecks {
  constructor(
    private readonly chair: ChairOnCase,
    private readonly candidateForces: CandidateForces,
  ) {}

  async require(actor: Actor, caseId: string, body: RecordDecisionBody, corrects?: Compartment): Promise<ChairOnCaseGrant> {
    const grant = await this.chair.require(actor, body.conferenceId, caseId, body.compartment);
    // Correcting a decision needs the right to see the one it replaces.
    if (corrects && corrects !== body.compartment) await this.chair.require(actor, body.conferenceId, caseId, corrects);
    await this.checkDetails(body, grant);
    return grant;
  }

  /** Positions come from the case's and the conference's agencies; another force must have no recorded link to the suspect. */
  private async checkDetails(body: RecordDecisionBody, { subject, agencyIds }: ChairOnCaseGrant): Promise<void> {
    const problems: ErrorDetail[] = body.positions
      .map((position, index) => ({ position, index }))
      .filter(({ position }) => !agencyIds.includes(position.agencyId))
      .map(({ index }) => ({ path: `body.positions.${index}.agencyId`, message: 'is not an agency of this case or its conference' }));
    if (body.kind === 'investigation_by_another_force') {
      const candidates = await this.candidateForces.for(subject);
      if (!candidates.some((force) => force.id === body.forceId))
        problems.push({ path: 'body.forceId', message: 'must be a police force with no recorded link to the suspect' });
    }
    if (problems.length > 0) throw invalid('The decision is not valid.', problems);
  }
}
