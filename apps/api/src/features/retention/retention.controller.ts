import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { legalHoldBody, type CaseRetentionView, type LegalHoldBody, type RetentionPeriodsView } from '@caseroom/contracts';
import { retentionKinds, type Actor } from '@caseroom/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { CaseRetention } from './case-retention.use-case';

@ApiTags('retention')
@ApiBearerAuth()
@Controller()
export class RetentionController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly caseRetention: CaseRetention,
  ) {}

  @Get('cases/:caseId/retention')
  @RequirePermission('case.read')
  read(@CurrentActor() actor: Actor, @IdParam('caseId') caseId: string): Promise<CaseRetentionView> {
    return this.caseRetention.read(actor, caseId);
  }

  @Post('cases/:caseId/legal-hold')
  @RequirePermission('case.read')
  @HttpCode(200)
  setHold(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(legalHoldBody) body: LegalHoldBody,
  ): Promise<CaseRetentionView> {
    return this.caseRetention.setHold(actor, caseId, body);
  }

  @Post('cases/:caseId/legal-hold/release')
  @RequirePermission('case.read')
  @HttpCode(200)
  releaseHold(
    @CurrentActor() actor: Actor,
    @IdParam('caseId') caseId: string,
    @ValidBody(legalHoldBody) body: LegalHoldBody,
  ): Promise<CaseRetentionView> {
    return this.caseRetention.releaseHold(actor, caseId, body);
  }

  /** The periods each force's information governance team set, for the administration screen. */
  @Get('retention/periods')
  @RequirePermission('organisation.read')
  periods(): RetentionPeriodsView {
    return { periods: retentionKinds.map((kind) => ({ kind, days: this.config.retention.periods[kind] })) };
  }
}
