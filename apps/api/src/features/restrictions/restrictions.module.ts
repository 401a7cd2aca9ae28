import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActOnRestriction } from './act-on-restriction.use-case';
import { DeclineNotices } from './decline-notices';
import { ReadRestrictionRequest } from './read-restriction-request.use-case';
import { ReadRestrictions } from './read-restrictions.use-case';
import { RestrictionAccess } from './restriction-access';
import { RestrictionClocks } from './restriction-clocks';
import { ReadVictimStatusWork } from './read-victim-status-work.use-case';
import { RestrictionRequestController } from './restriction-request.controller';
import { RestrictionsController } from './restrictions.controller';
import { VictimStatusController } from './victim-status.controller';
import { VictimStatusNotices } from './victim-status-notices';
import { WriteVictimStatus } from './write-victim-status.use-case';

@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [RestrictionsController, RestrictionRequestController, VictimStatusController],
  providers: [
    RestrictionAccess,
    RestrictionClocks,
    ActOnRestriction,
    DeclineNotices,
    ReadRestrictions,
    ReadRestrictionRequest,
    ReadVictimStatusWork,
    WriteVictimStatus,
    VictimStatusNotices,
  ],
})
export class RestrictionsModule {}
