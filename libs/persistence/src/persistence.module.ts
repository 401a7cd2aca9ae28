import { Global, Module } from '@nestjs/common';
import {
  AccessLogRepository,
  AgencyRepository,
  CaseRepository,
  ConferenceRepository,
  CredentialRepository,
  NoteRepository,
  PersonRepository,
  PolicyInputsRepository,
  SessionRepository,
  UnitRepository,
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
];

/** Repositories for the feature modules; the TypeORM connection itself is set up by the application. */
@Global()
@Module({ providers: repositories, exports: repositories })
export class PersistenceModule {}
