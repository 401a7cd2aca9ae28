import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  returnResearchBody,
  type RequestResearchResult,
  type ResearchAgencyView,
  type ResearchAskedView,
  type ResearchTrackerView,
  type ReturnResearchBody,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ReadResearch } from './read-research.use-case';
import { RemindResearch } from './remind-research.use-case';
import { RequestResearch } from './request-research.use-case';
import { ReturnResearch } from './return-research.use-case';

/** Research before a conference: asked of each invited agency per agenda case, returned, tracked, reminded. */
@ApiTags('research')
@ApiBearerAuth()
@Controller()
export class ResearchController {
  constructor(
    private readonly requestResearch: RequestResearch,
    private readonly readResearch: ReadResearch,
    private readonly returnResearch: ReturnResearch,
    private readonly remindResearch: RemindResearch,
  ) {}

  @Get('conferences/:conferenceId/research')
  @RequirePermission('conference.schedule')
  tracker(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ResearchTrackerView> {
    return this.readResearch.tracker(actor, conferenceId);
  }

  @Post('conferences/:conferenceId/research')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  request(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<RequestResearchResult> {
    return this.requestResearch.execute(actor, conferenceId);
  }

  @Post('conferences/:conferenceId/research/:requestId/reminders')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  remind(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('requestId') requestId: string,
  ): Promise<ResearchAgencyView> {
    return this.remindResearch.execute(actor, conferenceId, requestId);
  }

  @Get('me/research')
  @RequirePermission('case.read')
  mine(@CurrentActor() actor: Actor): Promise<ResearchAskedView[]> {
    return this.readResearch.mine(actor);
  }

  @Post('research/:requestId/return')
  @HttpCode(200)
  @RequirePermission('case.read')
  submit(
    @CurrentActor() actor: Actor,
    @IdParam('requestId') requestId: string,
    @ValidBody(returnResearchBody) body: ReturnResearchBody,
  ): Promise<ResearchAskedView> {
    return this.returnResearch.execute(actor, requestId, body);
  }
}
