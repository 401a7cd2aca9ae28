export * from './credential.repository';
export * from './database-errors';
export * from './organisation.repository';
export * from './person.repository';
export * from './session.repository';
export * from './access-log.repository';
export * from './case.repository';
export * from './policy-inputs.repository';
