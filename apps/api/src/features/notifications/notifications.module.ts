import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsController } from './notifications.controller';
import { Notifier } from './notifier';
import { Recipients } from './recipients';
import { ReminderSweep } from './reminder-sweep';

@Module({
  imports: [CasesModule],
  controllers: [NotificationsController],
  providers: [Notifier, Recipients, ReminderSweep],
  exports: [Notifier, Recipients, ReminderSweep],
})
export class NotificationsModule {}
