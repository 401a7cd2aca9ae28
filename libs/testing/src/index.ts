export * from './environment';
export * from './test-clock';
export * from './test-database';
