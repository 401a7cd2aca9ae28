import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActOnRestriction } from './act-on-restriction.use-case';
import { DeclineNotices } from './decline-notices';
import { ReadRestrictions } from './read-restrictions.use-case';
import { RestrictionAccess } from './restriction-access';
import { RestrictionsController } from './restrictions.controller';

@Module({
  imports: [CasesModule, NotificationsModule],
  controllers: [RestrictionsController],
  providers: [RestrictionAccess, ActOnRestriction, DeclineNotices, ReadRestrictions],
})
export class RestrictionsModule {}
