import * as fs from 'node:fs';
import * as path from 'node:path';
import { forbiddenCoreImports } from '../support/architecture';
import { importGraph } from '../support/import-graph';
import { importsOf } from '../support/source-imports';

const root = path.resolve(__dirname, '../..');

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourcesUnder(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe('the pure core (src/core)', () => {
  const files = sourcesUnder('src/core');

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s imports nothing from Forge, adapters, entry points, the local platform or Node I/O', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    expect(forbiddenCoreImports({ path: file, text })).toEqual([]);
  });
});

describe('the architecture rule itself', () => {
  const offender = (text: string) => forbiddenCoreImports({ path: 'src/core/sync/plan.ts', text });

  it('flags @forge packages', () => {
    expect(offender("import { kvs } from '@forge/kvs';")).toEqual(['@forge/kvs']);
  });

  it('flags adapters, entry points and the local platform reached by relative paths', () => {
    expect(offender("import { x } from '../../adapters/jira/client';\nexport * from '../../entry/sync-consumer';")).toHaveLength(2);
    expect(offender("const l = require('../../local/platform');")).toEqual(['../../local/platform']);
  });

  it('flags Node I/O modules, with or without the node: prefix', () => {
    expect(offender("import * as fs from 'fs';\nimport http from 'node:http';\nimport('child_process');")).toHaveLength(3);
  });

  it('allows core-internal imports and pure libraries', () => {
    expect(offender("import { unified } from 'unified';\nimport type { AdfDoc } from '../adf';")).toEqual([]);
  });
});

describe('the self-hosted service (src/service)', () => {
  /** Every source file the service's entry reaches through relative imports, with the packages each imports. */
  function reachable(entry: string): Map<string, string[]> {
    const graph = importGraph(path.join(root, 'src'));
    const seen = new Map<string, string[]>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.set(file, importsOf(file, fs.readFileSync(file, 'utf8')).filter((s) => !s.startsWith('.')));
      for (const next of graph.get(file) ?? []) walk(next);
    };
    walk(path.join(root, entry));
    return seen;
  }

  it('reaches the app and its adapters from its entry (the walk itself works)', () => {
    const files = [...reachable('src/service/main.ts').keys()].map((f) => path.relative(root, f));
    expect(files).toEqual(expect.arrayContaining(['src/service/compose.ts', 'src/app/run-job.ts', 'src/entry/intake/b24-event.ts', 'src/adapters/b24/client.ts']));
  });

  it('never reaches a Forge package, the Forge adapters or the Forge composition root', () => {
    const offenders = [...reachable('src/service/main.ts')].flatMap(([file, packages]) => {
      const rel = path.relative(root, file);
      const forgePackages = packages.filter((p) => p.startsWith('@forge/')).map((p) => `${rel} imports ${p}`);
      const forgeModules = rel.startsWith('src/adapters/forge/') || rel === 'src/entry/composition.ts' ? [`${rel} is reached`] : [];
      return [...forgePackages, ...forgeModules];
    });
    expect(offenders).toEqual([]);
  });
});
