import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ExposureAlerts } from './exposure-alerts';
import { ExposureController } from './exposure.controller';
import { ReadExposureAlerts } from './read-exposure-alerts.use-case';
import { RefusalTrace } from './refusal-trace';
import { RefusalWatch } from './refusal-watch.interceptor';

@Module({
  imports: [NotificationsModule],
  controllers: [ExposureController],
  providers: [ExposureAlerts, RefusalTrace, RefusalWatch, ReadExposureAlerts],
  exports: [RefusalTrace, RefusalWatch],
})
export class ExposureModule {}
