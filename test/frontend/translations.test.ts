/**
 * Every English UI text has a Russian translation, and the manifest declares both files.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import english from '../../src/frontend/i18n/en-US.json';
import russian from '../../src/frontend/i18n/ru-RU.json';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));

describe('translations', () => {
  it('Russian has exactly the English keys', () => {
    expect(leaves(russian as Tree).sort()).toEqual(leaves(english as Tree).sort());
  });

  it('manifest.yml declares both locales with English as the fallback', () => {
    const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
      translations: { resources: { key: string; path: string }[]; fallback: { default: string } };
    };
    expect(manifest.translations.resources).toEqual([
      { key: 'en-US', path: 'src/frontend/i18n/en-US.json' },
      { key: 'ru-RU', path: 'src/frontend/i18n/ru-RU.json' },
    ]);
    expect(manifest.translations.fallback.default).toBe('en-US');
  });
});
