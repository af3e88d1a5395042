/**
 * Packaging an app as `forge deploy` does takes one to two minutes, so it runs at most once per content: the result
 * (or the failure) is kept under node_modules/.cache/forge-package/<hash of every input>. Why a content cache and not
 * jest's globalSetup: globalSetup would make every jest run pay the minute, even one that runs a single unit test;
 * here only the tests that read the package pay, once, and a stale package cannot be read because any change to
 * src/, test/'s TypeScript, the manifest, tsconfig, the lock file or this packaging code changes the key. Parallel jest workers that ask
 * for the same key wait on one lock directory instead of building twice.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PackageReport } from './report';

const repoRoot = path.resolve(__dirname, '../../..');
const cacheRoot = path.join(repoRoot, 'node_modules/.cache/forge-package');
// What shapes the package besides the app: the packaging code and the runtime stub (not the checks or this file).
const ownInputs = [
  path.join(__dirname, 'build.ts'),
  path.join(__dirname, 'report.ts'),
  path.resolve(__dirname, '../forge-runtime-stub'),
];
const LOCK_STALE_MS = 15 * 60_000;

export type PackageOutcome = { ok: true; dir: string; report: PackageReport } | { ok: false; error: string };

function filesUnder(target: string): string[] {
  if (!fs.existsSync(target)) return [];
  if (fs.statSync(target).isFile()) return [target];
  return fs
    .readdirSync(target, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * The app's own inputs to packaging or lint: sources, manifest, tsconfig and package files, and the TypeScript
 * under test/, which tsconfig.json includes and so the bundler type-checks (a cached result kept a test's type
 * error after it was fixed).
 */
function inputsOf(appDir: string): string[] {
  const typed = filesUnder(path.join(appDir, 'test')).filter((f) => /\.tsx?$/.test(f));
  return [
    ...['src', 'manifest.yml', 'tsconfig.json', 'package.json', 'package-lock.json'].flatMap((name) =>
      filesUnder(path.join(appDir, name)),
    ),
    ...typed,
  ];
}

/** A key that changes with any byte of the app's inputs, the `extra` files or directories, or the lock file. */
export function contentKey(appDir: string, extra: string[]): string {
  const hash = createHash('sha256');
  for (const file of [
    ...inputsOf(path.resolve(appDir)),
    ...extra.flatMap(filesUnder),
    path.join(repoRoot, 'package-lock.json'),
  ]) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

export function packageKey(appDir: string): string {
  return contentKey(appDir, ownInputs);
}

function readOutcome(dir: string): PackageOutcome | undefined {
  const errorFile = path.join(dir, 'error.txt');
  if (fs.existsSync(errorFile)) return { ok: false, error: fs.readFileSync(errorFile, 'utf8') };
  const reportFile = path.join(dir, 'report.json');
  if (!fs.existsSync(reportFile)) return undefined;
  return { ok: true, dir, report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as PackageReport };
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(lock: string, done: () => boolean): boolean {
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return true;
    } catch {
      if (done()) return false;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      sleep(500);
    }
  }
}

function build(appDir: string, target: string): void {
  const work = `${target}.work-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const run = spawnSync(tsx, [path.join(__dirname, 'build.ts'), appDir, work], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  if (run.status === null) {
    // killed or timed out: not a verdict on the app, so nothing is kept
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(`packaging ${appDir} did not finish: ${run.error?.message ?? run.signal ?? 'unknown'}`);
  }
  if (run.status !== 0) {
    fs.mkdirSync(work, { recursive: true });
    fs.writeFileSync(path.join(work, 'error.txt'), `${run.stderr}${run.stdout}${run.error?.message ?? ''}`);
  }
  fs.renameSync(work, target);
  prune();
}

/** Keeps the newest results only; each app version packaged leaves ~6 MB. */
function prune(keep = 8): void {
  const entries = fs
    .readdirSync(cacheRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^[0-9a-f]{24}$/.test(e.name))
    .map((e) => ({ dir: path.join(cacheRoot, e.name), at: fs.statSync(path.join(cacheRoot, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of entries.slice(keep)) fs.rmSync(old.dir, { recursive: true, force: true });
}

/** Packages `appDir` (default: this repository), or returns the kept result for the same inputs. Synchronous. */
export function packagedApp(appDir: string = repoRoot): PackageOutcome {
  const dir = path.join(cacheRoot, packageKey(appDir));
  const kept = readOutcome(dir);
  if (kept) return kept;
  fs.mkdirSync(cacheRoot, { recursive: true });
  const lock = `${dir}.lock`;
  if (takeLock(lock, () => readOutcome(dir) !== undefined)) {
    try {
      if (!readOutcome(dir)) build(path.resolve(appDir), dir);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  const outcome = readOutcome(dir);
  if (!outcome) throw new Error(`packaging left nothing in ${dir}`);
  return outcome;
}
