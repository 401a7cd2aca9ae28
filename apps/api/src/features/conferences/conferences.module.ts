import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CirculateAgenda } from './circulate-agenda.use-case';
import { ConferenceAccess } from './conference-access';
import { ConferenceNotices } from './conference-notices';
import { ConferencesController } from './conferences.controller';
import { Invitees } from './invitees';
import { InvitePeople } from './invite-people.use-case';
import { PrepareAgenda } from './prepare-agenda.use-case';
import { ReadConferencePlan } from './read-conference-plan.use-case';
import { ReadConference } from './read-conference.use-case';
import { RunConference } from './run-conference.use-case';
import { ScheduleConference } from './schedule-conference.use-case';
import { WithdrawInvitation } from './withdraw-invitation.use-case';

@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [ConferencesController],
  providers: [
    ConferenceAccess,
    ConferenceNotices,
    Invitees,
    ReadConference,
    ReadConferencePlan,
    ScheduleConference,
    InvitePeople,
    WithdrawInvitation,
    PrepareAgenda,
    CirculateAgenda,
    RunConference,
  ],
  exports: [ConferenceAccess, ReadConference, RunConference, ScheduleConference, PrepareAgenda],
})
export class ConferencesModule {}
