export { errorCodes, type ErrorCode } from '@caseroom/domain';
export * from './common.schema';
export * from './identity.schema';
export * from './organisations.schema';
export * from './cases.schema';
