import { ExternalIdentityEntity } from './external-identity.entity';
import { JobLeaseEntity } from './job-lease.entity';
import { CaseActionEntity } from './case-action.entity';
import { ActionUpdateEntity } from './action-update.entity';
import { DecisionEntity } from './decision.entity';
import { RestrictionEntity } from './restriction.entity';
import { RestrictionEventEntity } from './restriction-event.entity';
import { NotificationEntity } from './notification.entity';
import { NoteDocumentEntity } from './note-document.entity';
import { NoteUpdateEntity } from './note-update.entity';
import { ConferenceEntity } from './conference.entity';
import { ConferenceParticipantEntity } from './conference-participant.entity';
import { AgendaItemEntity } from './agenda-item.entity';
import { AttendanceEntity } from './attendance.entity';
import { AgencyEntity } from './agency.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';
import { PostingEntity } from './posting.entity';
import { SessionEntity } from './session.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { CaseEntity } from './case.entity';
import { CaseAgencyEntity } from './case-agency.entity';
import { CaseSuspectEntity } from './case-suspect.entity';
import { CaseSuspectPostingEntity } from './case-suspect-posting.entity';
import { CaseVictimWorkerEntity } from './case-victim-worker.entity';
import { CaseVictimPostingEntity } from './case-victim-posting.entity';
import { CaseCompartmentEntity } from './case-compartment.entity';
import { CaseEntryEntity } from './case-entry.entity';
import { CaseConflictEntity } from './case-conflict.entity';
import { AccessLogEntity } from './access-log.entity';
import { PolicyStateEntity } from './policy-state.entity';
import { CaseReferenceCounterEntity } from './case-reference-counter.entity';
import { SpentChallengeEntity } from './spent-challenge.entity';
import { NoteWriterEntity } from './note-writer.entity';
import { NoteQuarantineEntity } from './note-quarantine.entity';
import { ResearchRequestEntity } from './research-request.entity';
import { ReferralDraftEntity } from './referral-draft.entity';
import { CaseRiskAssessmentEntity } from './case-risk-assessment.entity';
import { CaseStatusChangeEntity } from './case-status-change.entity';
import { MinutesEntity } from './minutes.entity';
import { MinutesDraftEntity } from './minutes-draft.entity';
import { MinutesCopyEntity } from './minutes-copy.entity';
import { MinutesEventEntity } from './minutes-event.entity';
import { AgencyServedForceEntity } from './agency-served-force.entity';
import { IdvaAllocationEntity } from './idva-allocation.entity';
import { VictimContactEntity } from './victim-contact.entity';
import { VictimStatusEntity } from './victim-status.entity';
import { RefusalEntity } from './refusal.entity';
import { ExposureAlertEntity } from './exposure-alert.entity';
import { CaseCounterAllegationEntity } from './case-counter-allegation.entity';
import { LegalHoldEntity } from './legal-hold.entity';
import { CaseErasureEntity } from './case-erasure.entity';

export * from './note-document.entity';
export * from './legal-hold.entity';
export * from './case-erasure.entity';
export * from './note-update.entity';
export * from './agency.entity';
export * from './unit.entity';
export * from './user.entity';
export * from './posting.entity';
export * from './session.entity';
export * from './refresh-token.entity';
export * from './recovery-code.entity';
export * from './case.entity';
export * from './case-agency.entity';
export * from './case-suspect.entity';
export * from './case-suspect-posting.entity';
export * from './case-victim-worker.entity';
export * from './case-victim-posting.entity';
export * from './case-compartment.entity';
export * from './case-entry.entity';
export * from './case-conflict.entity';
export * from './case-counter-allegation.entity';
export * from './access-log.entity';
export * from './policy-state.entity';
export * from './case-reference-counter.entity';
export * from './conference.entity';
export * from './conference-participant.entity';
export * from './agenda-item.entity';
export * from './attendance.entity';
export * from './case-action.entity';
export * from './action-update.entity';
export * from './decision.entity';
export * from './restriction.entity';
export * from './restriction-event.entity';
export * from './notification.entity';
export * from './job-lease.entity';
export * from './spent-challenge.entity';
export * from './note-writer.entity';
export * from './note-quarantine.entity';
export * from './research-request.entity';
export * from './referral-draft.entity';
export * from './case-risk-assessment.entity';
export * from './case-status-change.entity';
export * from './minutes.entity';
export * from './minutes-draft.entity';
export * from './minutes-copy.entity';
export * from './minutes-event.entity';
export * from './agency-served-force.entity';
export * from './idva-allocation.entity';
export * from './victim-contact.entity';
export * from './victim-status.entity';
export * from './refusal.entity';
export * from './exposure-alert.entity';

/** Every entity, for the data source. */
export const entities = [
  AgencyEntity,
  UnitEntity,
  UserEntity,
  PostingEntity,
  SessionEntity,
  RefreshTokenEntity,
  RecoveryCodeEntity,
  CaseEntity,
  CaseAgencyEntity,
  CaseSuspectEntity,
  CaseSuspectPostingEntity,
  CaseVictimWorkerEntity,
  CaseVictimPostingEntity,
  CaseCompartmentEntity,
  CaseEntryEntity,
  CaseConflictEntity,
  AccessLogEntity,
  PolicyStateEntity,
  CaseReferenceCounterEntity,
  ConferenceEntity,
  ConferenceParticipantEntity,
  AgendaItemEntity,
  AttendanceEntity,
  NoteDocumentEntity,
  NoteUpdateEntity,
  CaseActionEntity,
  ActionUpdateEntity,
  DecisionEntity,
  RestrictionEntity,
  RestrictionEventEntity,
  NotificationEntity,
  JobLeaseEntity,
  SpentChallengeEntity,
  NoteWriterEntity,
  NoteQuarantineEntity,
  ResearchRequestEntity,
  ReferralDraftEntity,
  CaseRiskAssessmentEntity,
  CaseStatusChangeEntity,
  MinutesEntity,
  MinutesDraftEntity,
  MinutesCopyEntity,
  MinutesEventEntity,
  AgencyServedForceEntity,
  IdvaAllocationEntity,
  VictimContactEntity,
  VictimStatusEntity,
  RefusalEntity,
  ExposureAlertEntity,
  CaseCounterAllegationEntity,
  ExternalIdentityEntity,
  LegalHoldEntity,
  CaseErasureEntity,
];
export * from './external-identity.entity';
