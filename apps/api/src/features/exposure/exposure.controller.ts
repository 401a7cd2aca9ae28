import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { acknowledgeAlertBody, type AcknowledgeAlertBody, type ExposureAlertView } from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { ReadExposureAlerts } from './read-exposure-alerts.use-case';

/** Exposure alerts, for professional standards and the IOPC: seen, acknowledged, and what was done recorded. */
@ApiTags('exposure')
@ApiBearerAuth()
@Controller('exposure-alerts')
export class ExposureController {
  constructor(private readonly alerts: ReadExposureAlerts) {}

  @Get()
  @RequirePermission('register.read')
  list(@CurrentActor() actor: Actor): Promise<ExposureAlertView[]> {
    return this.alerts.list(actor);
  }

  @Post(':alertId/acknowledgement')
  @HttpCode(200)
  @RequirePermission('register.read')
  acknowledge(
    @CurrentActor() actor: Actor,
    @IdParam('alertId') alertId: string,
    @ValidBody(acknowledgeAlertBody) body: AcknowledgeAlertBody,
  ): Promise<ExposureAlertView> {
    return this.alerts.acknowledge(actor, alertId, body);
  }
}
