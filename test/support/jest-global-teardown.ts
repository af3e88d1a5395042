/**
 * Jest globalTeardown: after every test file has run, the scope check over the Jira operations the scenario suite
 * really called (see jira-operations.ts and jira-scopes.ts). With the whole scenario suite, manifest.yml must declare
 * exactly the scopes those operations need plus storage:app; with part of it, at least those. A failure fails the
 * jest run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { OPERATIONS_DIR_ENV, readRecordedOperations } from './jira-operations';
import { JIRA_SPEC } from './forge-lint-specs';
import { checkScopes, type OpenApiScopes } from './jira-scopes';

const root = path.resolve(__dirname, '../..');

export default function globalTeardown(): void {
  const dir = process.env[OPERATIONS_DIR_ENV];
  if (!dir || !fs.existsSync(dir)) return;
  try {
    const recorded = readRecordedOperations(dir);
    if (recorded.files.length === 0) return; // no scenario ran
    const scenarioFiles = fs.readdirSync(path.join(root, 'test/scenarios')).filter((f) => f.endsWith('.test.ts'));
    const complete = scenarioFiles.every((f) => recorded.files.includes(f));
    const manifest = parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
      permissions?: { scopes?: string[] };
    };
    const spec = JSON.parse(fs.readFileSync(JIRA_SPEC, 'utf8')) as OpenApiScopes;
    const { problems } = checkScopes(recorded.operations, spec, manifest.permissions?.scopes ?? [], complete);
    if (problems.length > 0) {
      throw new Error(
        `Scope check over the ${recorded.operations.length} Jira operations the scenarios called:\n  ${problems.join('\n  ')}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
