/**
 * POST and GET /rest/api/3/search/jql: JQL over the search index (which trails writes by `searchLagMs`; issues
 * named in `reconcileIssues` are read live), only issues the caller may browse, `fields` selection (default id
 * only) and `nextPageToken` paging.
 */
import { readJsonBody } from '../body';
import type { Handler, HandlerContext } from '../context';
import { badRequest, jsonResponse } from '../errors';
import { issueView } from '../issue-view';
import { parseJql } from '../jql';
import { matches, sortKey, unknownProjects } from '../jql-match';
import { can } from '../permissions';

interface SearchRequest {
  jql: string;
  fields: string[];
  properties: string[];
  expand: string[];
  maxResults: number | undefined;
  nextPageToken: string | undefined;
  reconcileIssues: number[];
}

const encodeToken = (jql: string, offset: number): string =>
  Buffer.from(JSON.stringify({ jql, offset })).toString('base64url');

function decodeToken(token: string, jql: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { jql?: unknown; offset?: unknown };
    if (parsed.jql === jql && typeof parsed.offset === 'number') return parsed.offset;
  } catch {
    // fall through to Jira's answer for a bad token
  }
  throw badRequest(['The provided next page token is invalid or expired.']);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function search(ctx: HandlerContext, req: SearchRequest): Response {
  const { state } = ctx;
  const query = parseJql(req.jql, ctx.clock.now(), ctx.actor.accountId);
  if (query.where === null)
    throw badRequest(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  const missing = unknownProjects(state, query.where)[0];
  if (missing !== undefined)
    throw badRequest([`Error in the JQL Query: The value '${missing}' does not exist for the field 'project'.`]);
  if (req.reconcileIssues.length > 50) throw badRequest(['The maximum number of issues to reconcile is 50.']);
  const idOnly = req.fields.length === 0 || (req.fields.length === 1 && req.fields[0] === 'id');
  if (req.properties.length > 5) throw badRequest(['At most 5 properties can be requested.']);
  const maxResults = Math.min(idOnly ? 5000 : 100, Math.max(1, req.maxResults ?? 50));
  const offset = req.nextPageToken === undefined ? 0 : decodeToken(req.nextPageToken, req.jql);

  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'id', desc: true }];
  const reconcile = new Set(req.reconcileIssues.map(String));
  const where = query.where;
  const found = state.searchIndex
    .visible(state.issues, ctx.clock.now(), reconcile)
    .filter(
      (issue) =>
        can(state, ctx.actor.accountId, state.projectOf(issue).key, 'BROWSE_PROJECTS') && matches(state, issue, where),
    )
    .sort((a, b) => {
      for (const o of order) {
        const x = sortKey(state, a, o.field);
        const y = sortKey(state, b, o.field);
        if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
      }
      return Number(a.id) - Number(b.id);
    });
  const page = found.slice(offset, offset + maxResults);
  const issues = page.map((issue) =>
    idOnly && req.properties.length === 0 && req.expand.length === 0
      ? { id: issue.id }
      : issueView(state, issue, {
          fields: idOnly ? ['id'] : req.fields,
          properties: req.properties,
          expand: req.expand,
          viewerId: ctx.actor.accountId,
        }),
  );
  const isLast = offset + maxResults >= found.length;
  return jsonResponse(200, {
    issues,
    isLast,
    ...(isLast ? {} : { nextPageToken: encodeToken(req.jql, offset + maxResults) }),
  });
}

export const searchJql: Handler = async (ctx) => {
  const body = await readJsonBody(ctx.request, '/rest/api/3/search/jql');
  return search(ctx, {
    jql: typeof body.jql === 'string' ? body.jql : '',
    fields: Array.isArray(body.fields) ? strings(body.fields) : ['id'],
    properties: strings(body.properties),
    expand:
      typeof body.expand === 'string'
        ? body.expand
            .split(',')
            .map((e) => e.trim())
            .filter((e) => e !== '')
        : [],
    maxResults: typeof body.maxResults === 'number' ? body.maxResults : undefined,
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
    reconcileIssues: Array.isArray(body.reconcileIssues)
      ? body.reconcileIssues.filter((n): n is number => typeof n === 'number')
      : [],
  });
};

/** The GET form takes the same parameters in the query string, lists comma-separated. */
export const searchJqlGet: Handler = (ctx) => {
  const q = ctx.url.searchParams;
  const list = (name: string): string[] =>
    q
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const reconcile = list('reconcileIssues');
  if (reconcile.some((r) => !/^\d+$/.test(r))) throw badRequest(["'reconcileIssues' must be a list of issue ids."]);
  const max = q.get('maxResults');
  return search(ctx, {
    jql: q.get('jql') ?? '',
    fields: q.has('fields') ? list('fields') : ['id'],
    properties: list('properties'),
    expand: list('expand'),
    maxResults: max === null ? undefined : Number(max) || undefined,
    nextPageToken: q.get('nextPageToken') ?? undefined,
    reconcileIssues: reconcile.map(Number),
  });
};
