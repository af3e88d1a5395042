import { OAUTH_HOST } from '../../../src/local/b24';
import { aPortal, fixture, fixtureText, formKeys, formOf, type Portal } from './support';

const HANDLER = 'https://example.test/webtrigger/b24-events';
const EVENTS = [
  'ONTASKADD',
  'ONTASKUPDATE',
  'ONTASKDELETE',
  'ONTASKCOMMENTADD',
  'ONTASKCOMMENTUPDATE',
  'ONTASKCOMMENTDELETE',
];

function webhookPortal(): Portal {
  const portal = aPortal();
  for (const e of EVENTS) portal.emu.bindHandler(e, HANDLER, { applicationToken: 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas' });
  return portal;
}

/** The fixture's keys minus the OAuth tokens an outgoing webhook never receives, plus event_handler_id. */
function expectedWebhookKeys(raw: string): string[] {
  const tokens = ['auth[access_token]', 'auth[expires_in]', 'auth[scope]', 'auth[status]', 'auth[refresh_token]'];
  const keys = formKeys(raw).filter((k) => !tokens.includes(k));
  return [keys[0] ?? '', 'event_handler_id', ...keys.slice(1)].sort();
}

async function lastBody(portal: Portal): Promise<string> {
  const last = portal.deliveries[portal.deliveries.length - 1];
  if (!last) throw new Error('no delivery');
  return last.clone().text();
}

describe('outgoing events', () => {
  it('POSTs a form body to each handler for a task add, update and delete, keys exactly as documented', async () => {
    const portal = webhookPortal();
    const id = (await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } })).result.task.id;
    const add = portal.deliveries[0];
    expect(add?.method).toBe('POST');
    expect(add?.url).toBe(HANDLER);
    expect(add?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      expectedWebhookKeys(fixtureText('ONTASKADD.raw.constructed.txt')),
    );
    await portal.ok('tasks.task.update', { taskId: id, fields: { TITLE: 'y' } });
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      expectedWebhookKeys(fixtureText('ONTASKUPDATE.raw.constructed.txt')),
    );
    await portal.ok('tasks.task.delete', { taskId: id });
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      expectedWebhookKeys(fixtureText('ONTASKDELETE.raw.constructed.txt')),
    );
    expect(portal.deliveries).toHaveLength(3);
  });

  it('encodes like PHP http_build_query: bracket keys percent-encoded, IDs only', async () => {
    const portal = webhookPortal();
    const id = (await portal.ok('tasks.task.add', { fields: { TITLE: 'Secret title', RESPONSIBLE_ID: 3 } })).result.task
      .id;
    const body = await lastBody(portal);
    expect(body).toMatch(
      /^event=ONTASKADD&event_handler_id=\d+&data%5BFIELDS_BEFORE%5D=undefined&data%5BFIELDS_AFTER%5D%5BID%5D=\d+&/,
    );
    expect(body).toContain('auth%5Bclient_endpoint%5D=https%3A%2F%2Fsandbox.bitrix24.com%2Frest%2F');
    expect(body).not.toContain('Secret');
    const parsed = await formOf(portal.deliveries[0] as Request);
    const expected = fixture('envelope.ONCRMDEALADD.no-tokens.json');
    expect(Object.keys(parsed.auth as object)).toEqual(Object.keys(expected.auth));
    expect(parsed).toMatchObject({
      data: { FIELDS_AFTER: { ID: id } },
      auth: { domain: 'sandbox.bitrix24.com', application_token: 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas' },
    });
  });

  it('fires legacy comment add/update/delete with the comment id', async () => {
    const portal = webhookPortal();
    const id = (await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } })).result.task.id;
    const cid = (await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: 'hi' }])).result;
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      expectedWebhookKeys(fixtureText('ONTASKCOMMENTADD.legacy-card.raw.constructed.txt')),
    );
    expect(await formOf(portal.deliveries.at(-1) as Request)).toMatchObject({
      data: { FIELDS_AFTER: { ID: String(cid), TASK_ID: id } },
    });
    await portal.ok('task.commentitem.update', [id, cid, { POST_MESSAGE: 'ho' }]);
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      expectedWebhookKeys(fixtureText('ONTASKCOMMENTUPDATE.raw.constructed.txt')),
    );
    await portal.ok('task.commentitem.delete', [id, cid]);
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      expectedWebhookKeys(fixtureText('ONTASKCOMMENTDELETE.raw.constructed.txt')),
    );
  });

  it('fires a chat-card comment with ID 0 and MESSAGE_ID, as observed on a live portal', async () => {
    const portal = webhookPortal();
    portal.emu.setDefaultCardKind('chat');
    const task = (await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } })).result.task;
    const chatId = (await portal.ok('tasks.task.get', { taskId: task.id, select: ['CHAT_ID'] })).result.task.chatId;
    const messageId = (await portal.ok('im.message.add', { DIALOG_ID: `chat${chatId}`, MESSAGE: 'hi' })).result;
    const observed = fixtureText('ONTASKCOMMENTADD.chat-card.observed.raw.txt');
    expect(formKeys(await lastBody(portal))).toEqual(formKeys(observed));
    expect(await formOf(portal.deliveries.at(-1) as Request)).toMatchObject({
      event: 'ONTASKCOMMENTADD',
      data: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: '0', MESSAGE_ID: String(messageId), TASK_ID: task.id } },
    });
  });

  it("gives app handlers (event.bind) the acting user's tokens, and those tokens work", async () => {
    const portal = aPortal();
    const code = portal.emu.issueAuthorizationCode('1');
    const tokenRes = await portal.emu.handle(
      new Request(
        `https://${OAUTH_HOST}/oauth/token/?grant_type=authorization_code&client_id=local.abc123&client_secret=client-secret&code=${code}`,
      ),
    );
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const bind = await portal.emu.handle(
      new Request(
        `https://sandbox.bitrix24.com/rest/event.bind.json?auth=${access_token}&event=ONTASKADD&handler=${encodeURIComponent(HANDLER)}`,
      ),
    );
    expect((await bind.json()).result).toBe(true);
    await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } });
    const parsed = await formOf(portal.deliveries[0] as Request);
    expect(formKeys(await lastBody(portal)).sort()).toEqual(
      [
        ...formKeys(fixtureText('ONTASKADD.raw.constructed.txt')).filter((k) => k !== 'auth[refresh_token]'),
        'event_handler_id',
      ].sort(),
    );
    const eventToken = (parsed.auth as Record<string, string>).access_token;
    const profile = await portal.emu.handle(
      new Request(`https://sandbox.bitrix24.com/rest/profile?auth=${eventToken}`),
    );
    expect((await profile.json()).result.ID).toBe('2');
  });

  it('delivers nothing when no handler is bound, and never retries', async () => {
    const portal = aPortal();
    await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } });
    expect(portal.deliveries).toHaveLength(0);
  });
});

