/**
 * The scope check that jest's globalTeardown runs over the Jira operations the scenario suite really called
 * (test/support/jest-global-teardown.ts), shown here on given operations so each way it fails is seen failing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { JIRA_SPEC } from '../support/forge-lint-specs';
import { checkScopes, findOperation, scopesOf, type OpenApiScopes } from '../support/jira-scopes';

const root = path.resolve(__dirname, '../..');
const spec = JSON.parse(fs.readFileSync(JIRA_SPEC, 'utf8')) as OpenApiScopes;
const declared = (
  parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } }
).permissions.scopes;

describe('the Jira scope check', () => {
  it("reads an operation's classic scope from the spec, and a granular one only where no classic scope exists", () => {
    const scopes = (op: string) => scopesOf(findOperation(spec, op)?.operation ?? {});
    expect(scopes('GET /rest/api/3/issue/{id}')).toEqual(['read:jira-work']);
    expect(scopes('PUT /rest/api/3/issue/{id}')).toEqual(['write:jira-work']);
    expect(scopes('GET /rest/api/3/user/email/bulk')).toEqual(['read:email-address:jira']);
  });

  it('prefers a literal path over a parameter (createmeta is not an issue key)', () => {
    expect(findOperation(spec, 'GET /rest/api/3/issue/createmeta')?.template).toBe('/rest/api/3/issue/createmeta');
  });

  it('fails an operation whose scope manifest.yml does not declare', () => {
    const withoutEmail = declared.filter((s) => s !== 'read:email-address:jira');
    expect(checkScopes(['GET /rest/api/3/user/email/bulk'], spec, withoutEmail, false).problems).toEqual([
      'manifest.yml does not declare read:email-address:jira, needed by GET /rest/api/3/user/email/bulk',
    ]);
  });

  it('fails, over the whole suite, a declared scope no call needs, and a missing storage:app', () => {
    const { problems } = checkScopes(
      ['GET /rest/api/3/issue/{id}'],
      spec,
      ['read:jira-work', 'manage:jira-configuration'],
      true,
    );
    expect(problems).toEqual([
      'manifest.yml declares manage:jira-configuration, which no call needs',
      'manifest.yml does not declare storage:app',
    ]);
  });

  it("fails a call that is not in Jira's REST API", () => {
    expect(checkScopes(['GET /rest/api/3/nothing-here'], spec, declared, false).problems).toEqual([
      "GET /rest/api/3/nothing-here is not an operation of Jira's REST API v3",
    ]);
  });
});
