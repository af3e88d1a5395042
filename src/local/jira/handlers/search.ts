/** POST /rest/api/3/search/jql: the JQL subset, `fields` selection (default id only) and `nextPageToken` paging. */
import { readJsonBody } from '../body';
import type { Handler } from '../context';
import { badRequest, jsonResponse } from '../errors';
import { issueView } from '../issue-view';
import { type Clause, parseJql } from '../jql';
import type { JiraState, StoredIssue } from '../state';

function propertyValue(issue: StoredIssue, key: string, path: string[]): unknown {
  let value: unknown = issue.properties.get(key);
  for (const p of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[p] : undefined;
  return value;
}

function matches(state: JiraState, issue: StoredIssue, clause: Clause): boolean {
  switch (clause.kind) {
    case 'in': {
      if (clause.field === 'project') {
        const project = state.projectOf(issue);
        return clause.values.some((v) => v.toUpperCase() === project.key || v === project.id);
      }
      if (clause.field === 'key') return clause.values.some((v) => v.toUpperCase() === issue.key);
      if (clause.field === 'id') return clause.values.includes(issue.id);
      const status = state.workflowOf(state.projectOf(issue)).statuses.find((s) => s.id === issue.statusId);
      return clause.values.some((v) => v.toLowerCase() === status?.name.toLowerCase() || v === issue.statusId);
    }
    case 'time': {
      // JQL compares at minute precision.
      const t = Math.floor(issue[clause.field] / 60_000) * 60_000;
      return { '>=': t >= clause.at, '>': t > clause.at, '<=': t <= clause.at, '<': t < clause.at, '=': t === clause.at }[clause.op];
    }
    case 'property': {
      const v = propertyValue(issue, clause.key, clause.path);
      return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === clause.value;
    }
  }
}

function sortKey(issue: StoredIssue, field: string): number | string {
  if (field === 'updated' || field === 'created') return issue[field];
  if (field === 'key' || field === 'issuekey' || field === 'id') return Number(issue.id);
  if (field === 'summary') return issue.summary;
  throw badRequest([`Error in the JQL Query: the emulator cannot order by '${field}'.`]);
}

function checkProjects(state: JiraState, clauses: Clause[]): void {
  for (const c of clauses) {
    if (c.kind !== 'in' || c.field !== 'project') continue;
    const missing = c.values.find((v) => state.projectByIdOrKey(v) === undefined);
    if (missing !== undefined) throw badRequest([`The value '${missing}' does not exist for the field 'project'.`]);
  }
}

const encodeToken = (jql: string, offset: number): string => Buffer.from(JSON.stringify({ jql, offset })).toString('base64url');

function decodeToken(token: string, jql: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { jql?: unknown; offset?: unknown };
    if (parsed.jql === jql && typeof parsed.offset === 'number') return parsed.offset;
  } catch {
    // fall through to Jira's answer for a bad token
  }
  throw badRequest(['The provided next page token is invalid or expired.']);
}

export const searchJql: Handler = async (ctx) => {
  const body = await readJsonBody(ctx.request, '/rest/api/3/search/jql');
  const jql = typeof body.jql === 'string' ? body.jql : '';
  const query = parseJql(jql, ctx.clock.now());
  checkProjects(ctx.state, query.clauses);
  const fields = Array.isArray(body.fields) ? body.fields.filter((f): f is string => typeof f === 'string') : ['id'];
  const idOnly = fields.length === 0 || (fields.length === 1 && fields[0] === 'id');
  const properties = Array.isArray(body.properties) ? body.properties.filter((p): p is string => typeof p === 'string') : [];
  if (properties.length > 5) throw badRequest(['At most 5 properties can be requested.']);
  const cap = idOnly ? 5000 : 100;
  const maxResults = Math.min(cap, Math.max(1, typeof body.maxResults === 'number' ? body.maxResults : 50));
  const offset = typeof body.nextPageToken === 'string' ? decodeToken(body.nextPageToken, jql) : 0;

  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'id', desc: true }];
  const found = [...ctx.state.issues.values()]
    .filter((issue) => query.clauses.every((c) => matches(ctx.state, issue, c)))
    .sort((a, b) => {
      for (const o of order) {
        const x = sortKey(a, o.field);
        const y = sortKey(b, o.field);
        if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
      }
      return Number(a.id) - Number(b.id);
    });
  const page = found.slice(offset, offset + maxResults);
  const expand = typeof body.expand === 'string' ? body.expand.split(',').map((e) => e.trim()) : [];
  const issues = page.map((issue) =>
    idOnly && properties.length === 0 && expand.length === 0
      ? { id: issue.id }
      : issueView(ctx.state, issue, { fields: idOnly ? ['id'] : fields, properties, expand, viewerId: ctx.actor.accountId }),
  );
  const isLast = offset + maxResults >= found.length;
  return jsonResponse(200, { issues, isLast, ...(isLast ? {} : { nextPageToken: encodeToken(jql, offset + maxResults) }) });
};
