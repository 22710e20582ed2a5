/**
 * Dependencies between packages point one way, along the data flow:
 *   ami <- tracker <- ami-client <- simulator <- store <- config <- ingest <- server <- cli
 * packages/web is a leaf in the browser: it may use only ami and tracker.
 * The protocol package is pure: no Node built-ins.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const order = [
  'ami',
  'tracker',
  'ami-client',
  'simulator',
  'store',
  'config',
  'ingest',
  'server',
  'cli',
];

/** Rules that forbid each package to depend on the packages after it. */
const layering = order.map((pkg, i) => ({
  name: `layer-${pkg}`,
  comment: `${pkg} may depend only on packages before it: ${order.slice(0, i).join(', ') || 'none'}`,
  severity: 'error',
  from: { path: `^packages/${pkg}/src` },
  to: {
    path: `^packages/(${order.filter((p) => p !== pkg && order.indexOf(p) > i).join('|') || '$^'})/`,
  },
}));

module.exports = {
  forbidden: [
    ...layering,
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-protocol',
      comment: 'packages/ami runs in browsers: no Node built-ins',
      severity: 'error',
      from: { path: '^packages/ami/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-in-the-browser',
      comment:
        'packages/web runs in browsers and talks to the server over HTTP: of the system it may import only the pure packages, and no Node built-ins',
      severity: 'error',
      from: { path: '^packages/web/src' },
      to: {
        path: '^packages/(ami-client|simulator|store|config|ingest|server|cli)/',
        // The server's wire types may be read, as types: nothing of it is bundled.
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'web-no-node',
      severity: 'error',
      from: { path: '^packages/web/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-to-test',
      severity: 'error',
      from: { path: '^packages/[^/]+/src' },
      to: { path: '^packages/[^/]+/test' },
    },
    {
      name: 'no-undeclared-dependency',
      comment: 'a package imports only what its package.json declares',
      severity: 'error',
      from: { path: '^packages/[^/]+/src' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
