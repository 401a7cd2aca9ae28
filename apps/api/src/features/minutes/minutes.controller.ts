import { Controller, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  approveMinutesBody,
  minutesFileQuery,
  saveMinutesDraftBody,
  withdrawMinutesCopyBody,
  type ApproveMinutesBody,
  type ConferenceMinutesView,
  type MinutesFileQuery,
  type MyMinutesCopyView,
  type SaveMinutesDraftBody,
  type WithdrawMinutesCopyBody,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { errorBody } from '../../edge/error-response';
import { RequirePermission, RequiresStepUp } from '../../edge/route-access';
import { IdParam, ValidBody, ValidQuery } from '../../edge/validation';
import { ApproveMinutes } from './approve-minutes.use-case';
import { DistributeMinutes } from './distribute-minutes.use-case';
import { PrepareMinutes } from './prepare-minutes.use-case';
import { ReceiveMinutes } from './receive-minutes.use-case';

/** How often a file whose decision went stale while it was made is made again before the client is asked to retry. */
const fileAttempts = 3;

/** Minutes: drafted, approved and distributed by the organisers; received, opened and downloaded by each recipient. */
@ApiTags('minutes')
@ApiBearerAuth()
@Controller()
export class MinutesController {
  constructor(
    private readonly prepareMinutes: PrepareMinutes,
    private readonly approveMinutes: ApproveMinutes,
    private readonly distributeMinutes: DistributeMinutes,
    private readonly receiveMinutes: ReceiveMinutes,
  ) {}

  @Get('conferences/:conferenceId/minutes')
  @RequirePermission('conference.schedule')
  read(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ConferenceMinutesView> {
    return this.prepareMinutes.read(actor, conferenceId);
  }

  @Post('conferences/:conferenceId/minutes/draft')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  startDraft(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ConferenceMinutesView> {
    return this.prepareMinutes.start(actor, conferenceId);
  }

  @Patch('conferences/:conferenceId/minutes/draft')
  @RequirePermission('conference.schedule')
  saveDraft(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @ValidBody(saveMinutesDraftBody) body: SaveMinutesDraftBody,
  ): Promise<ConferenceMinutesView> {
    return this.prepareMinutes.save(actor, conferenceId, body);
  }

  @Post('conferences/:conferenceId/minutes/approve')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  @RequiresStepUp()
  approve(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @ValidBody(approveMinutesBody) body: ApproveMinutesBody,
  ): Promise<ConferenceMinutesView> {
    return this.approveMinutes.execute(actor, conferenceId, body);
  }

  @Post('minutes/:minutesId/distribute')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  distribute(@CurrentActor() actor: Actor, @IdParam('minutesId') minutesId: string): Promise<ConferenceMinutesView> {
    return this.distributeMinutes.distribute(actor, minutesId);
  }

  @Post('minutes/copies/:copyId/withdraw')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  withdraw(
    @CurrentActor() actor: Actor,
    @IdParam('copyId') copyId: string,
    @ValidBody(withdrawMinutesCopyBody) body: WithdrawMinutesCopyBody,
  ): Promise<ConferenceMinutesView> {
    return this.distributeMinutes.withdraw(actor, copyId, body);
  }

  @Post('minutes/copies/:copyId/reissue')
  @HttpCode(200)
  @RequirePermission('conference.schedule')
  reissue(@CurrentActor() actor: Actor, @IdParam('copyId') copyId: string): Promise<ConferenceMinutesView> {
    return this.distributeMinutes.reissue(actor, copyId);
  }

  @Get('me/minutes')
  @RequirePermission('self')
  mine(@CurrentActor() actor: Actor): Promise<MyMinutesCopyView[]> {
    return this.receiveMinutes.mine(actor);
  }

  @Get('me/minutes/:copyId')
  @RequirePermission('self')
  view(@CurrentActor() actor: Actor, @IdParam('copyId') copyId: string) {
    return this.receiveMinutes.view(actor, copyId);
  }

  @Post('me/minutes/:copyId/fresh')
  @HttpCode(200)
  @RequirePermission('self')
  fresh(@CurrentActor() actor: Actor, @IdParam('copyId') copyId: string): Promise<MyMinutesCopyView> {
    return this.receiveMinutes.fresh(actor, copyId);
  }

  /** The copy as a file. Its bytes are written only if what the person may receive has not changed since it was decided. */
  @Get('me/minutes/:copyId/file')
  @RequirePermission('self')
  async file(
    @CurrentActor() actor: Actor,
    @IdParam('copyId') copyId: string,
    @ValidQuery(minutesFileQuery) query: MinutesFileQuery,
    @Res() response: Response,
  ): Promise<void> {
    for (let attempt = 1; attempt <= fileAttempts; attempt += 1) {
      const file = await this.receiveMinutes.download(actor, copyId, query.format);
      if (!this.receiveMinutes.stillAt(actor, file.epoch)) continue;
      response
        .status(200)
        .type(file.contentType)
        .setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .setHeader('Cache-Control', 'no-store')
        .send(file.bytes);
      return;
    }
    response
      .status(503)
      .json(errorBody('SERVICE_UNAVAILABLE', 'What you may see changed while this was being made: ask again.', [], undefined));
  }
}
