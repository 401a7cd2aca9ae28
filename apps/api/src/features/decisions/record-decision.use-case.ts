import { Injectable } from '@nestjs/common';
import type { DecisionView, RecordDecisionBody, SupersedeDecisionBody } from '@caseroom/contracts';
import {
  conflict,
  invalid,
  notFound,
  restrictsSuspect,
  type Actor,
  type CaseSubject,
  type DecisionDetails,
  type ErrorDetail,
} from '@caseroom/domain';
import { CaseRepository, DecisionRepository, RestrictionRepository } from '@caseroom/persistence';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from '../cases/case-access';
import { Notifier } from '../notifications/notifier';
import { Recipients } from '../notifications/recipients';
import { CandidateForces } from './candidate-forces';
import { ChairOnCase } from './chair-on-case';
import { toDecisionView, toRestrictionStatus } from './decision-views';

/**
 * The chair records a decision during the conference. It is appended to the chained record; one that
 * restricts the suspect becomes a request in the queue of their force's professional standards, in
 * the same transaction. Admitted members see it live; PSD is told by reference only.
 */
@Injectable()
export class RecordDecision {
  constructor(
    private readonly chair: ChairOnCase,
    private readonly decisions: DecisionRepository,
    private readonly restrictions: RestrictionRepository,
    private readonly cases: CaseRepository,
    private readonly candidateForces: CandidateForces,
    private readonly caseAccess: CaseAccess,
    private readonly publisher: LivePublisher,
    private readonly recipients: Recipients,
    private readonly notifier: Notifier,
  ) {}

  record(actor: Actor, caseId: string, body: RecordDecisionBody): Promise<DecisionView> {
    return this.append(actor, caseId, body, null);
  }

  /** A correction: a new decision that replaces an earlier one, with the reason. The earlier one stays. */
  async supersede(actor: Actor, caseId: string, decisionId: string, body: SupersedeDecisionBody): Promise<DecisionView> {
    const earlier = await this.decisions.findById(decisionId);
    if (!earlier || earlier.caseId !== caseId) throw notFound('The decision');
    if ((await this.decisions.forCase(caseId)).some((decision) => decision.supersedesId === decisionId))
      throw conflict('This decision has already been superseded.', [{ path: 'params.decisionId', message: 'already superseded' }]);
    return this.append(actor, caseId, body, { id: decisionId, reason: body.reason, compartment: earlier.compartment });
  }

  private async append(
    actor: Actor,
    caseId: string,
    body: RecordDecisionBody,
    supersedes: { id: string; reason: string; compartment: RecordDecisionBody['compartment'] } | null,
  ): Promise<DecisionView> {
    const grant = await this.chair.require(actor, body.conferenceId, caseId, body.compartment);
    // Correcting a decision needs the right to see the one it replaces.
    if (supersedes && supersedes.compartment !== body.compartment)
      await this.chair.require(actor, body.conferenceId, caseId, supersedes.compartment);
    await this.checkDetails(body, grant.subject);
    const { decision, restrictionId } = await this.decisions.record(
      {
        caseId,
        conferenceId: body.conferenceId,
        kind: body.kind,
        compartment: body.compartment,
        rationale: body.rationale,
        optionsConsidered: body.optionsConsidered,
        details: detailsOf(body),
        positions: body.positions,
        recordedBy: actor.userId,
        supersedes: supersedes && { id: supersedes.id, reason: supersedes.reason },
      },
      restrictsSuspect(body.kind) ? { forceId: grant.subject.suspect.forceId, kind: body.kind } : null,
    );
    await this.caseAccess.record(actor, caseId, [{ compartment: body.compartment, action: 'write', reason: grant.reason }]);
    const restriction = restrictionId ? await this.restrictions.findById(restrictionId) : null;
    const view = toDecisionView(decision, { supersededById: null, restriction });
    this.publisher.toCompartment(caseId, body.compartment, 'decision.recorded', { caseId, compartment: body.compartment, decision: view });
    if (restriction) {
      this.publisher.toCompartment(caseId, 'panel', 'restriction.status', { caseId, restriction: toRestrictionStatus(restriction) });
      await this.tellProfessionalStandards(caseId, restriction.id);
    }
    return view;
  }

  /** Positions come from the case's agencies; another force must have no recorded link to the suspect. */
  private async checkDetails(body: RecordDecisionBody, subject: CaseSubject): Promise<void> {
    const problems: ErrorDetail[] = body.positions
      .map((position, index) => ({ position, index }))
      .filter(({ position }) => !subject.memberAgencyIds.includes(position.agencyId))
      .map(({ index }) => ({ path: `body.positions.${index}.agencyId`, message: 'is not an agency of this case' }));
    if (body.kind === 'investigation_by_another_force') {
      const candidates = await this.candidateForces.for(subject);
      if (!candidates.some((force) => force.id === body.forceId))
        problems.push({ path: 'body.forceId', message: 'must be a police force with no recorded link to the suspect' });
    }
    if (problems.length > 0) throw invalid('The decision is not valid.', problems);
  }

  private async tellProfessionalStandards(caseId: string, restrictionId: string): Promise<void> {
    const reference = (await this.cases.referenceOf(caseId)) ?? 'a case';
    const recipients = await this.recipients.restrictionManagers(caseId);
    await this.notifier.raise(
      recipients.map((recipientId) => ({
        recipientId,
        kind: 'restriction_requested' as const,
        caseId,
        subjectId: restrictionId,
        message: `A conference has asked for a duty restriction on ${reference}.`,
        dueOn: null,
        dedupeKey: `restriction_requested:${restrictionId}:${recipientId}`,
      })),
    );
  }
}

/** The fields particular to the kind (the schema has already required them where a kind needs them). */
function detailsOf(body: RecordDecisionBody): DecisionDetails {
  const { systems, iopcCriteria, forceId } = body;
  return {
    ...(systems === undefined ? {} : { systems }),
    ...(iopcCriteria === undefined ? {} : { iopcCriteria }),
    ...(forceId === undefined ? {} : { forceId }),
  };
}
