/**
 * The pages' English fallback is code generated from en-US.json, because Forge's UI bundler turns an import of a
 * translations file into an asset URL (then every missing translation would show its raw key). UPDATE=1 rewrites it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FALLBACK_FILE, SOURCE_FILE, renderFallback } from '../support/i18n-fallback';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('the English fallback of the UI text', () => {
  it(`is ${FALLBACK_FILE}, generated from ${SOURCE_FILE}`, () => {
    const expected = renderFallback(read(SOURCE_FILE));
    if (process.env.UPDATE === '1') fs.writeFileSync(path.join(root, FALLBACK_FILE), expected);
    expect(read(FALLBACK_FILE)).toBe(expected); // on a difference: UPDATE=1 npx jest test/foundation/i18n-fallback.test.ts
  });

  it('is a difference the check sees', () => {
    const changed = read(SOURCE_FILE).replace('"Retry"', '"Try again"');
    expect(renderFallback(changed)).not.toBe(read(FALLBACK_FILE));
  });

  it('is the only way the frontend reaches a translations file', () => {
    const sources = fs
      .readdirSync(path.join(root, 'src/frontend'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f))
      .filter((f) => /from '[^']*i18n\/[^']*\.json'/.test(fs.readFileSync(path.join(root, 'src/frontend', f), 'utf8')));
    expect(sources).toEqual([]);
  });
});
