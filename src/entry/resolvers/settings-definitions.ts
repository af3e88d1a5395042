/**
 * The project settings page's resolvers: the connection (Jira administrators), the project's mapping, people and
 * activity and initial migration (its project administrators). Each call checks the caller's permission on the
 * server first, through the platform's rights (./run.ts).
 */
import { z } from 'zod';
import { readActivity, retryEntry } from '../../app/admin/activity';
import { readConnectionView, saveConnection, saveConnectionInput } from '../../app/admin/connection';
import { testConnection } from '../../app/admin/connection-test';
import { bindTaskEvents, listBoundEvents } from '../../app/admin/event-binding';
import { readMapping, saveMapping } from '../../app/admin/mapping';
import {
  beginDryRun,
  beginMigration,
  cancelMigration,
  continueMigration,
  pauseMigration,
  readMigration,
} from '../../app/admin/migration';
import { completeOAuthAuthorization } from '../../app/admin/oauth';
import { authorizationCodeFrom, oauthAuthorizeUrl } from '../../app/admin/oauth-authorize';
import { readPeople, savePeople, savePeopleInput } from '../../app/admin/people-settings';
import {
  readWorkgroupAccessView,
  saveWorkgroupAccess,
  saveWorkgroupAccessInput,
} from '../../app/admin/workgroup-access';
import type { SETTINGS_CALLS } from './calls';
import { contextProjectKey, resolverCall, type ResolverCall } from './run';

const empty = z.object({}).passthrough();

type Definition = ResolverCall;

const connection: Partial<Record<(typeof SETTINGS_CALLS)[number], Definition>> = {
  getConnection: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: empty,
    run: async ({ deps, host }) => {
      const url = await host.eventUrl();
      const view = await readConnectionView(deps, url);
      if (view.authMode !== 'oauth' || !view.connected) return view;
      const events = await listBoundEvents(deps, url, view.eventMode).catch(() => null);
      return events ? { ...view, events: events.events } : view;
    },
  }),
  saveConnection: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: saveConnectionInput,
    run: async ({ deps, input, host }) => {
      await saveConnection(deps, input);
      return readConnectionView(deps, await host.eventUrl());
    },
  }),
  testConnection: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: empty,
    run: ({ deps }) => testConnection(deps),
  }),
  getAuthorizeUrl: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: empty,
    run: ({ deps }) => oauthAuthorizeUrl(deps),
  }),
  completeOAuth: resolverCall({
    // The code alone, or the whole address Bitrix24 redirected to.
    permission: 'ADMINISTER',
    scope: 'site',
    input: z.object({ code: z.string().trim().min(1, 'Enter the authorisation code').max(2000) }),
    run: async ({ deps, input, host }) =>
      completeOAuthAuthorization(deps, host.transport, await authorizationCodeFrom(deps, input.code)),
  }),
  bindEvents: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: empty,
    run: async ({ deps, host }) => bindTaskEvents(deps, await host.eventUrl()),
  }),
  // Which workgroups may pair with which projects: the site admin's decision, never a project admin's.
  getWorkgroupAccess: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: empty,
    run: ({ deps }) => readWorkgroupAccessView(deps),
  }),
  saveWorkgroupAccess: resolverCall({
    permission: 'ADMINISTER',
    scope: 'site',
    input: saveWorkgroupAccessInput,
    run: ({ deps, input }) => saveWorkgroupAccess(deps, input),
  }),
};

const project: Partial<Record<(typeof SETTINGS_CALLS)[number], Definition>> = {
  getMapping: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => readMapping(deps, scope.projectKey),
  }),
  saveMapping: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: z.object({ config: z.unknown() }),
    run: ({ deps, scope, input }) => saveMapping(deps, scope.projectKey, input.config),
  }),
  getPeople: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => readPeople(deps, scope.projectKey),
  }),
  savePeople: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: savePeopleInput,
    run: ({ deps, scope, input }) => savePeople(deps, scope.projectKey, input),
  }),
  getActivity: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: z.object({
      limit: z.number().int().min(1).max(100).default(25),
      cursor: z.string().max(500).optional(),
      errorsOnly: z.boolean().optional(),
      sinceDays: z.number().int().min(1).max(30).optional(),
    }),
    run: ({ deps, scope, input }) => readActivity(deps, scope.projectKey, input),
  }),
  retry: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: z.object({ entryId: z.string().min(1).max(200) }),
    run: async ({ deps, scope, input }) => {
      await retryEntry(deps, scope.projectKey, input.entryId);
      return { queued: true };
    },
  }),
  getMigration: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => readMigration(deps, scope.projectKey),
  }),
  // Idempotent: a running migration is returned as it is, a finished one lists both sides again and pairs only what is new.
  startMigration: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => beginMigration(deps, scope.projectKey),
  }),
  // Reads only; runs as a job chain on the migration queue and getMigration shows its report when done.
  migrationDryRun: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => beginDryRun(deps, scope.projectKey),
  }),
  pauseMigration: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => pauseMigration(deps, scope.projectKey),
  }),
  resumeMigration: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => continueMigration(deps, scope.projectKey),
  }),
  cancelMigration: resolverCall({
    permission: 'ADMINISTER_PROJECTS',
    scope: 'project',
    input: empty,
    run: ({ deps, scope }) => cancelMigration(deps, scope.projectKey),
  }),
};

const access: Definition = async (request, host) => {
  const projectKey = contextProjectKey(request.context);
  // Only tells the page what to show; every other call checks again on its own.
  const [siteAdmin, projectAdmin] = await Promise.all([
    host.rights.firstMissing(['ADMINISTER']).then((missing) => missing === null),
    projectKey
      ? host.rights.firstMissing(['ADMINISTER_PROJECTS'], projectKey).then((missing) => missing === null)
      : Promise.resolve(false),
  ]);
  return { siteAdmin, projectAdmin };
};

/** Every call of the settings page, by name. */
export const SETTINGS_DEFINITIONS: Record<string, ResolverCall> = Object.fromEntries(
  Object.entries({ getAccess: access, ...connection, ...project }).filter(
    (entry): entry is [string, ResolverCall] => entry[1] !== undefined,
  ),
);
