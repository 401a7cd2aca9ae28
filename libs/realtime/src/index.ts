export * from './socket-adapter';
export * from './rooms';
