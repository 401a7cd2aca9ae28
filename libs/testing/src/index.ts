export * from './environment';
export * from './test-clock';
export * from './test-database';
export * from './describe-with-services';
export * from './canaries';
export * from './redis-keys';
