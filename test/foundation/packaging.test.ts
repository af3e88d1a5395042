/**
 * The app packaged the way `forge deploy` packages it (Atlassian's bundler and CLI classes, offline; see
 * test/support/forge-package/build.ts), then checked the way the platform would take it. Packaging runs once per
 * content of the app (test/support/forge-package/cache.ts), so only the first run after a change pays for it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packagedApp, type PackageOutcome } from '../support/forge-package/cache';
import {
  FORGE_LIMITS,
  htmlProblems,
  missingHandlers,
  nonBuiltinRequires,
  rewrittenTranslationImports,
  sizeProblems,
} from '../support/forge-package/checks';
import type { PackageReport } from '../support/forge-package/report';
import { readManifest } from '../support/manifest-checks';

const root = path.resolve(__dirname, '../..');
const PACKAGING_TIMEOUT = 15 * 60_000;
const manifest = readManifest(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
const handlers = (manifest.modules?.function ?? []).map((f) => f.handler);
const resourceKeys = ['settings-page', 'issue-panel'];

function built(outcome: PackageOutcome): { dir: string; report: PackageReport } {
  if (!outcome.ok) throw new Error(`packaging failed:\n${outcome.error}`);
  return outcome;
}

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
const uiKeys = keysOf(JSON.parse(fs.readFileSync(path.join(root, 'src/frontend/i18n/en-US.json'), 'utf8')) as Tree);

/** Texts on a rendered page that are translation keys rather than words. */
function rawKeys(texts: string[]): string[] {
  return texts.filter((t) => uiKeys.includes(t.trim()));
}

function renderBuiltPage(resourceDir: string, entry: string): { texts: string[]; rejections: string[] } {
  const run = spawnSync(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'test/support/forge-package/render-page.ts'), resourceDir, entry],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (run.status !== 0) throw new Error(`rendering ${entry} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { texts: string[]; rejections: string[] };
}

describe('the app, packaged as forge deploy packages it', () => {
  let app: { dir: string; report: PackageReport };
  beforeAll(() => {
    app = built(packagedApp(root));
  }, PACKAGING_TIMEOUT);

  it('exports every handler manifest.yml names from the function bundle', () => {
    expect(handlers.length).toBeGreaterThan(0);
    expect(missingHandlers(handlers, app.report.function.exports)).toEqual([]);
  });

  it('leaves only Node built-ins, which nodejs22.x provides, to require at run time', () => {
    const bundle = fs.readFileSync(path.join(app.dir, 'function/index.cjs'), 'utf8');
    expect(nonBuiltinRequires(bundle)).toEqual([]);
  });

  it("gives each UI Kit resource an index.html with its <html> root, which Forge's resource packager accepts", () => {
    expect(Object.keys(app.report.resources).sort()).toEqual([...resourceKeys].sort());
    for (const key of resourceKeys) {
      expect(htmlProblems(key, fs.readFileSync(path.join(app.dir, 'resources', key, 'index.html')))).toEqual([]);
    }
  });

  it("stays within Forge's deployment size limits", () => {
    expect(sizeProblems(app.report)).toEqual([]);
  });

  it('bundles no translations file as an asset: the pages carry their English fallback as code', () => {
    for (const key of resourceKeys)
      expect(rewrittenTranslationImports(path.join(app.dir, 'resources', key))).toEqual([]);
  });

  it.each([['settings-page'], ['issue-panel']])(
    '%s, rendered from the bundle without translations, shows words, no raw key',
    (key) => {
      const page = renderBuiltPage(path.join(app.dir, 'resources', key), `${key}.js`);
      expect(page.texts.length).toBeGreaterThan(0);
      expect(rawKeys(page.texts)).toEqual([]);
      expect(page.texts).toContain('Retry'); // common.retry, from the fallback: every invoke was refused
    },
    120_000,
  );
});

describe('the packaging checks themselves', () => {
  it(
    'fail the packaging of an app whose tsconfig sets noEmit, as forge deploy does',
    () => {
      const outcome = packagedApp(path.join(root, 'test/fixtures/forge-app-noemit'));
      expect(outcome.ok).toBe(false);
      expect(outcome.ok ? '' : outcome.error).toMatch(/TypeScript emitted no output for .*index\.ts/);
    },
    PACKAGING_TIMEOUT,
  );

  it('refuse an index.html whose <html> root a minifier dropped (webpack >= 5.110)', () => {
    const minified = Buffer.from(
      '<!doctype html><meta charset="utf-8"><title>x</title><script defer src="p.js"></script>',
    );
    expect(htmlProblems('issue-panel', minified)).toEqual([
      'issue-panel: index.html has no <html> root (iframe resizer)',
      'issue-panel: index.html has no <html> root (bridge)',
    ]);
  });

  it('report a handler the bundle does not export', () => {
    expect(missingHandlers(['index.onSyncJob', 'index.gone'], ['onSyncJob'])).toEqual([
      'index.gone is not exported by the function bundle',
    ]);
  });

  it('report a package left to require at run time, which the Forge runtime does not have', () => {
    expect(
      nonBuiltinRequires('module.exports = require("fs"); const k = require("keytar"); require("node:path");'),
    ).toEqual(['keytar']);
  });

  it("report a resource over Forge's limits", () => {
    const report: PackageReport = {
      function: { archiveBytes: 1, rawBytes: 1, files: 1, exports: [] },
      resources: {
        big: { archiveBytes: 1, rawBytes: FORGE_LIMITS.resourceBytes + 1, files: FORGE_LIMITS.resourceFiles + 1 },
      },
    };
    expect(sizeProblems(report)).toEqual([
      `resource big: ${FORGE_LIMITS.resourceFiles + 1} files, limit ${FORGE_LIMITS.resourceFiles}`,
      `resource big: ${FORGE_LIMITS.resourceBytes + 1} bytes, limit ${FORGE_LIMITS.resourceBytes}`,
    ]);
  });

  it('report a translations file the UI bundler turned into an asset, and a raw key on a page', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resource-'));
    fs.mkdirSync(path.join(dir, '__LOCALES__'));
    fs.writeFileSync(path.join(dir, '__LOCALES__/en-US.json'), '{}');
    expect(rewrittenTranslationImports(dir)).toEqual(['__LOCALES__/en-US.json']);
    expect(rawKeys(['Connection', 'people.pickB24'])).toEqual(['people.pickB24']);
  });
});
