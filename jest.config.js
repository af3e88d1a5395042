// unified/rehype and their helpers ship ESM only; jest's CommonJS runtime needs them transpiled, so they are
// allow-listed out of transformIgnorePatterns and compiled by ts-jest like our own sources.
const esmPackages = [
  'unified',
  'bail',
  'trough',
  'vfile.*',
  'devlop',
  'is-plain-obj',
  'rehype-.*',
  'hast-.*',
  'hastscript',
  'unist-.*',
  'property-information',
  'web-namespaces',
  'comma-separated-tokens',
  'space-separated-tokens',
  'html-void-elements',
  'ccount',
  'stringify-entities',
  'character-entities.*',
  'character-reference-invalid',
  'zwitch',
  'parse5',
  'entities',
  'decode-named-character-reference',
  'mdast-.*',
  'micromark.*',
  'is-.*',
  'html-whitespace-sensitive-tag-names',
  'estree-.*',
  'longest-streak',
  // @bitrix24/b24jssdk's CommonJS build requires qs-esm, which ships ESM only (conformance tests).
  'qs-esm',
  // PGlite's CommonJS build uses dynamic import for Node built-ins (see test/support/dynamic-import-transform.js).
  '@electric-sql/pglite',
];

/** What every project shares: the runtime globals, the transform and the ESM allow-list. */
const shared = {
  testEnvironment: 'node',
  // The local Forge runtime's globals (__forge_fetch__, __forge_runtime__, the proxied fetch) exist before any test
  // loads Atlassian's SDK, which captures the global fetch when it loads.
  setupFiles: ['<rootDir>/test/setup/bridge.ts', '<rootDir>/src/local/forge/globals.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
    '/@electric-sql/pglite/.+\\.cjs$': '<rootDir>/test/support/dynamic-import-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
};

/**
 * The suite in projects, so a failure points at its kind and one kind runs alone (`npm run test:<name>`):
 * unit tests need no world; emulators check the local Jira, Bitrix24 and Forge against the documentation;
 * frontend renders the UI Kit pages; scenarios build the local platform; foundation checks packaging, lint and scopes;
 * browser drives Chromium; model is the model-based specification of sync; service runs the self-hosted service's
 * engines (PGlite, and PostgreSQL where TEST_DATABASE_URL names one).
 */
const project = (displayName, dirs) => ({
  ...shared,
  displayName,
  rootDir: __dirname,
  roots: dirs.map((dir) => `<rootDir>/test/${dir}`),
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    project('unit', ['core', 'convert', 'adapters', 'entry', 'app']),
    project('emulators', ['local']),
    project('frontend', ['frontend']),
    project('scenario', ['scenarios', 'resolvers', 'migration', 'reconcile']),
    project('foundation', ['foundation', 'conformance']),
    project('browser', ['sandbox']),
    project('model', ['model']),
    project('service', ['service']),
  ],
  // A per-run directory for the Jira operations the scenarios call, and the scope check over them once all ran.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  testTimeout: 30000,
};
