/**
 * Connects the app inside the local platform the way an administrator would on the settings page: the portal,
 * its application token and the integration user's incoming webhook as secrets, DEMO ⇄ group 1 under the
 * default mapping, and group 1 listed for DEMO on the Connection tab. Runs at start and after every reset.
 */
import { B24_CREDENTIALS_KEY } from '../adapters/b24/credentials';
import { keys, secretKeys } from '../app/store/keys';
import { defaultConfig } from '../core/config';
import type { JsonValue } from '../ports/store';
import type { SeedAppContext } from './platform';

export async function seedApp({ kvs, platform }: SeedAppContext): Promise<void> {
  const { b24, jiraProjectKey, b24GroupId } = platform.seed;
  const integrationUser = b24.users.find((u) => u.admin) ?? b24.users[0];
  if (!integrationUser) throw new Error('the seed has no Bitrix24 user to connect as');
  await kvs.setSecret(B24_CREDENTIALS_KEY, {
    mode: 'webhook',
    webhookUrl: `https://${b24.domain}/rest/${integrationUser.id}/${integrationUser.webhookSecret}/`,
  });
  await kvs.setSecret(secretKeys.applicationToken(), b24.applicationToken);
  await kvs.set(keys.connection(), {
    domain: b24.domain,
    memberId: b24.memberId,
    authMode: 'webhook',
    actingUserId: integrationUser.id,
    connectedAt: platform.clock.now(),
  });
  // The Jira-only "QA Testing" status is written to a task user field an administrator creates once.
  platform.b24.addUserField({ name: 'UF_JIRA_STATUS', type: 'string', multiple: false, mandatory: false });
  const config = defaultConfig(jiraProjectKey, b24GroupId, {
    timeZone: b24.timeZone,
    connection: { portalDomain: b24.domain, authMode: 'webhook' },
  });
  await kvs.set(keys.projectConfig(jiraProjectKey), JSON.parse(JSON.stringify(config)) as JsonValue);
  await kvs.set(keys.projectIndex(), [jiraProjectKey]);
  // The site admin's list, as the Connection tab saves it: the paired workgroup may pair with this project only.
  const group = b24.groups.find((g) => g.id === b24GroupId);
  await kvs.set(keys.workgroupAccess(), { entries: [{ groupId: b24GroupId, ...(group ? { groupName: group.name } : {}), projects: [jiraProjectKey] }] });
}
