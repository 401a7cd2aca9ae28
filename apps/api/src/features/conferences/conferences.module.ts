import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferenceAccess } from './conference-access';
import { ConferencesController } from './conferences.controller';
import { PrepareAgenda } from './prepare-agenda.use-case';
import { ReadConference } from './read-conference.use-case';
import { RunConference } from './run-conference.use-case';
import { ScheduleConference } from './schedule-conference.use-case';

@Module({
  imports: [CasesModule],
  controllers: [ConferencesController],
  providers: [ConferenceAccess, ReadConference, ScheduleConference, PrepareAgenda, RunConference],
  exports: [ConferenceAccess, ReadConference, RunConference],
})
export class ConferencesModule {}
