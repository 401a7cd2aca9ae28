import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RestrictionRequestView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam } from '../../edge/validation';
import { ReadRestrictionRequest } from './read-restriction-request.use-case';

/** What the conference asked of professional standards, as much of it as the policy admits the reader to. */
@ApiTags('restrictions')
@ApiBearerAuth()
@Controller()
export class RestrictionRequestController {
  constructor(private readonly request: ReadRestrictionRequest) {}

  @Get('restrictions/:restrictionId/request')
  @RequirePermission('case.read')
  read(@CurrentActor() actor: Actor, @IdParam('restrictionId') restrictionId: string): Promise<RestrictionRequestView> {
    return this.request.execute(actor, restrictionId);
  }
}
