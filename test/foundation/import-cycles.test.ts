/**
 * No import circles in src: every module can be read, moved and tested from its own imports down. The checker is
 * shown to find a circle in a fixture first, so a silent checker cannot pass.
 */
import { join } from 'path';
import { cyclesOf, importGraph } from '../support/import-graph';

const ROOT = join(__dirname, '..', '..');

describe('import circles', () => {
  it('are found by the checker (a fixture with a circle of three and a clean file)', () => {
    const fixture = join(ROOT, 'test', 'fixtures', 'import-cycles');
    expect(cyclesOf(importGraph(fixture), fixture)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('are absent from src', () => {
    expect(cyclesOf(importGraph(join(ROOT, 'src')), ROOT)).toEqual([]);
  });
});
