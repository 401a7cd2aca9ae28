import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActionPlan } from './action-plan.use-case';
import { CandidateForces } from './candidate-forces';
import { ChairOnCase } from './chair-on-case';
import { DecisionsController } from './decisions.controller';
import { ReadDecisions } from './read-decisions.use-case';
import { RecordDecision } from './record-decision.use-case';

@Module({
  imports: [CasesModule, ConferencesModule, NotificationsModule],
  controllers: [DecisionsController],
  providers: [ChairOnCase, CandidateForces, RecordDecision, ReadDecisions, ActionPlan],
})
export class DecisionsModule {}
