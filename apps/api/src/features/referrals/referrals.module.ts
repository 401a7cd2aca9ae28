import { ExposureModule } from '../exposure/exposure.module';
import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CloseCase } from './close-case.use-case';
import { DecideReferral } from './decide-referral.use-case';
import { KeepDrafts } from './keep-drafts.use-case';
import { ReadRiskAssessments } from './read-risk-assessments.use-case';
import { ReferralNotices } from './referral-notices';
import { ReferralsController } from './referrals.controller';
import { SearchTriage } from './search-triage.use-case';
import { SearchWorkforce } from './search-workforce.use-case';
import { SubmitReferral } from './submit-referral.use-case';
import { TriageController } from './triage.controller';

/** Referrals (drafts, the suspect's lookup, submission) and their triage, to closure of the case. */
@Module({
  imports: [ExposureModule, CasesModule, NotificationsModule],
  controllers: [ReferralsController, TriageController],
  providers: [KeepDrafts, SubmitReferral, SearchWorkforce, ReferralNotices, SearchTriage, DecideReferral, CloseCase, ReadRiskAssessments],
})
export class ReferralsModule {}
