import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  addAgendaItemBody,
  apologiesBody,
  inviteBody,
  moveAgendaItemBody,
  scheduleConferenceBody,
  type ApologiesBody,
  type ChairView,
  type ConferencePlanView,
  type ConferenceView,
  type InvitationsView,
  type InviteBody,
  type MoveAgendaItemBody,
  type RegisterView,
  type ScheduleConferenceBody,
} from '@caseroom/contracts';
import type { Actor } from '@caseroom/domain';
import { CurrentActor } from '../../edge/current-actor';
import { RequirePermission } from '../../edge/route-access';
import { IdParam, ValidBody } from '../../edge/validation';
import { CirculateAgenda } from './circulate-agenda.use-case';
import { InvitePeople } from './invite-people.use-case';
import { PrepareAgenda } from './prepare-agenda.use-case';
import { ReadConferencePlan } from './read-conference-plan.use-case';
import { ReadConference } from './read-conference.use-case';
import { RunConference } from './run-conference.use-case';
import { ScheduleConference } from './schedule-conference.use-case';
import { WithdrawInvitation } from './withdraw-invitation.use-case';

/** Scheduling and preparing conferences; running one happens on the live channel (docs/realtime.md). */
@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(
    private readonly schedule: ScheduleConference,
    private readonly read: ReadConference,
    private readonly plan: ReadConferencePlan,
    private readonly invitations: InvitePeople,
    private readonly withdrawal: WithdrawInvitation,
    private readonly agenda: PrepareAgenda,
    private readonly circulation: CirculateAgenda,
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

  /** Declared before `:conferenceId`, which would otherwise take the word for an id. */
  @Get('chairs')
  @RequirePermission('conference.schedule')
  chairs(): Promise<ChairView[]> {
    return this.plan.chairs();
  }

  @Get(':conferenceId')
  @RequirePermission('case.read')
  get(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ConferenceView> {
    return this.read.one(actor, conferenceId);
  }

  @Get(':conferenceId/plan')
  @RequirePermission('conference.schedule')
  preparation(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ConferencePlanView> {
    return this.plan.execute(actor, conferenceId);
  }

  @Post(':conferenceId/invitations')
  @RequirePermission('conference.schedule')
  invite(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @ValidBody(inviteBody) body: InviteBody,
  ): Promise<InvitationsView> {
    return this.invitations.execute(actor, conferenceId, body);
  }

  @Delete(':conferenceId/invitations/:userId')
  @HttpCode(204)
  @RequirePermission('conference.schedule')
  async withdraw(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('userId') userId: string,
  ): Promise<void> {
    await this.withdrawal.execute(actor, conferenceId, userId);
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

  @Post(':conferenceId/agenda/circulation')
  @RequirePermission('conference.schedule')
  circulate(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<ConferenceView> {
    return this.circulation.execute(actor, conferenceId);
  }

  @Delete(':conferenceId/agenda/:itemId')
  @RequirePermission('conference.schedule')
  removeItem(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('itemId') itemId: string,
  ): Promise<ConferenceView> {
    return this.agenda.removeItem(actor, conferenceId, itemId);
  }

  @Post(':conferenceId/agenda/:itemId/move')
  @RequirePermission('conference.schedule')
  moveItem(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('itemId') itemId: string,
    @ValidBody(moveAgendaItemBody) body: MoveAgendaItemBody,
  ): Promise<ConferenceView> {
    return this.agenda.moveItem(actor, conferenceId, itemId, body.direction);
  }

  @Post(':conferenceId/apologies')
  @HttpCode(204)
  @RequirePermission('case.read')
  async apologies(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @ValidBody(apologiesBody) body: ApologiesBody,
  ): Promise<void> {
    await this.run.apologise(actor, conferenceId, body.note);
  }

  /** Apologies an invitee gave the chair or coordinator, recorded for them on the register. */
  @Post(':conferenceId/invitations/:userId/apologies')
  @HttpCode(204)
  @RequirePermission('conference.schedule')
  async apologiesFor(
    @CurrentActor() actor: Actor,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('userId') userId: string,
    @ValidBody(apologiesBody) body: ApologiesBody,
  ): Promise<void> {
    await this.run.apologiseFor(actor, conferenceId, userId, body.note);
  }

  @Get(':conferenceId/register')
  @RequirePermission('case.read')
  register(@CurrentActor() actor: Actor, @IdParam('conferenceId') conferenceId: string): Promise<RegisterView[]> {
    return this.read.register(actor, conferenceId);
  }
}
