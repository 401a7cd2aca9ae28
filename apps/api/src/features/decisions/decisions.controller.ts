import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  recordActionBody,
  recordDecisionBody,
  reportOnActionBody,
  supersedeDecisionBody,
  type ActionView,
  type CandidateForceView,
  type DecisionView,
  type OutstandingActionsView,
  type RecordActionBody,
  type RecordDecisionBody,
  type ReportOnActionBody,
  type SupersedeDecisionBody,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ReadActions } from './read-actions.use-case';
import { ReadDecisions } from './read-decisions.use-case';
import { RecordAction } from './record-action.use-case';
import { RecordDecision } from './record-decision.use-case';
import { ReportOnAction } from './report-on-action.use-case';
import { SupersedeDecision } from './supersede-decision.use-case';

/** What a conference decides and agrees to do about a case (docs/decisions/0011). */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionsController {
  constructor(
    private readonly recordDecision: RecordDecision,
    private readonly supersedeDecision: SupersedeDecision,
    private readonly readDecisions: ReadDecisions,
    private readonly recordAction: RecordAction,
    private readonly reportOnAction: ReportOnAction,
    private readonly readActions: ReadActions,
  ) {}

  @Post('cases/:caseId/decisions')
  @RequirePermission('decision.record')
  record(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(recordDecisionBody) body: RecordDecisionBody,
  ): Promise<DecisionView> {
    return this.recordDecision.execute({ actor, caseId, body, channel: 'http' });
  }

  @Post('cases/:caseId/decisions/:decisionId/supersede')
  @RequirePermission('decision.record')
  supersede(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @IdParam('decisionId') decisionId: string,
    @ValidBody(supersedeDecisionBody) body: SupersedeDecisionBody,
  ): Promise<DecisionView> {
    return this.supersedeDecision.execute({ actor, caseId, decisionId, body, channel: 'http' });
  }

  @Get('cases/:caseId/decisions')
  @RequirePermission('case.read')
  list(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<DecisionView[]> {
    return this.readDecisions.list(actor, caseId);
  }

  @Get('cases/:caseId/candidate-forces')
  @RequirePermission('decision.record')
  candidateForces(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CandidateForceView[]> {
    return this.readDecisions.candidates(actor, caseId);
  }

  @Post('cases/:caseId/actions')
  @RequirePermission('decision.record')
  createAction(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(recordActionBody) body: RecordActionBody,
  ): Promise<ActionView> {
    return this.recordAction.execute({ actor, caseId, body, channel: 'http' });
  }

  @Post('cases/:caseId/actions/:actionId/reports')
  @RequirePermission('case.read')
  report(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @IdParam('actionId') actionId: string,
    @ValidBody(reportOnActionBody) body: ReportOnActionBody,
  ): Promise<ActionView> {
    return this.reportOnAction.execute({ actor, caseId, actionId, body, channel: 'http' });
  }

  @Get('cases/:caseId/actions')
  @RequirePermission('case.read')
  actions(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<ActionView[]> {
    return this.readActions.list(actor, caseId);
  }

  @Get('conferences/:conferenceId/outstanding-actions')
  @RequirePermission('case.read')
  outstanding(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<OutstandingActionsView[]> {
    return this.readActions.outstanding(actor, conferenceId);
  }
}
