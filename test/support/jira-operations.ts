/**
 * Collects the Jira operations the app really calls across the scenario suite, for the scope check in
 * test/support/jest-global-teardown.ts. Jest runs test files in parallel worker processes, so each scenario file
 * writes its own list (`"GET /rest/api/3/issue/{id}"`, the local platform's per-endpoint stats key) into the per-run
 * directory globalSetup created; the teardown reads them all once every test is done. Recording hooks the local
 * platform's StatsRecorder, so calls counted before a test's `resetStats()` are kept as well.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StatsRecorder, jiraEndpoint } from '../../src/local/forge/stats';

export const OPERATIONS_DIR_ENV = 'JIRA_OPERATIONS_DIR';

let installed = false;

/** Call once from a test file's module scope (the scenario harness does). Without globalSetup it does nothing. */
export function recordJiraOperations(): void {
  const dir = process.env[OPERATIONS_DIR_ENV];
  if (!dir || installed) return;
  installed = true;
  const testPath = expect.getState().testPath ?? `pid-${process.pid}`;
  const file = path.join(dir, `${path.basename(testPath)}.json`);
  const seen = new Set<string>();
  const save = () => fs.writeFileSync(file, JSON.stringify([...seen].sort()));
  save(); // an empty list still says this file ran
  const original = StatsRecorder.prototype.recordJira;
  StatsRecorder.prototype.recordJira = function recordJira(this: StatsRecorder, method: string, url: URL): void {
    const operation = jiraEndpoint(method, url);
    if (!seen.has(operation)) {
      seen.add(operation);
      save();
    }
    original.call(this, method, url);
  };
}

export interface RecordedOperations {
  files: string[];
  operations: string[];
}

export function readRecordedOperations(dir: string): RecordedOperations {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const operations = new Set<string>();
  for (const f of files)
    for (const op of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as string[]) operations.add(op);
  return { files: files.map((f) => f.replace(/\.json$/, '')), operations: [...operations].sort() };
}
