import { Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  forceUnitsQuery,
  referralBody,
  referralDraftBody,
  workforceQuery,
  type ForceUnitsQuery,
  type ForceUnitView,
  type ReferralBody,
  type ReferralDraftBody,
  type ReferralDraftSummaryView,
  type ReferralDraftView,
  type SubmittedReferralView,
  type WorkforceMemberView,
  type WorkforceQuery,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody, ValidQuery } from '../../edge/validation';
import { KeepDrafts } from './keep-drafts.use-case';
import { SearchWorkforce } from './search-workforce.use-case';
import { SubmitReferral } from './submit-referral.use-case';

/** Writing a referral: drafts kept on the server for their author, the suspect (and a police-employed victim) looked up, the referral submitted. */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly drafts: KeepDrafts,
    private readonly submitReferral: SubmitReferral,
    private readonly workforce: SearchWorkforce,
  ) {}

  @Post()
  @RequirePermission('case.create')
  submit(@CurrentActor() actor: Actor, @ValidBody(referralBody) body: ReferralBody): Promise<SubmittedReferralView> {
    return this.submitReferral.execute({ actor, body, draftId: null });
  }

  @Get('workforce')
  @RequirePermission('case.create')
  searchWorkforce(@ValidQuery(workforceQuery) query: WorkforceQuery): Promise<WorkforceMemberView[]> {
    return this.workforce.execute(query);
  }

  @Get('workforce/units')
  @RequirePermission('case.create')
  forceUnits(@ValidQuery(forceUnitsQuery) query: ForceUnitsQuery): Promise<ForceUnitView[]> {
    return this.workforce.unitsOf(query);
  }

  @Get('workforce/people/:userId')
  @RequirePermission('case.create')
  workforceMember(@IdParam('userId') userId: string): Promise<WorkforceMemberView> {
    return this.workforce.member(userId);
  }

  @Get('drafts')
  @RequirePermission('case.create')
  listDrafts(@CurrentActor() actor: Actor): Promise<ReferralDraftSummaryView[]> {
    return this.drafts.list(actor);
  }

  @Post('drafts')
  @RequirePermission('case.create')
  startDraft(@CurrentActor() actor: Actor, @ValidBody(referralDraftBody) body: ReferralDraftBody): Promise<ReferralDraftView> {
    return this.drafts.start(actor, body);
  }

  @Get('drafts/:draftId')
  @RequirePermission('case.create')
  readDraft(@CurrentActor() actor: Actor, @IdParam('draftId') draftId: string): Promise<ReferralDraftView> {
    return this.drafts.read(actor, draftId);
  }

  /** Saves the draft as it now stands: the content sent replaces the content kept. */
  @Patch('drafts/:draftId')
  @RequirePermission('case.create')
  saveDraft(
    @CurrentActor() actor: Actor,
    @IdParam('draftId') draftId: string,
    @ValidBody(referralDraftBody) body: ReferralDraftBody,
  ): Promise<ReferralDraftView> {
    return this.drafts.save(actor, draftId, body);
  }

  @Delete('drafts/:draftId')
  @HttpCode(204)
  @RequirePermission('case.create')
  async deleteDraft(@CurrentActor() actor: Actor, @IdParam('draftId') draftId: string): Promise<void> {
    await this.drafts.delete(actor, draftId);
  }

  @Post('drafts/:draftId/submission')
  @RequirePermission('case.create')
  submitDraft(
    @CurrentActor() actor: Actor,
    @IdParam('draftId') draftId: string,
    @ValidBody(referralBody) body: ReferralBody,
  ): Promise<SubmittedReferralView> {
    return this.submitReferral.execute({ actor, body, draftId });
  }
}
