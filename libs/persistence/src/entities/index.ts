import { AccessLogEntity } from './access-log.entity';
import { CaseEntity } from './case.entity';
import { CaseAgencyEntity } from './case-agency.entity';
import { CaseSuspectEntity } from './case-suspect.entity';
import { CaseSuspectPostingEntity } from './case-suspect-posting.entity';
import { CaseCompartmentEntity } from './case-compartment.entity';
import { CaseEntryEntity } from './case-entry.entity';
import { CaseConflictEntity } from './case-conflict.entity';
import { PolicyStateEntity } from './policy-state.entity';
import { CaseReferenceCounterEntity } from './case-reference-counter.entity';
import { AgencyEntity } from './agency.entity';
import { PostingEntity } from './posting.entity';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

export {
  AccessLogEntity,
  CaseEntity,
  CaseAgencyEntity,
  CaseSuspectEntity,
  CaseSuspectPostingEntity,
  CaseCompartmentEntity,
  CaseEntryEntity,
  CaseConflictEntity,
  PolicyStateEntity,
  CaseReferenceCounterEntity,
  AgencyEntity,
  PostingEntity,
  RecoveryCodeEntity,
  RefreshTokenEntity,
  SessionEntity,
  UnitEntity,
  UserEntity,
};

export const entities = [
  AgencyEntity,
  UnitEntity,
  UserEntity,
  PostingEntity,
  SessionEntity,
  RefreshTokenEntity,
  RecoveryCodeEntity,
  AccessLogEntity,
  CaseEntity,
  CaseAgencyEntity,
  CaseSuspectEntity,
  CaseSuspectPostingEntity,
  CaseCompartmentEntity,
  CaseEntryEntity,
  CaseConflictEntity,
  PolicyStateEntity,
  CaseReferenceCounterEntity,
];
