// unified/rehype and their helpers ship ESM only; jest's CommonJS runtime needs them transpiled, so they are
// allow-listed out of transformIgnorePatterns and compiled by ts-jest like our own sources.
const esmPackages = [
  'unified', 'bail', 'trough', 'vfile.*', 'devlop', 'is-plain-obj', 'rehype-.*', 'hast-.*', 'hastscript',
  'unist-.*', 'property-information', 'web-namespaces', 'comma-separated-tokens', 'space-separated-tokens',
  'html-void-elements', 'ccount', 'stringify-entities', 'character-entities.*', 'character-reference-invalid',
  'zwitch', 'parse5', 'entities', 'decode-named-character-reference', 'mdast-.*', 'micromark.*',
  'is-.*', 'html-whitespace-sensitive-tag-names', 'estree-.*', 'longest-streak',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  setupFiles: ['<rootDir>/test/setup/bridge.ts'],
  // A per-run directory for the Jira operations the scenarios call, and the scope check over them once all ran.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  // The app's Forge SDK imports reach the local Forge runtime (src/local/forge), as under `npm start`.
  moduleNameMapper: {
    '^@forge/api$': '<rootDir>/src/local/forge/sdk/api.ts',
    '^@forge/kvs$': '<rootDir>/src/local/forge/sdk/kvs.ts',
    '^@forge/events$': '<rootDir>/src/local/forge/sdk/events.ts',
  },
  testTimeout: 30000,
};
