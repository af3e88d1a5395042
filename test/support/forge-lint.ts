/**
 * `forge lint`, client side, offline: the files and linters @forge/cli 13.3.0's LintService picks
 * (service/lint-service.js: everything under ./src plus each UI Kit resource's directory, minus .gitignore'd files;
 * `getClientSideLintersOnly`), run by @forge/lint's own `lint`, with the pinned OpenAPI specs of forge-lint-specs.ts
 * so its permission linter downloads nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ConfigFile,
  FileSystemReader,
  FileSystemWriter,
  listGitIgnoreFiles,
  type StatsigService,
} from '@forge/cli-shared';
import { getClientSideLintersOnly, lint, parseSourceFile } from '@forge/lint';
import { LOCAL_SPECS } from './forge-lint-specs';
import { contentKey } from './forge-package/cache';

export interface LintFinding {
  level: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}
export interface LintOutcome {
  candidates: string[];
  read: string[];
  findings: LintFinding[];
}

/** The client-side linters read one flag list from the feature-flag service; offline it is empty. */
const offlineStatsig = { getDeprecatedRuntimes: () => Promise.resolve([]) } as unknown as StatsigService;
const quiet = { info: () => undefined };

/** Lints `appDir` as `forge lint` would; `read` lists the files the linter really parsed. */
export async function lintApp(appDir: string): Promise<LintOutcome> {
  const previous = process.cwd();
  const previousEnv = Object.fromEntries(Object.keys(LOCAL_SPECS).map((k) => [k, process.env[k]]));
  Object.assign(process.env, LOCAL_SPECS);
  process.chdir(appDir); // the CLI and the linter resolve manifest.yml, tsconfig.json and src/ against it
  try {
    const reader = new FileSystemReader();
    const configFile = new ConfigFile(reader, new FileSystemWriter());
    const manifest = await configFile.readConfig();
    const uiDirs = (await configFile.getResources(['nativeUI'])).map((r) => path.dirname(r.path));
    const exclude = [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules'];
    const listed = await Promise.all(['./src', ...uiDirs].map((dir) => reader.recursiveReadDir(dir, exclude)));
    const candidates = [...new Set(listed.flat())];
    const read: string[] = [];
    const results = await lint(candidates, manifest, 'development', quiet, offlineStatsig, {
      linter: { mode: 'client-side' },
      linters: await getClientSideLintersOnly(manifest, 'development', quiet, offlineStatsig),
      parseFunction: (file, parser, readFile) => {
        read.push(file);
        return parseSourceFile(file, parser, readFile);
      },
    });
    const findings = results.flatMap((r) => [
      ...r.errors.map((e) => ({ level: 'error' as const, file: r.file, line: e.line, message: e.message })),
      ...r.warnings.map((w) => ({ level: 'warning' as const, file: r.file, line: w.line, message: w.message })),
    ]);
    return { candidates, read, findings };
  } finally {
    process.chdir(previous);
    for (const [k, v] of Object.entries(previousEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const lintPackage = path.resolve(__dirname, '../../node_modules/@forge/lint/package.json');
const lintCache = path.resolve(__dirname, '../../node_modules/.cache/forge-lint');

/**
 * lintApp, kept per content like the package (~40 s of CPU for this app): the key covers the app's sources,
 * manifest and tsconfig, the pinned specs, this file and the installed @forge/lint.
 */
export async function lintAppOnce(appDir: string): Promise<LintOutcome> {
  const key = contentKey(appDir, [path.resolve(__dirname, '../fixtures/forge-lint'), __filename, lintPackage]);
  const file = path.join(lintCache, `${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LintOutcome;
  const outcome = await lintApp(appDir);
  fs.mkdirSync(lintCache, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(outcome));
  return outcome;
}
