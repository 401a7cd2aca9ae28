import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsController } from './notifications.controller';
import { Notifier } from './notifier';
import { ReadNotifications } from './read-notifications.use-case';
import { Recipients } from './recipients';
import { ReminderSweep } from './reminder-sweep';
import { ResearchNotices } from './research-notices';
import { RestrictionReminders } from './restriction-reminders';

@Module({
  imports: [CasesModule],
  controllers: [NotificationsController],
  providers: [Notifier, Recipients, ReminderSweep, ReadNotifications, ResearchNotices, RestrictionReminders],
  exports: [Notifier, Recipients, ReminderSweep, ResearchNotices],
})
export class NotificationsModule {}
