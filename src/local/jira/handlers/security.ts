/**
 * Issue security levels and comment visibility on the emulated REST API. The router wraps the issue and comment
 * handlers with these; the dispatcher calls `guardIssueRoute` before every handler of an `{issueIdOrKey}` path.
 * - An issue the caller may not browse, or whose level they are not in, is a 404 on every path (as a missing one).
 * - `fields.security` ({ id } or null) sets the level on create and edit: the caller must hold Administer Projects
 *   (standing in for Set Issue Security) and be in the level; it is returned as `fields.security` when set.
 * - A comment restricted to a role or group is left out of lists and is a 404 for everyone outside it; only a member
 *   of a role or group may restrict a comment to it (Jira answers 400 otherwise).
 */
import type { Handler, HandlerContext } from '../context';
import { badRequest, issueNotFound, jsonResponse, notFound } from '../errors';
import { commentView } from '../events';
import { permissionsOf } from '../permissions';
import {
  canSeeComment,
  canSeeIssue,
  inGroup,
  inLevel,
  inRole,
  levelOf,
  SECURITY_LEVELS,
  setLevel,
  type SecurityLevel,
} from '../restrictions';

export function guardIssueRoute(ctx: HandlerContext): void {
  const idOrKey = ctx.params.issueIdOrKey;
  if (idOrKey === undefined) return;
  const issue = ctx.state.findIssue(idOrKey);
  if (issue !== undefined && !canSeeIssue(ctx.state, ctx.actor.accountId, issue)) throw issueNotFound();
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const idOf = (value: unknown): string => {
  const id = record(value)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
};

async function bodyOf(ctx: HandlerContext): Promise<Record<string, unknown>> {
  return (
    record(
      await ctx.request
        .clone()
        .json()
        .catch(() => undefined),
    ) ?? {}
  );
}

/** The level `fields.security` asks for: undefined when absent, null to clear. */
function requestedLevel(ctx: HandlerContext, value: unknown, projectKey: string): SecurityLevel | null {
  const id = value === null ? '-1' : record(value)?.id;
  const held = permissionsOf(ctx.state, ctx.actor.accountId, projectKey);
  if (!held.has('ADMINISTER_PROJECTS'))
    throw badRequest([], {
      security: "Field 'security' cannot be set. It is not on the appropriate screen, or unknown.",
    });
  if (id === '-1') return null;
  const level = SECURITY_LEVELS.find((l) => l.id === String(id));
  if (level === undefined || !inLevel(ctx.state, ctx.actor.accountId, projectKey, level))
    throw badRequest([], { security: `Security level '${String(id)}' is not valid.` });
  return level;
}

function projectKeyOf(ctx: HandlerContext, body: Record<string, unknown>): string {
  const existing = ctx.params.issueIdOrKey === undefined ? undefined : ctx.state.findIssue(ctx.params.issueIdOrKey);
  if (existing) return ctx.state.projectOf(existing).key;
  const project = record(record(body.fields)?.project);
  const ref = typeof project?.key === 'string' ? project.key : typeof project?.id === 'string' ? project.id : '';
  return ctx.state.projectByIdOrKey(ref)?.key ?? ref;
}

/** Create and edit with `fields.security`: checked and taken out before the field handlers, applied after. */
export const withSecurityField =
  (inner: Handler): Handler =>
  async (ctx) => {
    const body = await bodyOf(ctx);
    const fields = record(body.fields);
    if (fields === undefined || !('security' in fields)) return inner(ctx);
    const level = requestedLevel(ctx, fields.security, projectKeyOf(ctx, body));
    const { security: _taken, ...rest } = fields;
    const request = new Request(ctx.request.url, {
      method: ctx.request.method,
      headers: ctx.request.headers,
      body: JSON.stringify({ ...body, fields: rest }),
    });
    const response = await inner({ ...ctx, request });
    if (!response.ok) return response;
    const text = await response.text();
    const issueId =
      ctx.params.issueIdOrKey === undefined
        ? idOf(JSON.parse(text))
        : (ctx.state.findIssue(ctx.params.issueIdOrKey)?.id ?? '');
    setLevel(ctx.state, issueId, level);
    return new Response(text === '' ? null : text, { status: response.status, headers: response.headers });
  };

/** GET issue: `fields.security` is part of the issue when it has a level and the field is asked for. */
export const withSecurityView =
  (inner: Handler): Handler =>
  async (ctx) => {
    const response = await inner(ctx);
    const issue = ctx.state.findIssue(ctx.params.issueIdOrKey ?? '');
    const level = issue === undefined ? undefined : levelOf(ctx.state, issue.id);
    const asked = ctx.url.searchParams
      .get('fields')
      ?.split(',')
      .map((f) => f.trim());
    if (
      !response.ok ||
      level === undefined ||
      (asked !== undefined && !asked.some((f) => ['security', '*all', '*navigable'].includes(f)))
    )
      return response;
    const view = record(await response.json()) ?? {};
    const fields = record(view.fields) ?? {};
    return jsonResponse(response.status, {
      ...view,
      fields: {
        ...fields,
        security: {
          self: `${ctx.state.seed.baseUrl}/rest/api/3/securitylevel/${level.id}`,
          id: level.id,
          name: level.name,
          description: level.description,
        },
      },
    });
  };

/** Search: issues the caller may not see are not results. */
export const withVisibleResults =
  (inner: Handler): Handler =>
  async (ctx) => {
    const response = await inner(ctx);
    if (!response.ok) return response;
    const page = record(await response.json()) ?? {};
    const issues = Array.isArray(page.issues) ? page.issues : [];
    const visible = issues.filter((i) => {
      const issue = ctx.state.findIssue(idOf(i));
      return issue === undefined || canSeeIssue(ctx.state, ctx.actor.accountId, issue);
    });
    return jsonResponse(response.status, { ...page, issues: visible });
  };

function visibleTo(ctx: HandlerContext, issueId: string): (c: Parameters<typeof canSeeComment>[2]) => boolean {
  const issue = ctx.state.findIssue(issueId);
  const projectKey = issue ? ctx.state.projectOf(issue).key : '';
  return (c) => canSeeComment(ctx.state, ctx.actor.accountId, c, projectKey);
}

/** GET comments with the restricted ones the caller may not see left out (before paging, as Jira counts them). */
export const visibleComments: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const startAt = Math.max(0, Number(ctx.url.searchParams.get('startAt') ?? 0) || 0);
  const maxResults = Math.min(100, Math.max(1, Number(ctx.url.searchParams.get('maxResults') ?? 100) || 100));
  const all = ctx.state
    .commentsOf(issue.id)
    .filter(visibleTo(ctx, issue.id))
    .sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
  if ((ctx.url.searchParams.get('orderBy') ?? 'created') === '-created') all.reverse();
  return jsonResponse(200, {
    startAt,
    maxResults,
    total: all.length,
    comments: all.slice(startAt, startAt + maxResults).map((c) => commentView(ctx.state, c)),
  });
};

