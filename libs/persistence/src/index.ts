export * from './database';
export * from './entities';
export * from './repositories';
export * from './persistence.module';
export * from './migrate';
