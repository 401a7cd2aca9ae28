export * from './socket-adapter';
