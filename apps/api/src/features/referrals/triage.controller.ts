import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  counterAllegationTriageBody,
  triageDecisionBody,
  triageQuery,
  type CounterAllegationTriageBody,
  type RiskAssessmentView,
  type SubmittedReferralView,
  type TriageDecisionBody,
  type TriagePageView,
  type TriageQuery,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody, ValidQuery } from '../../edge/validation';
import { CloseCase } from './close-case.use-case';
import { DecideReferral } from './decide-referral.use-case';
import { ReadRiskAssessments } from './read-risk-assessments.use-case';
import { SearchTriage } from './search-triage.use-case';
import { TakeInCounterAllegation } from './take-in-counter-allegation.use-case';

/** The coordinator's side: the list of cases to triage, the decision on a referral, closing a heard case. */
@ApiTags('triage')
@ApiBearerAuth()
@Controller()
export class TriageController {
  constructor(
    private readonly search: SearchTriage,
    private readonly decideReferral: DecideReferral,
    private readonly closeCase: CloseCase,
    private readonly riskAssessments: ReadRiskAssessments,
    private readonly counterAllegation: TakeInCounterAllegation,
  ) {}

  @Get('triage')
  @RequirePermission('case.read')
  list(@CurrentActor() actor: Actor, @ValidQuery(triageQuery) query: TriageQuery): Promise<TriagePageView> {
    return this.search.execute(actor, query);
  }

  @Post('cases/:caseId/triage')
  @HttpCode(200)
  @RequirePermission('case.manage')
  decide(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(triageDecisionBody) body: TriageDecisionBody,
  ): Promise<SubmittedReferralView> {
    return this.decideReferral.execute({ actor, caseId, ...body });
  }

  /** The referral recorded as a counter-allegation on an existing case, and declined (decision 0025). */
  @Post('cases/:caseId/triage/counter-allegation')
  @HttpCode(200)
  @RequirePermission('case.manage')
  recordAsCounterAllegation(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(counterAllegationTriageBody) body: CounterAllegationTriageBody,
  ): Promise<SubmittedReferralView> {
    return this.counterAllegation.execute({ actor, caseId, ...body });
  }

  @Post('cases/:caseId/closure')
  @HttpCode(200)
  @RequirePermission('case.manage')
  close(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<SubmittedReferralView> {
    return this.closeCase.execute(actor, caseId);
  }

  @Get('cases/:caseId/risk-assessments')
  @RequirePermission('case.read')
  riskAssessment(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<RiskAssessmentView[]> {
    return this.riskAssessments.execute(actor, caseId);
  }
}
