export * from './cases';
export * from './conferences';
export * from './errors';
export * from './identity';
export * from './organisation';
