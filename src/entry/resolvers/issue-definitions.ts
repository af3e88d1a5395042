/**
 * The issue panel's resolvers. Everyone who may browse the project sees the linked task; acting on it (sync, link,
 * unlink, create) changes the issue, so it needs Edit Issues too. The issue comes from the module context, never
 * from the payload, so a caller cannot act on another issue.
 */
import { z } from 'zod';
import { readHealth } from '../../app/health/health-notices';
import {
  createTaskForIssue,
  linkIssueToTask,
  readLinkedTask,
  syncIssueNow,
  unlinkIssue,
  type IssueRef,
} from '../../app/admin/issue-panel';
import type { ISSUE_CALLS } from './calls';
import { resolverCall, type ResolverCall, type ResolverScope } from './run';

const empty = z.object({}).passthrough();
const WRITE = ['BROWSE_PROJECTS', 'EDIT_ISSUES'] as const;

const issueOf = (scope: ResolverScope): IssueRef => ({
  issueId: scope.issue?.id ?? '',
  issueKey: scope.issue?.key ?? '',
  projectKey: scope.projectKey,
});

/** Every call of the issue panel, by name. */
export const ISSUE_DEFINITIONS: Record<(typeof ISSUE_CALLS)[number], ResolverCall> = {
  getLinkedTask: resolverCall({
    permission: 'BROWSE_PROJECTS',
    scope: 'issue',
    input: empty,
    // canEdit only decides which buttons the panel shows; each action checks again.
    run: async ({ deps, scope, host }) => ({
      ...(await readLinkedTask(deps, issueOf(scope))),
      canEdit: (await host.rights.firstMissing(['EDIT_ISSUES'], scope.projectKey)) === null,
      health: await readHealth(deps, [scope.projectKey]),
    }),
  }),
  syncNow: resolverCall({
    permission: WRITE,
    scope: 'issue',
    input: empty,
    run: async ({ deps, scope }) => {
      await syncIssueNow(deps, issueOf(scope));
      return { queued: true };
    },
  }),
  linkTask: resolverCall({
    permission: WRITE,
    scope: 'issue',
    input: z.object({ task: z.string().trim().min(1, 'Enter a task number or link').max(500) }),
    run: async ({ deps, scope, input }) => ({ link: await linkIssueToTask(deps, issueOf(scope), input.task) }),
  }),
  unlink: resolverCall({
    permission: WRITE,
    scope: 'issue',
    input: empty,
    run: async ({ deps, scope }) => {
      await unlinkIssue(deps, issueOf(scope));
      return { unlinked: true };
    },
  }),
  createInB24: resolverCall({
    permission: WRITE,
    scope: 'issue',
    input: empty,
    run: async ({ deps, scope }) => {
      await createTaskForIssue(deps, issueOf(scope));
      return { queued: true };
    },
  }),
};
