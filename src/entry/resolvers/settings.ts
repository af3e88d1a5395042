/**
 * The project settings page's resolvers: the connection (Jira administrators), the project's mapping, people and
 * activity and initial migration (its project administrators). Each call checks the caller's permission on the server first.
 */
import { webTrigger } from '@forge/api';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { forgeFetchTransport } from '../../adapters/forge/fetch-transport';
import { readActivity, retryEntry } from '../../app/admin/activity';
import { readConnectionView, saveConnection, saveConnectionInput } from '../../app/admin/connection';
import { testConnection } from '../../app/admin/connection-test';
import { bindTaskEvents, listBoundEvents } from '../../app/admin/event-binding';
import { readMapping, saveMapping } from '../../app/admin/mapping';
import { beginDryRun, beginMigration, cancelMigration, continueMigration, pauseMigration, readMigration } from '../../app/admin/migration';
import { completeOAuthAuthorization } from '../../app/admin/oauth';
import { authorizationCodeFrom, oauthAuthorizeUrl } from '../../app/admin/oauth-authorize';
import { readPeople, savePeople, savePeopleInput } from '../../app/admin/people-settings';
import { readWorkgroupAccessView, saveWorkgroupAccess, saveWorkgroupAccessInput } from '../../app/admin/workgroup-access';
import type { SETTINGS_CALLS } from './calls';
import { resolverFunction } from './define';
import { userHas } from './guard';

const EVENTS_TRIGGER = 'b24-events';
const empty = z.object({}).passthrough();
const eventUrl = (): Promise<string> => webTrigger.getUrl(EVENTS_TRIGGER);

type Definition = ReturnType<typeof resolverFunction>;

const connection: Partial<Record<(typeof SETTINGS_CALLS)[number], Definition>> = {
  getConnection: resolverFunction({
    permission: 'ADMINISTER', scope: 'site', input: empty,
    run: async ({ deps }) => {
      const url = await eventUrl();
      const view = await readConnectionView(deps, url);
      if (view.authMode !== 'oauth' || !view.connected) return view;
      const events = await listBoundEvents(deps, url, view.eventMode).catch(() => null);
      return events ? { ...view, events: events.events } : view;
    },
  }),
  saveConnection: resolverFunction({
    permission: 'ADMINISTER', scope: 'site', input: saveConnectionInput,
    run: async ({ deps, input }) => {
      await saveConnection(deps, input);
      return readConnectionView(deps, await eventUrl());
    },
  }),
  testConnection: resolverFunction({ permission: 'ADMINISTER', scope: 'site', input: empty, run: ({ deps }) => testConnection(deps) }),
  getAuthorizeUrl: resolverFunction({ permission: 'ADMINISTER', scope: 'site', input: empty, run: ({ deps }) => oauthAuthorizeUrl(deps) }),
  completeOAuth: resolverFunction({
    // The code alone, or the whole address Bitrix24 redirected to.
    permission: 'ADMINISTER', scope: 'site', input: z.object({ code: z.string().trim().min(1, 'Enter the authorisation code').max(2000) }),
    run: async ({ deps, input }) => completeOAuthAuthorization(deps, forgeFetchTransport, await authorizationCodeFrom(deps, input.code)),
  }),
  bindEvents: resolverFunction({ permission: 'ADMINISTER', scope: 'site', input: empty, run: async ({ deps }) => bindTaskEvents(deps, await eventUrl()) }),
  // Which workgroups may pair with which projects: the site admin's decision, never a project admin's.
  getWorkgroupAccess: resolverFunction({ permission: 'ADMINISTER', scope: 'site', input: empty, run: ({ deps }) => readWorkgroupAccessView(deps) }),
  saveWorkgroupAccess: resolverFunction({ permission: 'ADMINISTER', scope: 'site', input: saveWorkgroupAccessInput, run: ({ deps, input }) => saveWorkgroupAccess(deps, input) }),
};

const project: Partial<Record<(typeof SETTINGS_CALLS)[number], Definition>> = {
  getMapping: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => readMapping(deps, scope.projectKey) }),
  saveMapping: resolverFunction({
    permission: 'ADMINISTER_PROJECTS', scope: 'project', input: z.object({ config: z.unknown() }),
    run: ({ deps, scope, input }) => saveMapping(deps, scope.projectKey, input.config),
  }),
  getPeople: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => readPeople(deps, scope.projectKey) }),
  savePeople: resolverFunction({
    permission: 'ADMINISTER_PROJECTS', scope: 'project', input: savePeopleInput,
    run: ({ deps, scope, input }) => savePeople(deps, scope.projectKey, input),
  }),
  getActivity: resolverFunction({
    permission: 'ADMINISTER_PROJECTS', scope: 'project',
    input: z.object({
      limit: z.number().int().min(1).max(100).default(25),
      cursor: z.string().max(500).optional(),
      errorsOnly: z.boolean().optional(),
      sinceDays: z.number().int().min(1).max(30).optional(),
    }),
    run: ({ deps, scope, input }) => readActivity(deps, scope.projectKey, input),
  }),
  retry: resolverFunction({
    permission: 'ADMINISTER_PROJECTS', scope: 'project', input: z.object({ entryId: z.string().min(1).max(200) }),
    run: async ({ deps, scope, input }) => {
      await retryEntry(deps, scope.projectKey, input.entryId);
      return { queued: true };
    },
  }),
  getMigration: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => readMigration(deps, scope.projectKey) }),
  // Idempotent: a running migration is returned as it is, a finished one lists both sides again and pairs only what is new.
  startMigration: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => beginMigration(deps, scope.projectKey) }),
  // Reads only; runs as a job chain on the migration queue and getMigration shows its report when done.
  migrationDryRun: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => beginDryRun(deps, scope.projectKey) }),
  pauseMigration: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => pauseMigration(deps, scope.projectKey) }),
  resumeMigration: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => continueMigration(deps, scope.projectKey) }),
  cancelMigration: resolverFunction({ permission: 'ADMINISTER_PROJECTS', scope: 'project', input: empty, run: ({ deps, scope }) => cancelMigration(deps, scope.projectKey) }),
};

const access: Definition = async (request) => {
  const key = z.object({ extension: z.object({ project: z.object({ key: z.string() }) }) }).safeParse(request.context);
  const projectKey = key.success ? key.data.extension.project.key : undefined;
  // Only tells the page what to show; every other call checks again on its own.
  const [siteAdmin, projectAdmin] = await Promise.all([userHas('ADMINISTER'), projectKey ? userHas('ADMINISTER_PROJECTS', projectKey) : Promise.resolve(false)]);
  return { siteAdmin, projectAdmin };
};

const resolver = new Resolver();
resolver.define('getAccess', access);
for (const [name, fn] of Object.entries({ ...connection, ...project })) if (fn) resolver.define(name, fn);

export const settingsResolver = resolver.getDefinitions();