/** GET/PUT/DELETE one comment: a restricted comment outside the caller's roles and groups does not exist for them. */
export const withCommentVisibility =
  (inner: Handler): Handler =>
  async (ctx) => {
    const comment = ctx.state.comments.get(ctx.params.id ?? '');
    if (comment !== undefined && !visibleTo(ctx, comment.issueId)(comment))
      throw notFound(`Can not find a comment for the id: ${ctx.params.id ?? ''}.`);
    await checkRestriction(ctx);
    return inner(ctx);
  };

/** Only a member of a role or group may restrict a comment to it. */
async function checkRestriction(ctx: HandlerContext): Promise<void> {
  const v = record((await bodyOf(ctx)).visibility);
  if (v === undefined || (v.type !== 'role' && v.type !== 'group')) return;
  const name = typeof v.value === 'string' ? v.value : typeof v.identifier === 'string' ? v.identifier : '';
  const issue = ctx.state.findIssue(ctx.params.issueIdOrKey ?? '');
  const projectKey = issue ? ctx.state.projectOf(issue).key : '';
  const member =
    v.type === 'role'
      ? inRole(ctx.state, ctx.actor.accountId, projectKey, name)
      : inGroup(ctx.state, ctx.actor.accountId, name);
  if (!member)
    throw badRequest([], {
      commentLevel:
        v.type === 'role'
          ? `You are currently not a member of the project role: ${name}.`
          : `You are currently not a member of the group: ${name}.`,
    });
}

export const withRestrictionCheck =
  (inner: Handler): Handler =>
  async (ctx) => {
    await checkRestriction(ctx);
    return inner(ctx);
  };
