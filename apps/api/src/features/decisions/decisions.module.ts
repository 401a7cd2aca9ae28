import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { LiveModule } from '../live/live.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ActionAnnouncements } from './action-announcements';
import { ActionChecks } from './action-checks';
import { ActionTrackerController } from './action-tracker.controller';
import { CandidateForces } from './candidate-forces';
import { ChairOnCase } from './chair-on-case';
import { DecisionAnnouncements } from './decision-announcements';
import { DecisionChecks } from './decision-checks';
import { DecisionLedger } from './decision-ledger';
import { DecisionsController } from './decisions.controller';
import { DecisionsLiveEvents } from './decisions.live-events';
import { ReadActionTracker } from './read-action-tracker.use-case';
import { ReadActions } from './read-actions.use-case';
import { ReadDecisions } from './read-decisions.use-case';
import { RecordAction } from './record-action.use-case';
import { RecordDecision } from './record-decision.use-case';
import { ReportOnAction } from './report-on-action.use-case';
import { SupersedeDecision } from './supersede-decision.use-case';

@Module({
  imports: [CasesModule, ConferencesModule, NotificationsModule, LiveModule],
  controllers: [DecisionsController, ActionTrackerController],
  providers: [
    ChairOnCase,
    CandidateForces,
    DecisionChecks,
    DecisionLedger,
    DecisionAnnouncements,
    ActionChecks,
    ActionAnnouncements,
    ReadDecisions,
    RecordDecision,
    SupersedeDecision,
    RecordAction,
    ReportOnAction,
    ReadActions,
    ReadActionTracker,
    DecisionsLiveEvents,
  ],
})
export class DecisionsModule {}
