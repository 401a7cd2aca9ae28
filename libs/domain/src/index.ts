export * from './cases';
export * from './errors';
export * from './identity';
export * from './organisation';
