/**
 * The import boundaries of .boundaries.json hold over src, on resolved paths: the pure core, use cases without
 * adapters or Forge, a product that never imports the local platform, a local platform that reaches the product
 * only through its public surface, and a service that reaches no Forge package through any chain of imports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import boundaries from '../../.boundaries.json';
import { boundaryViolations, chainsToForge, forbiddenCoreImports, LOCAL_SURFACE } from '../support/architecture';
import { importGraph } from '../support/import-graph';
import { importsOf } from '../support/source-imports';
import { CROSSING_FIXTURES } from '../fixtures/boundaries/crossings';

const root = path.resolve(__dirname, '../..');

function sourcesUnder(base: string, dir: string): string[] {
  return fs.readdirSync(path.join(base, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourcesUnder(base, rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const read = (base: string, file: string): { path: string; text: string } => ({
  path: file,
  text: fs.readFileSync(path.join(base, file), 'utf8'),
});

/** The service's import chains to Forge in the tree under `base`. */
function serviceChains(base: string): string[][] {
  const absolute = importGraph(path.join(base, 'src'));
  const rel = (f: string): string => path.relative(base, f).split(path.sep).join('/');
  const graph = new Map([...absolute].map(([file, targets]) => [rel(file), targets.map(rel)]));
  const starts = [...graph.keys()].filter((f) => f.startsWith('src/service/'));
  const forgeImports = (file: string): boolean =>
    importsOf(file, read(base, file).text).some((s) => s.startsWith('@forge/'));
  return chainsToForge(graph, starts, forgeImports);
}

describe('the import boundaries over src', () => {
  const files = sourcesUnder(root, 'src');

  it('cover the folders that hold the code', () => {
    expect(files.filter((f) => f.startsWith('src/core/')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('src/local/')).length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('src/service/')).length).toBeGreaterThan(0);
  });

  it.each(files)('%s imports across no boundary', (file) => {
    expect(boundaryViolations(read(root, file))).toEqual([]);
  });

  it('keep the service away from Forge through any chain of imports', () => {
    expect(serviceChains(root)).toEqual([]);
  });

  it('name a public surface that exists, and service exceptions that are themselves free of Forge', () => {
    for (const entry of LOCAL_SURFACE) expect(fs.existsSync(path.join(root, entry))).toBe(true);
    const exceptions =
      boundaries.rules.find((rule) => rule.from.includes('src/service') && 'except' in rule)?.except ?? [];
    expect(exceptions.length).toBeGreaterThan(0);
    const absolute = importGraph(path.join(root, 'src'));
    const rel = (f: string): string => path.relative(root, f).split(path.sep).join('/');
    const graph = new Map([...absolute].map(([file, targets]) => [rel(file), targets.map(rel)]));
    const forgeImports = (file: string): boolean =>
      importsOf(file, read(root, file).text).some((s) => s.startsWith('@forge/'));
    expect(chainsToForge(graph, exceptions, forgeImports)).toEqual([]);
  });
});

describe('the boundary checker itself', () => {
  const core = (text: string) => forbiddenCoreImports({ path: 'src/core/sync/plan.ts', text });
  const violations = (file: string, text: string) => boundaryViolations({ path: file, text }).map((v) => v.specifier);

  it('flags @forge packages in the core', () => {
    expect(core("import { kvs } from '@forge/kvs';")).toEqual(['@forge/kvs']);
  });

  it('flags adapters, entry points and the local platform reached by relative paths, require() and import()', () => {
    expect(
      core("import { x } from '../../adapters/jira/client';\nexport * from '../../entry/sync-consumer';"),
    ).toHaveLength(2);
    expect(core("const l = require('../../local/platform');")).toEqual(['../../local/platform']);
  });

  it('flags Node I/O modules in the core, with or without the node: prefix', () => {
    expect(core("import * as fs from 'fs';\nimport http from 'node:http';\nimport('child_process');")).toHaveLength(3);
  });

  it('allows core-internal imports and pure libraries', () => {
    expect(core("import { unified } from 'unified';\nimport type { AdfDoc } from '../adf';")).toEqual([]);
  });

  it('lets the local platform import the ports and the resolver call names, and nothing else of the product', () => {
    const file = 'src/local/jira/fields.ts';
    expect(
      violations(
        file,
        "import type { Clock } from '../../ports/clock';\nimport { RESOLVER_CALLS } from '../../entry/resolvers/calls';",
      ),
    ).toEqual([]);
    expect(
      violations(file, "import type { AdfDoc } from '../../core/adf';\nimport { appClock } from '../../entry/clock';"),
    ).toEqual(['../../core/adf', '../../entry/clock']);
  });

  it('tells a folder inside the local platform from a product folder of the same name', () => {
    expect(
      violations(
        'src/local/b24/methods/tasks.ts',
        "import { app } from './app';\nimport { x } from '../../forge/kvs-store';",
      ),
    ).toEqual([]);
  });

  it('finds the crossings in the fixture tree, the same ones ESLint reports (test/foundation/boundaries-lint.test.ts)', () => {
    const fixture = path.join(root, 'test/fixtures/boundaries');
    const found = sourcesUnder(fixture, 'src').filter((file) => boundaryViolations(read(fixture, file)).length > 0);
    expect(found.sort()).toEqual(CROSSING_FIXTURES);
  });

  it('follows the service through an adapter that imports Forge, which no single import shows', () => {
    const fixture = path.join(root, 'test/fixtures/boundaries');
    expect(serviceChains(fixture)).toEqual(
      expect.arrayContaining([['src/service/reaches-forge-through-an-adapter.ts', 'src/adapters/b24/forge-fetch.ts']]),
    );
  });
});
