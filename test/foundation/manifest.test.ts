import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validate } from '@forge/manifest';
import { exportNamesOf } from '../support/source-imports';
import { handlerProblems, readManifest, triggerEventProblems } from '../support/manifest-checks';

const root = path.resolve(__dirname, '../..');
const manifestText = fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8');
const indexExports = exportNamesOf('src/index.ts', fs.readFileSync(path.join(root, 'src/index.ts'), 'utf8'));

interface Finding {
  level: string;
  message: string;
  line?: number;
}

async function findings(manifestPath: string, cwd: string): Promise<Finding[]> {
  const previous = process.cwd();
  process.chdir(cwd); // the validator resolves handler and resource files against the working directory
  try {
    const result = await validate(false, manifestPath);
    return result.errors ?? [];
  } finally {
    process.chdir(previous);
  }
}

describe('manifest.yml', () => {
  it('has no error-level finding from @forge/manifest (warnings are printed)', async () => {
    const all = await findings('manifest.yml', root);
    const warnings = all.filter((f) => f.level !== 'error');
    if (warnings.length > 0) console.warn(warnings.map((w) => `${w.level}: ${w.message}`).join('\n'));
    expect(all.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('names only handlers that src/index.ts exports', () => {
    expect(indexExports.length).toBeGreaterThan(0);
    expect(handlerProblems(readManifest(manifestText), indexExports)).toEqual([]);
  });

  it('subscribes only to real Jira product events', () => {
    expect(triggerEventProblems(readManifest(manifestText))).toEqual([]);
  });

  it("keeps the trigger from hearing the app's own writes and uses the supported runtime", () => {
    const m = readManifest(manifestText);
    const triggers = m.modules?.trigger ?? [];
    expect(triggers.length).toBeGreaterThan(0);
    expect(triggers.every((t) => t.filter?.ignoreSelf === true)).toBe(true);
    expect(m.app?.runtime?.name).toBe('nodejs22.x');
  });
});

describe('the manifest checks themselves', () => {
  it('report an error-level finding for a module missing its required keys', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    fs.writeFileSync(path.join(dir, 'manifest.yml'), manifestText.replace(/\n {6}function: sync-fn\n/, '\n'));
    const errors = (await findings('manifest.yml', dir)).filter((f) => f.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
  });

  it('report a handler that src/index.ts does not export', () => {
    const bad = readManifest(manifestText.replace('index.onSyncJob', 'index.onSyncJobTypo'));
    expect(handlerProblems(bad, indexExports)).toEqual([
      'function sync-fn: src/index.ts does not export onSyncJobTypo',
    ]);
  });

  it('report avi:jira:updated:comment, which Jira never emits', () => {
    const bad = readManifest(manifestText.replace('avi:jira:deleted:comment', 'avi:jira:updated:comment'));
    expect(triggerEventProblems(bad)).toEqual([
      'trigger jira-events: avi:jira:updated:comment is not a Jira product event',
    ]);
  });
});
