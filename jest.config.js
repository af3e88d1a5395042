// unified/rehype and their helpers ship ESM only; jest's CommonJS runtime needs them transpiled, so they are
// allow-listed out of transformIgnorePatterns and compiled by ts-jest like our own sources.
const esmPackages = [
  'unified', 'bail', 'trough', 'vfile.*', 'devlop', 'is-plain-obj', 'rehype-.*', 'hast-.*', 'hastscript',
  'unist-.*', 'property-information', 'web-namespaces', 'comma-separated-tokens', 'space-separated-tokens',
  'html-void-elements', 'ccount', 'stringify-entities', 'character-entities.*', 'character-reference-invalid',
  'zwitch', 'parse5', 'entities', 'decode-named-character-reference', 'mdast-.*', 'micromark.*',
  'is-.*', 'html-whitespace-sensitive-tag-names', 'estree-.*', 'longest-streak',
  // @bitrix24/b24jssdk's CommonJS build requires qs-esm, which ships ESM only (conformance tests).
  'qs-esm',
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // The local Forge runtime's globals (__forge_fetch__, __forge_runtime__, the proxied fetch) exist before any test
  // loads Atlassian's SDK, which captures the global fetch when it loads.
  setupFiles: ['<rootDir>/test/setup/bridge.ts', '<rootDir>/src/local/forge/globals.ts'],
  // A per-run directory for the Jira operations the scenarios call, and the scope check over them once all ran.
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.jest.json', diagnostics: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  testTimeout: 30000,
};
