export * from './socket-adapter';
export * from './rooms';
export * from './notes';
export * from './compaction';
export * from './awareness';
