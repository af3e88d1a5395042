/**
 * The service runtime's world: the default one, but the portal is an on-premise Bitrix24 on the customer's own
 * domain, with no outgoing webhook (offline events only: a portal behind a firewall cannot call the service), and
 * Jira has a service account the service holds an API token of. The service is then connected the way its admin
 * does it, through its own resolvers: the Jira account learned from /myself, an admin webhook registered in Jira
 * with a secret, the portal's local application authorised, offline events bound, and DEMO ⇄ group 1 mapped.
 */
import { DYNAMIC_WEBHOOK_EVENTS } from '../../ports/jira-webhooks';
import type { SandboxService } from '../../service/sandbox-entry';
import type { Bitrix24Emulator } from '../b24';
import type { JiraEmulator } from '../jira';
import { defaultSeed, type PlatformSeed } from '../seed';

export const ON_PREMISE_PORTAL = 'tasks.example-corp.ru';
export const SERVICE_ACCOUNT = {
  accountId: '712020:0b24a5f0-aaaa-4bbb-8ccc-000000000a98',
  email: 'sync.service@example-corp.ru',
};
/** The secret the admin typed when registering the webhook in Jira, and gave the service. */
export const JIRA_WEBHOOK_SECRET = 'sandbox-jira-webhook-secret';

export function serviceSeed(): PlatformSeed {
  const seed = defaultSeed();
  const demo = seed.jira.users.find((u) => u.globalPermissions?.includes('ADMINISTER'))?.projectPermissions?.DEMO;
  return {
    ...seed,
    b24Events: { ...seed.b24Events, events: [] },
    jira: {
      ...seed.jira,
      users: [
        ...seed.jira.users,
        {
          accountId: SERVICE_ACCOUNT.accountId,
          displayName: 'Bitrix24 Sync (service)',
          email: SERVICE_ACCOUNT.email,
          projectPermissions: { DEMO: [...(demo ?? [])] },
        },
      ],
    },
    b24: { ...seed.b24, domain: ON_PREMISE_PORTAL },
  };
}

export interface ServiceSeedContext {
  seed: PlatformSeed;
  service: SandboxService;
  jira: JiraEmulator;
  b24: Bitrix24Emulator;
  publicUrl: string;
}

async function settings(service: SandboxService, call: string, payload: Record<string, unknown> = {}) {
  const reply = await service.resolve({ page: 'settings', call, payload, extension: { project: { key: 'DEMO' } } });
  // A refused save answers { ok: false, ... } rather than throwing: the seed must not go on half connected.
  if (typeof reply === 'object' && reply !== null && 'ok' in reply && reply.ok === false)
    throw new Error(`seeding the service: ${call} was refused: ${JSON.stringify(reply)}`);
  return reply;
}

export async function seedService({ seed, service, jira, b24, publicUrl }: ServiceSeedContext): Promise<void> {
  const integrationUser = seed.b24.users.find((u) => u.admin) ?? seed.b24.users[0];
  const client = seed.b24.oauthClient;
  if (!integrationUser || !client) throw new Error('the seed has no Bitrix24 admin or no local application');
  await service.learnJiraAccount();
  jira.registerAdminWebhook({
    name: 'Bitrix24 Sync',
    url: new URL('/events/jira', publicUrl).toString(),
    events: [...DYNAMIC_WEBHOOK_EVENTS],
    jqlFilter: `project = ${seed.jiraProjectKey}`,
    secret: JIRA_WEBHOOK_SECRET,
  });
  await settings(service, 'saveConnection', {
    mode: 'oauth',
    portal: seed.b24.domain,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    applicationToken: seed.b24.applicationToken,
    events: 'offline',
  });
  await settings(service, 'completeOAuth', { code: b24.issueAuthorizationCode(integrationUser.id) });
  await settings(service, 'bindEvents');
  b24.addUserField({ name: 'UF_JIRA_STATUS', type: 'string', multiple: false, mandatory: false });
  await settings(service, 'saveWorkgroupAccess', {
    entries: [{ groupId: seed.b24GroupId, projects: [seed.jiraProjectKey] }],
  });
  const opened = await settings(service, 'getMapping');
  const defaults = typeof opened === 'object' && opened !== null && 'config' in opened ? opened.config : undefined;
  if (typeof defaults !== 'object' || defaults === null)
    throw new Error(`seeding the service: getMapping answered no mapping: ${JSON.stringify(opened)}`);
  await settings(service, 'saveMapping', {
    config: {
      ...defaults,
      b24GroupId: seed.b24GroupId,
      timeZone: seed.b24.timeZone,
      connection: { portalDomain: seed.b24.domain, authMode: 'oauth' },
    },
  });
}
