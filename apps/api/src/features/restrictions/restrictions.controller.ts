import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  answerProposalBody,
  applyRestrictionBody,
  declineRestrictionBody,
  liftRestrictionBody,
  reviewRestrictionBody,
  writtenNoticeBody,
  type ApplyRestrictionBody,
  type PpdaAuditLineView,
  type RestrictionEventView,
  type RestrictionView,
  type ReviewRestrictionBody,
  type WrittenNoticeBody,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission, RequiresStepUp } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ActOnRestriction } from './act-on-restriction.use-case';
import { ReadRestrictions } from './read-restrictions.use-case';

/** Professional standards' queue of duty restrictions, and the register per force. */
@ApiTags('restrictions')
@ApiBearerAuth()
@Controller()
export class RestrictionsController {
  constructor(
    private readonly act: ActOnRestriction,
    private readonly read: ReadRestrictions,
  ) {}

  @Get('restrictions/queue')
  @RequirePermission('restriction.manage')
  queue(@CurrentActor() actor: Actor): Promise<RestrictionView[]> {
    return this.read.queue(actor);
  }

  @Get('restrictions/:restrictionId')
  @RequirePermission('case.read')
  one(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
  ): Promise<{ restriction: RestrictionView; events: RestrictionEventView[] }> {
    return this.read.one(actor, restrictionId);
  }

  @Post('restrictions/:restrictionId/apply')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  @RequiresStepUp()
  apply(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(applyRestrictionBody) body: ApplyRestrictionBody,
  ): Promise<RestrictionView> {
    return this.act.apply(actor, restrictionId, body);
  }

  @Post('restrictions/:restrictionId/review')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  review(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(reviewRestrictionBody) body: ReviewRestrictionBody,
  ): Promise<RestrictionView> {
    return this.act.review(actor, restrictionId, body);
  }

  @Post('restrictions/:restrictionId/written-notice')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  writtenNotice(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(writtenNoticeBody) body: WrittenNoticeBody,
  ): Promise<RestrictionView> {
    return this.act.recordWrittenNotice(actor, restrictionId, body.writtenOn);
  }

  @Post('restrictions/:restrictionId/decline')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  decline(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(declineRestrictionBody) body: { reason: string },
  ): Promise<RestrictionView> {
    return this.act.proposeDecline(actor, restrictionId, body.reason);
  }

  @Post('restrictions/:restrictionId/lift')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  @RequiresStepUp()
  lift(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(liftRestrictionBody) body: { liftedOn: string; reason: string },
  ): Promise<RestrictionView> {
    return this.act.proposeLift(actor, restrictionId, body.liftedOn, body.reason);
  }

  @Post('restrictions/:restrictionId/approve')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  @RequiresStepUp()
  approve(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(answerProposalBody) body: { note: string | null },
  ): Promise<RestrictionView> {
    return this.act.approve(actor, restrictionId, body.note);
  }

  @Post('restrictions/:restrictionId/reject')
  @HttpCode(200)
  @RequirePermission('restriction.manage')
  reject(
    @CurrentActor() actor: Actor,
    @IdParam('restrictionId') restrictionId: string,
    @ValidBody(answerProposalBody) body: { note: string | null },
  ): Promise<RestrictionView> {
    return this.act.reject(actor, restrictionId, body.note);
  }

  @Get('forces/:forceId/register')
  @RequirePermission('register.read')
  register(@CurrentActor() actor: Actor, @IdParam('forceId') forceId: string): Promise<RestrictionView[]> {
    return this.read.register(actor, forceId);
  }

  @Get('forces/:forceId/ppda-audit')
  @RequirePermission('register.read')
  audit(@CurrentActor() actor: Actor, @IdParam('forceId') forceId: string): Promise<PpdaAuditLineView[]> {
    return this.read.audit(actor, forceId);
  }
}
