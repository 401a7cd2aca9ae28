import { Injectable } from '@nestjs/common';
import type { RecordDecisionBody } from '@caseroom/contracts';
import {
  conflict,
  notFound,
  restrictsSuspect,
  type AccessChannel,
  type Actor,
  type DecisionDetails,
  type DecisionRecord,
  type Restriction,
  type RestrictionStatus,
} from '@caseroom/domain';
import { DecisionRepository, RestrictionRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';
import type { ChairOnCaseGrant } from './chair-on-case';

export interface AppendedDecision {
  readonly decision: DecisionRecord;
  /** The request this decision made of professional standards, if it restricts the suspect. */
  readonly restriction: Restriction | null;
  /** The superseded decision's request, withdrawn with this decision. */
  readonly withdrawn: Restriction | null;
}

export interface Correction {
  readonly decisionId: string;
  readonly reason: string;
  /** The superseded decision's request to withdraw, and the status it was read in. */
  readonly withdraw: { readonly restriction: Restriction; readonly to: RestrictionStatus } | null;
}

/**
 * The chained record of decisions: reads an earlier decision for a correction, and appends a new one
 * with its restriction request, a withdrawal and its access-log rows in one transaction.
 */
@Injectable()
export class DecisionLedger {
  constructor(
    private readonly decisions: DecisionRepository,
    private readonly restrictions: RestrictionRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  /** A decision of this case that has not been superseded yet, and the request it made, if any. */
  async toCorrect(caseId: string, decisionId: string): Promise<{ decision: DecisionRecord; restriction: Restriction | null }> {
    const decision = await this.decisions.findById(decisionId);
    if (!decision || decision.caseId !== caseId) throw notFound('The decision');
    if (await this.decisions.isSuperseded(decisionId))
      throw conflict('This decision has already been superseded.', [{ path: 'params.decisionId', message: 'already superseded' }]);
    return { decision, restriction: await this.restrictions.findForDecision(decisionId) };
  }

  async append(
    actor: Actor,
    caseId: string,
    body: RecordDecisionBody,
    context: { readonly grant: ChairOnCaseGrant; readonly correction: Correction | null; readonly channel: AccessChannel },
  ): Promise<AppendedDecision> {
    const { grant, correction, channel } = context;
    const accessLog = await this.caseAccess.entries(
      actor,
      caseId,
      [{ compartment: body.compartment, action: 'write', reason: grant.reason }],
      { channel },
    );
    const { decision, restrictionId, withdrawn } = await this.decisions.record(
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
        supersedes: correction && { id: correction.decisionId, reason: correction.reason },
      },
      {
        restriction: restrictsSuspect(body.kind) ? { forceId: grant.subject.suspect.forceId, kind: body.kind } : null,
        withdraw: correction?.withdraw
          ? { restrictionId: correction.withdraw.restriction.id, from: correction.withdraw.restriction.status, to: correction.withdraw.to }
          : null,
        accessLog,
      },
    );
    const restriction = restrictionId ? await this.restrictions.findById(restrictionId) : null;
    return { decision, restriction, withdrawn };
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
