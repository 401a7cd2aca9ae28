import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  releaseVictimStatusBody,
  victimStatusDraftBody,
  type ReleaseVictimStatusBody,
  type VictimStatusDraftBody,
  type VictimStatusWorkView,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ReadVictimStatusWork } from './read-victim-status-work.use-case';
import { WriteVictimStatus } from './write-victim-status.use-case';

/** Professional standards' side of the status for the victim: written as a draft, released with care. */
@ApiTags('restrictions')
@ApiBearerAuth()
@Controller()
export class VictimStatusController {
  constructor(
    private readonly read: ReadVictimStatusWork,
    private readonly write: WriteVictimStatus,
  ) {}

  @Get('victim-statuses')
  @RequirePermission('restriction.manage')
  mine(@CurrentActor() actor: Actor): Promise<VictimStatusWorkView[]> {
    return this.read.mine(actor);
  }

  @Get('cases/:caseId/victim-status/draft')
  @RequirePermission('restriction.manage')
  one(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<VictimStatusWorkView> {
    return this.read.one(actor, caseId);
  }

  @Post('cases/:caseId/victim-status/draft')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  saveDraft(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(victimStatusDraftBody) body: VictimStatusDraftBody,
  ): Promise<VictimStatusWorkView> {
    return this.write.saveDraft(actor, caseId, body);
  }

  @Post('cases/:caseId/victim-status/release')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  release(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(releaseVictimStatusBody) body: ReleaseVictimStatusBody,
  ): Promise<VictimStatusWorkView> {
    return this.write.release(actor, caseId, body);
  }
}
