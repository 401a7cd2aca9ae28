/**
 * The arrows of the architecture (STYLE.md): web -> contracts; api -> domain, policy, persistence,
 * realtime, contracts; persistence -> domain; policy -> domain; realtime -> contracts;
 * contracts -> domain (plain types the browser may share); domain -> nothing.
 * Any import against these arrows fails `npm run deps:check`.
 */
const lib = (name) => `^libs/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'domain-depends-on-nothing',
      severity: 'error',
      from: { path: lib('domain') },
      to: { path: '^(libs|apps)/', pathNot: lib('domain') },
    },
    {
      name: 'policy-only-domain',
      severity: 'error',
      from: { path: lib('policy') },
      to: { path: '^(libs|apps)/', pathNot: [lib('policy'), lib('domain')] },
    },
    {
      name: 'persistence-only-domain',
      severity: 'error',
      from: { path: lib('persistence') },
      to: { path: '^(libs|apps)/', pathNot: [lib('persistence'), lib('domain'), lib('testing')] },
    },
    {
      name: 'realtime-only-contracts',
      severity: 'error',
      from: { path: lib('realtime') },
      to: { path: '^(libs|apps)/', pathNot: [lib('realtime'), lib('contracts'), lib('domain'), lib('testing')] },
    },
    {
      name: 'contracts-only-domain',
      severity: 'error',
      from: { path: lib('contracts') },
      to: { path: '^(libs|apps)/', pathNot: [lib('contracts'), lib('domain')] },
    },
    { name: 'libs-never-import-apps', severity: 'error', from: { path: '^libs/' }, to: { path: '^apps/' } },
    {
      name: 'testing-is-for-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: ['\\.(spec|e2e-spec)\\.ts$', '^libs/testing/'] },
      to: { path: lib('testing') },
    },
    {
      // The browser client imports the wire contracts (and the plain domain types they are made of), nothing else of ours.
      name: 'web-only-contracts',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { path: '^(libs|apps)/', pathNot: ['^apps/web/src/', lib('contracts'), lib('domain')] },
    },
    {
      // Its tests use the client's own code, test helpers and contracts; the end-to-end test drives the built server, never the API's code.
      name: 'web-tests-only-contracts-and-testing',
      severity: 'error',
      from: { path: '^apps/web/test/' },
      to: { path: '^(libs|apps)/', pathNot: ['^apps/web/test/', '^apps/web/src/', lib('contracts'), lib('domain'), lib('testing')] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
