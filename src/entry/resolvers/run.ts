/**
 * One shape for every resolver, on any platform: read the module context, check the caller's permission through
 * the platform's rights, validate the payload, run the use case with the app's dependencies, and turn every
 * failure into `{ error: sentence }`. Nothing here knows Forge: ./define.ts hands it Forge's host, the
 * self-hosted service its own.
 */
import { z } from 'zod';
import { AdminError } from '../../app/admin/admin-errors';
import type { AppDeps } from '../../app/deps';
import { isSyncError } from '../../core/errors';
import type { HttpTransport } from '../../ports/http';
import { ISSUE_REFUSAL, REFUSALS, type Permission, type RightsPort } from './rights';

/** What each platform provides to its resolvers. */
export interface ResolverHost {
  rights: RightsPort;
  /** The app's dependencies, built once the checks have passed. */
  compose(): AppDeps;
  /** The address Bitrix24 delivers events to (Forge: the web trigger's URL). */
  eventUrl(): Promise<string>;
  /** Plain HTTP for calls outside the clients (the OAuth code exchange). */
  transport: HttpTransport;
}

/** A resolver call as it arrives: the module context and the payload, neither trusted. */
export interface ResolverRequest {
  context: unknown;
  payload?: unknown;
}

export type ResolverCall = (request: ResolverRequest, host: ResolverHost) => Promise<unknown>;

export interface ResolverScope {
  accountId: string;
  projectKey: string;
  issue?: { id: string; key: string };
}

export interface ResolverSpec<S extends z.ZodType> {
  /** Every listed permission is required; the refusal names the first one missing. */
  permission: Permission | readonly Permission[];
  /** 'site' checks the permission globally; 'project' and 'issue' within the module's project. */
  scope: 'site' | 'project' | 'issue';
  input: S;
  run: (args: { deps: AppDeps; input: z.infer<S>; scope: ResolverScope; host: ResolverHost }) => Promise<unknown>;
}

export type ErrorReply = {
  error: string;
  code?: string;
  params?: Record<string, string>;
  problems?: { path: string; message: string; code?: string; params?: Record<string, string> }[];
};

/** Each part of the context is read on its own: a malformed project key must not read as "not logged in". */
const accountSchema = z.object({ accountId: z.string().min(1) });
const projectSchema = z.object({
  extension: z.object({ project: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/) }) }),
});
const issueSchema = z.object({
  extension: z.object({
    issue: z.object({ id: z.coerce.string().regex(/^\d{1,18}$/), key: z.string().min(1).max(100) }),
  }),
});

/** The project key the context names, unchecked beyond its shape (getAccess reads it without a spec). */
export const contextProjectKey = (context: unknown): string | undefined =>
  projectSchema.safeParse(context).data?.extension.project.key;

export function resolverCall<S extends z.ZodType>(spec: ResolverSpec<S>): ResolverCall {
  return async (request, host) => {
    const accountId = accountSchema.safeParse(request.context).data?.accountId;
    const projectKey = contextProjectKey(request.context);
    const issue = issueSchema.safeParse(request.context).data?.extension.issue;
    if (!accountId) return { error: 'You need to be logged in to Jira.', code: 'context.login' };
    if (spec.scope !== 'site' && !projectKey)
      return { error: 'Open this page from a Jira project.', code: 'context.project' };
    if (spec.scope === 'issue' && !issue) return { error: 'Open this panel from a Jira issue.', code: 'context.issue' };
    const missing = await host.rights.firstMissing(
      typeof spec.permission === 'string' ? [spec.permission] : spec.permission,
      spec.scope === 'site' ? undefined : projectKey,
    );
    // `code` lets the page word the refusal in the reader's language; `error` stays the English sentence.
    if (missing) return { error: REFUSALS[missing], code: `refused.${missing}` };
    // The issue is re-read as the caller: it must exist, be visible to them and belong to the project checked above.
    if (issue && spec.scope === 'issue' && !(await host.rights.issueInProject(issue, projectKey ?? '')))
      return { error: ISSUE_REFUSAL, code: 'context.issueRefused' };
    const input = spec.input.safeParse(request.payload ?? {});
    if (!input.success) return invalidInput(input.error);
    const deps = host.compose();
    try {
      return await spec.run({
        deps,
        input: input.data,
        scope: { accountId, projectKey: projectKey ?? '', ...(issue ? { issue } : {}) },
        host,
      });
    } catch (error) {
      return failure(deps, error);
    }
  };
}

function invalidInput(error: z.ZodError): ErrorReply {
  const problems = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const where = problems[0]?.path ? ` (${problems[0].path})` : '';
  return {
    error: `The request was not understood${where}: ${problems[0]?.message ?? 'invalid input'}.`,
    ...(problems[0]?.path
      ? { code: 'invalidInputAt', params: { path: problems[0].path } }
      : { code: 'invalidInput', params: {} }),
    problems,
  };
}

function failure(deps: AppDeps, error: unknown): ErrorReply {
  if (error instanceof AdminError)
    return { error: error.message, ...(error.code ? { code: error.code, params: error.params } : {}) };
  // Never the raw message: remote failures may quote URLs that carry a webhook secret.
  deps.log.error('resolver failed', {
    reason: isSyncError(error) ? error.code : error instanceof Error ? error.name : 'unknown',
  });
  if (isSyncError(error) && error.retryable)
    return { error: 'A remote service is busy or unreachable right now. Try again in a minute.', code: 'busy' };
  return {
    error: 'Something went wrong on our side. Try again; if it keeps failing, check the Activity tab.',
    code: 'internal',
  };
}
