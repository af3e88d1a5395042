/**
 * The issue panel's resolvers. Everyone who may browse the project may see the linked task and act on it; the
 * issue comes from the module context, never from the payload, so a caller cannot act on another issue.
 */
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { createTaskForIssue, linkIssueToTask, readLinkedTask, syncIssueNow, unlinkIssue, type IssueRef } from '../../app/admin/issue-panel';
import type { ISSUE_CALLS } from './calls';
import { resolverFunction, type ResolverScope } from './define';

const empty = z.object({}).passthrough();

const issueOf = (scope: ResolverScope): IssueRef => ({ issueId: scope.issue?.id ?? '', issueKey: scope.issue?.key ?? '', projectKey: scope.projectKey });

const definitions: Record<(typeof ISSUE_CALLS)[number], (request: Parameters<ReturnType<typeof resolverFunction>>[0]) => Promise<unknown>> = {
  getLinkedTask: resolverFunction({ permission: 'BROWSE_PROJECTS', scope: 'issue', input: empty, run: ({ deps, scope }) => readLinkedTask(deps, issueOf(scope)) }),
  syncNow: resolverFunction({
    permission: 'BROWSE_PROJECTS', scope: 'issue', input: empty,
    run: async ({ deps, scope }) => {
      await syncIssueNow(deps, issueOf(scope));
      return { queued: true };
    },
  }),
  linkTask: resolverFunction({
    permission: 'BROWSE_PROJECTS', scope: 'issue', input: z.object({ task: z.string().trim().min(1, 'Enter a task number or link').max(500) }),
    run: async ({ deps, scope, input }) => ({ link: await linkIssueToTask(deps, issueOf(scope), input.task) }),
  }),
  unlink: resolverFunction({
    permission: 'BROWSE_PROJECTS', scope: 'issue', input: empty,
    run: async ({ deps, scope }) => {
      await unlinkIssue(deps, issueOf(scope));
      return { unlinked: true };
    },
  }),
  createInB24: resolverFunction({
    permission: 'BROWSE_PROJECTS', scope: 'issue', input: empty,
    run: async ({ deps, scope }) => {
      await createTaskForIssue(deps, issueOf(scope));
      return { queued: true };
    },
  }),
};

const resolver = new Resolver();
for (const [name, fn] of Object.entries(definitions)) resolver.define(name, fn);

export const issueResolver = resolver.getDefinitions();
