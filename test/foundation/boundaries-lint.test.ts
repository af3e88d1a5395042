/**
 * Lint fails on an import across a boundary: the repository's own ESLint config, run through ESLint's Node API
 * over a miniature src (test/fixtures/boundaries), reports no-restricted-imports on exactly the files that cross a
 * boundary of .boundaries.json, with the rule's reason, and on none of the files that stay within the rules.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import boundaries from '../../.boundaries.json';
import { CROSSING_FIXTURES } from '../fixtures/boundaries/crossings';
import type { LintedFile } from '../support/lint-tree';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/boundaries');

describe('lint across the import boundaries', () => {
  let reported: Map<string, string[]>;

  beforeAll(() => {
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'test/support/lint-tree.ts'), FIXTURE, 'src'],
      {
        encoding: 'utf8',
        timeout: 150_000,
      },
    );
    if (run.status !== 0) throw new Error(`linting the fixture failed: ${run.stderr}`);
    const linted = JSON.parse(run.stdout) as LintedFile[];
    reported = new Map(
      linted.map((r) => [r.file, r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)]),
    );
  }, 180_000);

  it('lints the whole fixture', () => {
    expect(reported.size).toBeGreaterThan(CROSSING_FIXTURES.length);
  });

  it('fails on each crossing, and only there', () => {
    const failing = [...reported].filter(([, messages]) => messages.length > 0).map(([file]) => file);
    expect(failing.sort()).toEqual(CROSSING_FIXTURES);
  });

  it.each([
    ['src/app/imports-an-adapter.ts', "'../adapters/b24/client'", 'src/app holds the use cases'],
    ['src/app/imports-forge.ts', "'@forge/kvs'", 'src/app holds the use cases'],
    ['src/app/imports-the-service-database.ts', "'pg'", 'stay out of the Forge bundle'],
    [
      'src/app/admin/imports-the-local-platform.ts',
      "'../../local/platform'",
      'The product never imports the local platform',
    ],
    ['src/index.ts', "'./local/platform'", 'The product never imports the local platform'],
    ['src/local/jira/imports-core.ts', "'../../core/plan'", 'only through its public surface'],
    ['src/service/imports-a-forge-adapter.ts', "'../adapters/forge/queue'", 'runs without Forge'],
    ['src/service/imports-a-forge-handler.ts', "'../entry/sync-consumer'", 'runs without Forge'],
  ])('%s: %s is refused with the reason', (file, specifier, reason) => {
    const [message, ...more] = reported.get(file) ?? [];
    expect(more).toEqual([]);
    expect(message).toContain(specifier);
    expect(message).toContain(reason);
    expect(boundaries.rules.some((rule) => rule.why.includes(reason))).toBe(true);
  });
});
