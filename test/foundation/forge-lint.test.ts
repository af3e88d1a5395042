/**
 * `forge lint` (client side, as @forge/cli runs it) over every source file, offline, with zero findings; and the way
 * it silently stops checking: a tsconfig `include` that is not a glob, so the linter parses no file.
 */
import * as path from 'node:path';
import * as ts from 'typescript';
import { lintApp, lintAppOnce, type LintOutcome } from '../support/forge-lint';

const root = path.resolve(__dirname, '../..');
const noGlobApp = path.join(root, 'test/fixtures/forge-app-noglob');
const egressApp = path.join(root, 'test/fixtures/forge-app-egress');

/**
 * The files TypeScript compiles for the app (relative paths). A file tsc compiles but forge lint did not read is a
 * file the linter silently skipped (an `include` that is not a glob); a file tsconfig `exclude`s on purpose (the
 * sandbox page's browser code) is compiled by neither and is not the app's.
 */
function compiledFiles(appDir: string): Set<string> {
  const configPath = path.join(appDir, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, appDir);
  return new Set(parsed.fileNames.map((f) => path.relative(appDir, f)));
}

/** A lint run that parsed nothing checked nothing: it must count as a failure, not a pass. */
function lintProblems(outcome: LintOutcome, appDir: string): string[] {
  const compiled = compiledFiles(appDir);
  const sources = outcome.candidates.filter((f) => /\.[jt]sx?$/.test(f) && compiled.has(f));
  const unread = sources.filter((f) => !outcome.read.includes(f));
  return [
    ...(outcome.read.length === 0 ? ['forge lint read no source file (are tsconfig include entries globs?)'] : []),
    ...unread.map((f) => `forge lint skipped ${f}`),
    ...outcome.findings.map((f) => `${f.level}: ${f.file}:${f.line} ${f.message}`),
  ];
}

describe('forge lint', () => {
  it('reads every source file of the app and finds nothing', async () => {
    const outcome = await lintAppOnce(root); // kept per content of the app, like the package
    expect(outcome.read.length).toBeGreaterThan(100);
    expect(lintProblems(outcome, root)).toEqual([]);
  }, 300_000);

  it('fails an app whose tsconfig include has no globs: the linter reads no file', async () => {
    const outcome = await lintApp(noGlobApp);
    expect(outcome.candidates).toContain('src/index.ts');
    expect(outcome.read).toEqual([]);
    expect(lintProblems(outcome, noGlobApp)).toEqual(
      expect.arrayContaining([
        'forge lint read no source file (are tsconfig include entries globs?)',
        'forge lint skipped src/index.ts',
      ]),
    );
  }, 120_000);

  it('fails an app with a finding: a fetch to a domain the manifest does not declare', async () => {
    const outcome = await lintApp(egressApp);
    expect(outcome.read).toEqual(['src/index.ts']);
    expect(lintProblems(outcome, egressApp)).toEqual([
      expect.stringMatching(/^error: src\/index\.ts:5 .*undeclared\.example\.com/),
    ]);
  }, 120_000);
});
