import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReadResearch } from './read-research.use-case';
import { RemindResearch } from './remind-research.use-case';
import { RequestResearch } from './request-research.use-case';
import { ResearchAnnouncements } from './research-announcements';
import { ResearchController } from './research.controller';
import { ResearchScope } from './research-scope';
import { ReturnResearch } from './return-research.use-case';

@Module({
  imports: [CasesModule, ConferencesModule, NotificationsModule],
  controllers: [ResearchController],
  providers: [ResearchScope, ResearchAnnouncements, ReadResearch, RequestResearch, ReturnResearch, RemindResearch],
  exports: [ReadResearch, RequestResearch, ReturnResearch],
})
export class ResearchModule {}
