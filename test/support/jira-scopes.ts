/**
 * Which OAuth scopes the Jira operations an app calls need, read from Jira's OpenAPI spec, and how that compares
 * with manifest.yml. An operation's classic scopes are its `x-atlassian-oauth2-scopes` entries in state "Current"
 * (else its `security` OAuth2 entry); only an operation with no classic scope falls back to its granular ("Beta")
 * ones, e.g. `/rest/api/3/user/email/bulk` → `read:email-address:jira`. This is the order @forge/lint's
 * ProductVerifier reads them in.
 */
interface ScopeEntry {
  scheme?: string;
  scopes?: string[];
  state?: string;
}
interface SpecOperation {
  security?: Record<string, string[]>[];
  'x-atlassian-oauth2-scopes'?: ScopeEntry[];
}
export interface OpenApiScopes {
  paths: Record<string, Record<string, SpecOperation>>;
}

/** Scopes the app declares for reasons other than a Jira REST call (Forge storage). */
export const NON_REST_SCOPES = ['storage:app'];

interface Match {
  template: string;
  params: number;
  operation: SpecOperation;
}

function templateRegex(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}/?$`);
}

/** The spec operation for `"GET /rest/api/3/issue/{id}"`; literal segments win over parameters. */
export function findOperation(spec: OpenApiScopes, operation: string): Match | undefined {
  const [method = '', path = ''] = operation.split(' ');
  const matches: Match[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const op = methods[method.toLowerCase()];
    if (op && templateRegex(template).test(path))
      matches.push({ template, params: (template.match(/\{/g) ?? []).length, operation: op });
  }
  return matches.sort((a, b) => a.params - b.params)[0];
}

export function scopesOf(op: SpecOperation): string[] {
  const entries = op['x-atlassian-oauth2-scopes'] ?? [];
  const current = entries.filter((e) => e.state === 'Current').flatMap((e) => e.scopes ?? []);
  if (current.length > 0) return current;
  const classic = (op.security ?? []).flatMap((s) => s.OAuth2 ?? []);
  if (classic.length > 0) return classic;
  return entries.filter((e) => e.state === 'Beta').flatMap((e) => e.scopes ?? []);
}

export interface ScopeCheck {
  required: Map<string, string[]>;
  problems: string[];
}

/**
 * `exact`: the operations are everything the app calls, so a declared scope nothing needs is a problem too.
 * Without it (a partial test run) only missing scopes are.
 */
export function checkScopes(operations: string[], spec: OpenApiScopes, declared: string[], exact: boolean): ScopeCheck {
  const required = new Map<string, string[]>();
  const problems: string[] = [];
  for (const operation of [...new Set(operations)].sort()) {
    const found = findOperation(spec, operation);
    if (!found) {
      problems.push(`${operation} is not an operation of Jira's REST API v3`);
      continue;
    }
    const scopes = scopesOf(found.operation);
    if (scopes.length === 0) problems.push(`${operation} (${found.template}) has no OAuth scope in the spec`);
    for (const scope of scopes) required.set(scope, [...(required.get(scope) ?? []), operation]);
  }
  for (const [scope, by] of required) {
    if (!declared.includes(scope)) problems.push(`manifest.yml does not declare ${scope}, needed by ${by.join(', ')}`);
  }
  if (exact) {
    for (const scope of declared) {
      if (!required.has(scope) && !NON_REST_SCOPES.includes(scope))
        problems.push(`manifest.yml declares ${scope}, which no call needs`);
    }
    for (const scope of NON_REST_SCOPES)
      if (!declared.includes(scope)) problems.push(`manifest.yml does not declare ${scope}`);
  }
  return { required, problems };
}
