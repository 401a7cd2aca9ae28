/** One Jest run for the whole suite: unit, property, persistence and end-to-end tests. */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // NestJS 12, the authenticator library, pdfjs-dist and the OpenID Connect libraries ship as ES modules only; Jest on Node 20 needs them as CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@scure|@noble|@otplib|otplib|pdfjs-dist|openid-client|oauth4webapi|jose|oidc-provider)/)',
  ],
  moduleNameMapper: { '^@caseroom/(domain|contracts|policy|persistence|realtime|testing)$': '<rootDir>/libs/$1/src' },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  reporters: ['default', '<rootDir>/libs/testing/src/summary-reporter.js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
