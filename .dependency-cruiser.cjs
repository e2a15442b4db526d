/** Layer rules from ARCHITECTURE.md, checked in CI (npm run deps). */
module.exports = {
  forbidden: [
    {
      name: 'routes-do-not-touch-sql',
      comment: 'Routes parse and present; SQL lives in repositories.',
      severity: 'error',
      from: { path: '\\.routes\\.ts$' },
      to: { path: ['\\.repository\\.ts$', '^src/server/db/'] },
    },
    {
      name: 'services-do-not-know-http',
      comment: 'Services decide; they never import the HTTP framework or the HTTP layer.',
      severity: 'error',
      from: { path: '\\.service\\.ts$' },
      to: { path: ['^node_modules/fastify', '^node_modules/@fastify', '^src/server/http/'] },
    },
    {
      name: 'modules-meet-through-index',
      comment: 'A module imports another only through its index.ts.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: {
        path: '^src/server/modules/([^/]+)/',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'citizen-pages-never-import-staff',
      severity: 'error',
      from: { path: '^src/web/citizen/' },
      to: { path: '^src/web/staff/' },
    },
    {
      name: 'web-does-not-touch-database',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: ['^src/server/db/', '\\.repository\\.ts$'] },
    },
    {
      name: 'shared-stays-dependency-free',
      comment: 'src/shared is used by server and browser: no server code in it.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['^src/server/', '^src/web/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      comment:
        'Type-only imports (a module file naming its index.ts contract types) do not make a cycle at run time.',
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
