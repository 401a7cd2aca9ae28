import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  addAgendaItemBody,
  apologiesBody,
  scheduleConferenceBody,
  type ConferenceView,
  type RegisterView,
  type ScheduleConferenceBody,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { PrepareAgenda } from './prepare-agenda.use-case';
import { ReadConference } from './read-conference.use-case';
import { RunConference } from './run-conference.use-case';
import { ScheduleConference } from './schedule-conference.use-case';

/** Scheduling and preparing conferences; running one happens on the live channel (docs/realtime.md). */
@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(
    private readonly schedule: ScheduleConference,
    private readonly read: ReadConference,
    private readonly agenda: PrepareAgenda,
    private readonly run: RunConference,
  ) {}

  @Post()
  @RequirePermission('conference.schedule')
  create(@CurrentActor() actor: Actor, @ValidBody(scheduleConferenceBody) body: ScheduleConferenceBody): Promise<ConferenceView> {
    return this.schedule.execute(actor, body);
  }

  @Get()
  @RequirePermission('case.read')
  list(@CurrentActor() actor: Actor): Promise<ConferenceView[]> {
    return this.read.mine(actor);
  }

  @Get(':conferenceId')
  @RequirePermission('case.read')
  get(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ConferenceView> {
    return this.read.one(actor, conferenceId);
  }

  @Post(':conferenceId/agenda')
  @RequirePermission('conference.schedule')
  addItem(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @ValidBody(addAgendaItemBody) body: { caseId: string },
  ): Promise<ConferenceView> {
    return this.agenda.addCase(actor, conferenceId, body.caseId);
  }

  @Post(':conferenceId/apologies')
  @HttpCode(204)
  @RequirePermission('case.read')
  async apologies(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @ValidBody(apologiesBody) body: { note: string },
  ): Promise<void> {
    await this.run.apologise(actor, conferenceId, body.note);
  }

  @Get(':conferenceId/register')
  @RequirePermission('case.read')
  register(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<RegisterView[]> {
    return this.read.register(actor, conferenceId);
  }
}
