/**
 * The admin connects the service through its own pages' calls, over HTTP to one instance: the setup with the code
 * it printed, sign-in, then the Connection and Mapping tabs' saves (the portal's incoming webhook, its application
 * token and member_id, group 1 for DEMO, DEMO ⇄ group 1 on the default mapping). The other instance reads it all
 * from the shared database.
 */
import type { Instance } from './instances';
import type { Remotes } from './remotes';

const PASSWORD = 'correct horse battery staple';

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(instance: Instance): Promise<Session> {
  const form = new URLSearchParams({
    code: instance.setupCode(),
    username: 'admin',
    password: PASSWORD,
    password2: PASSWORD,
  });
  const setup = await fetch(`${instance.base}/setup`, {
    method: 'POST',
    headers: { origin: instance.base, 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  const cookie = setup.headers.get('set-cookie')?.split(';')[0];
  if (setup.status !== 303 || !cookie) throw new Error(`the setup was refused: ${setup.status} ${await setup.text()}`);
  const page = await (await fetch(`${instance.base}/admin?project=DEMO`, { headers: { cookie } })).text();
  const csrf = /"csrf":"([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('the admin page carries no CSRF token');
  return { cookie, csrf };
}

async function settings(instance: Instance, session: Session, call: string, payload: unknown = {}): Promise<unknown> {
  const reply = await fetch(`${instance.base}/api/resolve/settings/${call}`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-sync-csrf': session.csrf,
      origin: instance.base,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ payload, extension: { project: { key: 'DEMO' } } }),
  });
  const body = (await reply.json()) as unknown;
  if (!reply.ok || (typeof body === 'object' && body !== null && 'ok' in body && body.ok === false))
    throw new Error(`${call} was refused: ${reply.status} ${JSON.stringify(body)}`);
  return body;
}

export async function connectService(instance: Instance, remotes: Remotes): Promise<void> {
  const { b24 } = remotes.seed;
  const user = b24.users.find((u) => u.admin) ?? b24.users[0];
  if (!user) throw new Error('the seed has no Bitrix24 user');
  const session = await signIn(instance);
  await settings(instance, session, 'saveConnection', {
    mode: 'webhook',
    portal: `https://${b24.domain}`,
    webhookUrl: `https://${b24.domain}/rest/${user.id}/${user.webhookSecret}/`,
    applicationToken: b24.applicationToken,
    memberId: b24.memberId,
    events: 'online',
  });
  await settings(instance, session, 'saveWorkgroupAccess', {
    entries: [{ groupId: remotes.seed.b24GroupId, projects: [remotes.seed.jiraProjectKey] }],
  });
  const opened = await settings(instance, session, 'getMapping');
  const defaults = typeof opened === 'object' && opened !== null && 'config' in opened ? opened.config : undefined;
  if (typeof defaults !== 'object' || defaults === null) throw new Error('getMapping answered no mapping');
  await settings(instance, session, 'saveMapping', {
    config: {
      ...defaults,
      b24GroupId: remotes.seed.b24GroupId,
      timeZone: b24.timeZone,
      connection: { portalDomain: b24.domain, authMode: 'webhook' },
    },
  });
}
