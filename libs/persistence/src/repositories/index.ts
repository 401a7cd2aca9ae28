export * from './credential.repository';
export * from './database-errors';
export * from './organisation.repository';
export * from './person.repository';
export * from './session.repository';
