/**
 * The English fallback the UI bundles as code. Forge's UI bundler turns an import of a manifest `translations` file
 * into an asset URL (@forge/bundler config/common.js, geti18nRule), so the pages cannot import en-US.json itself;
 * src/frontend/i18n/fallback.en-US.ts is generated from it by this function and checked against it by
 * test/foundation/i18n-fallback.test.ts (UPDATE=1 rewrites it).
 */
export const FALLBACK_FILE = 'src/frontend/i18n/fallback.en-US.ts';
export const SOURCE_FILE = 'src/frontend/i18n/en-US.json';

export function renderFallback(englishJson: string): string {
  const tree: unknown = JSON.parse(englishJson);
  return [
    `// Generated from ${SOURCE_FILE.replace('src/frontend/i18n/', '')} by test/foundation/i18n-fallback.test.ts (UPDATE=1); do not edit.`,
    "// A plain module because Forge's UI bundler turns an import of a translations JSON file into an asset URL.",
    "import type { TextTree } from './text-tree';",
    '',
    `export const englishFallback: TextTree = ${JSON.stringify(tree, null, 2)};`,
    '',
  ].join('\n');
}
