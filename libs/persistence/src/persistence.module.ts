import { Global, Module } from '@nestjs/common';
import {
  AccessLogRepository,
  ActionRepository,
  AgencyRepository,
  CaseJourneyRepository,
  CaseRepository,
  ConferenceRepository,
  CredentialRepository,
  DecisionRepository,
  JobLeaseRepository,
  MinutesRepository,
  ExposureRepository,
  NoteRepository,
  NotificationRepository,
  PersonRepository,
  PolicyInputsRepository,
  ResearchRepository,
  ReferralDraftRepository,
  RestrictionRepository,
  RiskAssessmentRepository,
  SessionRepository,
  UnitRepository,
  IdvaAllocationRepository,
  VictimContactRepository,
  VictimStatusRepository,
} from './repositories';

const repositories = [
  AgencyRepository,
  UnitRepository,
  PersonRepository,
  CredentialRepository,
  SessionRepository,
  PolicyInputsRepository,
  CaseRepository,
  AccessLogRepository,
  ConferenceRepository,
  NoteRepository,
  DecisionRepository,
  RestrictionRepository,
  ActionRepository,
  NotificationRepository,
  JobLeaseRepository,
  MinutesRepository,
  ExposureRepository,
  ResearchRepository,
  CaseJourneyRepository,
  RiskAssessmentRepository,
  ReferralDraftRepository,
  IdvaAllocationRepository,
  VictimContactRepository,
  VictimStatusRepository,
];

/** Repositories for the feature modules; the TypeORM connection itself is set up by the application. */
@Global()
@Module({ providers: repositories, exports: repositories })
export class PersistenceModule {}
