/**
 * GET and POST /rest/api/2/search ([REST] "api/2/search"): JQL with names for people (jql-users.ts), offset paging
 * with `startAt`, `maxResults` (default 50; above the site's limit, 1000 by default
 * `jira.search.views.default.max`, it is cut down) and `total`; `fields` default `*navigable`; `expand` (e.g.
 * `changelog`); only issues the caller may browse. An empty JQL lists everything the caller may see, as Jira does.
 * The index trails writes by the site's `searchLagMs` (0 unless a test sets it), as a cluster's index may.
 */
import { readJsonBody } from '../../jira/body';
import { badRequest, jsonResponse } from '../../jira/errors';
import { issueView } from '../../jira/issue-view';
import { matches, sortKey, unknownProjects } from '../../jira/jql-match';
import { can } from '../../jira/permissions';
import type { DcContext, DcHandler } from '../context';
import { toDc } from '../from-cloud';
import { parseDcJql } from '../jql-users';

const MAX_RESULTS = 1000;

interface SearchRequest {
  jql: string;
  startAt: number;
  maxResults: number;
  fields: string[];
  expand: string[];
}

/**
 * Data Center indexes an issue property for JQL only when a plugin declares it (the `jira-entity-property` module,
 * developer.atlassian.com/server/jira/platform/entity-property/); this site has none, so such a clause names a
 * field Jira does not know, as an unindexed property does.
 */
const PROPERTY_CLAUSE = /issue\.property\s*\[\s*([^\]]*)\]/i;

function search(ctx: DcContext, req: SearchRequest): Response {
  const { state, directory, clock } = ctx.site;
  const property = PROPERTY_CLAUSE.exec(req.jql);
  if (property !== null)
    throw badRequest([
      `Field 'issue.property[${property[1] ?? ''}]' does not exist or you do not have permission to view it.`,
    ]);
  if (!Number.isInteger(req.startAt) || req.startAt < 0 || !Number.isInteger(req.maxResults) || req.maxResults < 0)
    throw badRequest(["'startAt' and 'maxResults' must be non-negative integers."]);
  const query = parseDcJql(directory, req.jql, clock.now(), ctx.actor.accountId);
  const missing = query.where === null ? undefined : unknownProjects(state, query.where)[0];
  if (missing !== undefined)
    throw badRequest([`Error in the JQL Query: The value '${missing}' does not exist for the field 'project'.`]);
  const order = query.orderBy.length > 0 ? query.orderBy : [{ field: 'key', desc: true }];
  const where = query.where;
  const found = state.searchIndex
    .visible(state.issues, clock.now(), new Set())
    .filter(
      (issue) =>
        can(state, ctx.actor.accountId, state.projectOf(issue).key, 'BROWSE_PROJECTS') &&
        (where === null || matches(state, issue, where)),
    )
    .sort((a, b) => {
      for (const o of order) {
        const x = sortKey(state, a, o.field);
        const y = sortKey(state, b, o.field);
        if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
      }
      return Number(b.id) - Number(a.id);
    });
  const maxResults = Math.min(MAX_RESULTS, req.maxResults);
  const issues = found
    .slice(req.startAt, req.startAt + maxResults)
    .map((issue) => issueView(state, issue, { fields: req.fields, expand: req.expand, viewerId: ctx.actor.accountId }));
  return jsonResponse(200, {
    expand: 'schema,names',
    startAt: req.startAt,
    maxResults,
    total: found.length,
    issues: toDc(state, directory, issues),
  });
}

const list = (values: string[]): string[] =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

export const searchGet: DcHandler = (ctx) => {
  const q = ctx.url.searchParams;
  return search(ctx, {
    jql: q.get('jql') ?? '',
    startAt: Number(q.get('startAt') ?? 0),
    maxResults: Number(q.get('maxResults') ?? 50),
    fields: q.has('fields') ? list(q.getAll('fields')) : ['*navigable'],
    expand: list(q.getAll('expand')),
  });
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The POST form: `expand` is a list of strings here (SearchRequestBean), a comma-separated string in GET. */
export const searchPost: DcHandler = async (ctx) => {
  const body = await readJsonBody(ctx.request, '/rest/api/2/search');
  const number = (v: unknown, fallback: number): number =>
    v === undefined ? fallback : typeof v === 'number' ? v : NaN;
  return search(ctx, {
    jql: typeof body.jql === 'string' ? body.jql : '',
    startAt: number(body.startAt, 0),
    maxResults: number(body.maxResults, 50),
    fields: Array.isArray(body.fields) ? strings(body.fields) : ['*navigable'],
    expand: typeof body.expand === 'string' ? list([body.expand]) : strings(body.expand),
  });
};
