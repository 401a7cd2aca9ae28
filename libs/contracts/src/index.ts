export {
  agendaDirections,
  isListable,
  notificationKinds,
  type AgendaDirection,
  type NotificationKind,
  agencyKinds,
  allegationKinds,
  caseStatuses,
  compartments,
  conflictKinds,
  errorCodes,
  referralGrounds,
  roles,
  unitKinds,
  type AgencyKind,
  type AllegationKind,
  type CaseStatus,
  type Compartment,
  type ConferenceStatus,
  type ConflictKind,
  type ErrorCode,
  type ReferralGround,
  type Role,
  type UnitKind,
} from '@caseroom/domain';
export * from './common.schema';
export * from './identity.schema';
export * from './organisations.schema';
export * from './cases.schema';
export * from './live.schema';
export * from './conferences.schema';
export * from './decisions.schema';
export * from './research.schema';
export * from './referrals.schema';
export * from './triage.schema';
export * from './minutes.schema';
export * from './victim-side.schema';
export * from './exposure.schema';
export * from './retention.schema';
export {
  consentDecisions,
  dashAnswerValues,
  dashHighRiskThreshold,
  dashQuestions,
  dashScore,
  isVisibleHighRisk,
  type ConsentDecision,
  type DashAnswer,
  type DashQuestionId,
} from '@caseroom/domain';
export {
  actionStatuses,
  agencyPositions,
  decisionKinds,
  iopcReferralCriteria,
  legalBases,
  noticeMethods,
  presumingOffences,
  proposedKindFor,
  regulation11Grounds,
  restrictionKinds,
  reviewCycles,
  reviewOutcomes,
  type ActionStatus,
  type NoticeMethod,
  type PresumingOffence,
  type Regulation11Ground,
  type RestrictionClock,
  type RestrictionClockName,
  type RestrictionKind,
  type RestrictionRecord,
  type ReviewOutcome,
  type AgencyPosition,
  type DecisionKind,
  type IopcReferralCriterion,
  type LegalBasis,
  type RestrictionStatus,
  type ReviewCycle,
} from '@caseroom/domain';
export * from './live-wire';
export * from './storable-text';
export { areaConcerns, contactMethods, proposalBases, type AreaConcern, type ContactMethod, type ProposalBasis } from '@caseroom/domain';
export * from './reports.schema';
export {
  ethnicGroups,
  maracReturnColumns,
  misconductRecordings,
  monitoringAnswers,
  returnAgencyColumns,
  victimGenders,
  type AuditStanding,
  type EthnicGroup,
  type MisconductRecording,
  type MonitoringAnswer,
  type PublishedCount,
  type PublishedReturn,
  type ReturnAgencyColumn,
  type VictimGender,
} from '@caseroom/domain';