describe('event.bind / get / unbind', () => {
  async function appCall(portal: Portal, method: string, args: string): Promise<Response> {
    const code = portal.emu.issueAuthorizationCode('1');
    const t = await portal.emu.handle(
      new Request(
        `https://${OAUTH_HOST}/oauth/token/?grant_type=authorization_code&client_id=local.abc123&client_secret=client-secret&code=${code}`,
      ),
    );
    const { access_token } = (await t.json()) as { access_token: string };
    return portal.emu.handle(new Request(`https://sandbox.bitrix24.com/rest/${method}?auth=${access_token}&${args}`));
  }

  it('lists, refuses duplicates and unknown events, and unbinds with a count', async () => {
    const portal = aPortal();
    const args = `event=ONTASKUPDATE&handler=${encodeURIComponent(HANDLER)}`;
    expect((await (await appCall(portal, 'event.bind', args)).json()).result).toBe(true);
    expect(await (await appCall(portal, 'event.bind', args)).json()).toEqual(
      fixture('ERROR_HANDLER_ALREADY_EXIST.json'),
    );
    expect(
      await (await appCall(portal, 'event.bind', `event=ONNOPE&handler=${encodeURIComponent(HANDLER)}`)).json(),
    ).toEqual(fixture('event.bind.ERROR_EVENT_NOT_FOUND.json'));
    expect((await (await appCall(portal, 'event.get', '')).json()).result).toEqual([
      { event: 'ONTASKUPDATE', handler: HANDLER, auth_type: '0', offline: 0 },
    ]);
    expect((await (await appCall(portal, 'event.unbind', args)).json()).result).toEqual({ count: 1 });
  });

  it('is refused to incoming webhooks', async () => {
    const res = await aPortal().call('event.bind', { event: 'ONTASKADD', handler: HANDLER });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('WRONG_AUTH_TYPE');
  });
});
