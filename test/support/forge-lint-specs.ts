/**
 * The OpenAPI specs @forge/lint's permission linter reads instead of downloading them, when USE_LOCAL_SWAGGER and
 * every LOCAL_*_SWAGGER are set (@forge/lint linters/permission-linter/permission-linter.js, `bootstrap`). Jira's is
 * the pinned scopes subset in test/fixtures/forge-lint (see its README); the other products, which this app does
 * not call, have no paths.
 */
import * as path from 'node:path';

const fixtures = path.resolve(__dirname, '../fixtures/forge-lint');
export const JIRA_SPEC = path.join(fixtures, 'jira-openapi-v3.scopes.json');
const NO_PATHS = path.join(fixtures, 'no-paths.json');

export const LOCAL_SPECS: Record<string, string> = {
  USE_LOCAL_SWAGGER: '1',
  LOCAL_JIRA_SWAGGER: JIRA_SPEC,
  LOCAL_JSM_SWAGGER: NO_PATHS,
  LOCAL_JSW_SWAGGER: NO_PATHS,
  LOCAL_CONF_SWAGGER: NO_PATHS,
  LOCAL_CONF_V2_SWAGGER: NO_PATHS,
  LOCAL_BB_SWAGGER: NO_PATHS,
};
