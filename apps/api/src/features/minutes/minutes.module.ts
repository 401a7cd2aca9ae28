import { ExposureModule } from '../exposure/exposure.module';
import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ApproveMinutes } from './approve-minutes.use-case';
import { DistributeMinutes } from './distribute-minutes.use-case';
import { MinutesController } from './minutes.controller';
import { MinutesCopies } from './minutes-copies';
import { MinutesNotices } from './minutes-notices';
import { MinutesRecords } from './minutes-records';
import { MinutesRendering } from './minutes-rendering';
import { PrepareMinutes } from './prepare-minutes.use-case';
import { ReceiveMinutes } from './receive-minutes.use-case';

@Module({
  imports: [ExposureModule, CasesModule, ConferencesModule, NotificationsModule],
  controllers: [MinutesController],
  providers: [
    MinutesRendering,
    MinutesRecords,
    MinutesCopies,
    MinutesNotices,
    PrepareMinutes,
    ApproveMinutes,
    DistributeMinutes,
    ReceiveMinutes,
  ],
})
export class MinutesModule {}
