/**
 * Connects the app inside the local platform the way an administrator does on the settings page, through the
 * app's own resolvers: the portal with the integration user's incoming webhook, its application token and
 * member_id (Connection tab), group 1 listed for DEMO (Connection tab), and DEMO ⇄ group 1 under the default
 * mapping (Mapping tab). Going through the resolvers keeps the seed honest: it stores only what the app's own
 * validation accepts, in the app's own keys, and it cannot drift from them. Every secret the seed needs is one the
 * Connection tab takes, so none is written to storage behind the app's back. Runs at start and after every reset.
 */
import type { SeedAppContext } from './platform';

const SETTINGS = 'settings-resolver-fn';

export async function seedApp({ platform }: SeedAppContext): Promise<void> {
  const { b24, jira, jiraProjectKey, b24GroupId } = platform.seed;
  const integrationUser = b24.users.find((u) => u.admin) ?? b24.users[0];
  if (!integrationUser) throw new Error('the seed has no Bitrix24 user to connect as');
  const admin = jira.users.find(
    (u) =>
      u.globalPermissions?.includes('ADMINISTER') &&
      u.projectPermissions?.[jiraProjectKey]?.includes('ADMINISTER_PROJECTS'),
  );
  if (!admin) throw new Error(`the seed has no Jira site admin who also administers ${jiraProjectKey}`);
  const settings = async (call: string, payload: Record<string, unknown> = {}): Promise<unknown> => {
    const reply = await platform.invoke({
      function: SETTINGS,
      call,
      payload,
      accountId: admin.accountId,
      extension: { project: { key: jiraProjectKey } },
    });
    // A refused save answers { ok: false, ... } rather than throwing: the seed must not go on half connected.
    if (typeof reply === 'object' && reply !== null && 'ok' in reply && reply.ok === false)
      throw new Error(`seeding the app: ${call} was refused: ${JSON.stringify(reply)}`);
    return reply;
  };
  await settings('saveConnection', {
    mode: 'webhook',
    portal: b24.domain,
    webhookUrl: `https://${b24.domain}/rest/${integrationUser.id}/${integrationUser.webhookSecret}/`,
    applicationToken: b24.applicationToken,
    memberId: b24.memberId,
  });
  // The Jira-only "QA Testing" status is written to a task user field an administrator creates once, in Bitrix24.
  platform.b24.addUserField({ name: 'UF_JIRA_STATUS', type: 'string', multiple: false, mandatory: false });
  // The site admin's list: the paired workgroup may pair with this project only.
  await settings('saveWorkgroupAccess', { entries: [{ groupId: b24GroupId, projects: [jiraProjectKey] }] });
  // The Mapping tab opens on the default mapping; the admin picks the workgroup and the portal's time zone.
  const opened = await settings('getMapping');
  const defaults = typeof opened === 'object' && opened !== null && 'config' in opened ? opened.config : undefined;
  if (typeof defaults !== 'object' || defaults === null)
    throw new Error(`seeding the app: getMapping answered no mapping: ${JSON.stringify(opened)}`);
  const config = {
    ...defaults,
    b24GroupId,
    timeZone: b24.timeZone,
    connection: { portalDomain: b24.domain, authMode: 'webhook' },
  };
  await settings('saveMapping', { config });
  // The set-up is the administrator's work, not the app's: scenarios count the app's calls from a connected start.
  platform.resetStats();
}
