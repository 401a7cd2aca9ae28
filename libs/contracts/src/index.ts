export { compartments, errorCodes, type Compartment, type ConferenceStatus, type ErrorCode } from '@caseroom/domain';
export * from './common.schema';
export * from './identity.schema';
export * from './organisations.schema';
export * from './cases.schema';
export * from './live.schema';
export * from './conferences.schema';
export * from './decisions.schema';
export {
  actionStatuses,
  agencyPositions,
  decisionKinds,
  iopcReferralCriteria,
  legalBases,
  reviewCycles,
  type ActionStatus,
  type AgencyPosition,
  type DecisionKind,
  type IopcReferralCriterion,
  type LegalBasis,
  type RestrictionStatus,
  type ReviewCycle,
} from '@caseroom/domain';
export * from './live-wire';
