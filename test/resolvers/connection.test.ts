/**
 * The Connection tab's backend: portal addresses limited to Bitrix24's cloud, secrets stored and only ever shown
 * masked, a connection test that puts each failure into words, and OAuth event registration in the portal.
 */
import { createResolverWorld, seededSecrets, type ResolverWorld } from './world';

const PORTAL = 'sandbox.bitrix24.com';
const webhook = (userId: string, secret: string) => `https://${PORTAL}/rest/${userId}/${secret}/`;

describe('the connection', () => {
  let world: ResolverWorld;
  beforeEach(async () => {
    world = await createResolverWorld();
  });

  it('tests a working connection: portal, acting user and every scope present', async () => {
    const reply = await world.settings('anna', 'testConnection');
    expect(reply).toMatchObject({
      ok: true,
      portal: PORTAL,
      user: { id: '1', name: 'Anna Schmidt' },
      scopes: { missing: [] },
      problems: [],
    });
  });

  it('refuses a self-hosted portal with a sentence that says why', async () => {
    const reply = await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: 'crm.example.com',
      webhookUrl: 'https://crm.example.com/rest/1/abc/',
    });
    expect(reply.error).toMatch(
      /crm\.example\.com is not a Bitrix24 cloud portal.*self-hosted Bitrix24 is not supported/,
    );
    expect((await world.settings('anna', 'getConnection')).domain).toBe(PORTAL);
  });

  it('refuses a webhook URL of another portal', async () => {
    const reply = await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: PORTAL,
      webhookUrl: 'https://other.bitrix24.de/rest/1/abc/',
    });
    expect(reply.error).toBe(`The webhook URL belongs to other.bitrix24.de, not to ${PORTAL}.`);
  });

  it('reports a wrong webhook secret in words', async () => {
    await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: PORTAL,
      webhookUrl: webhook('1', 'wrongsecret1234'),
    });
    const reply = await world.settings('anna', 'testConnection');
    expect(reply.ok).toBe(false);
    expect(reply.problems).toEqual([
      expect.stringMatching(/^Bitrix24 refused the credentials: the webhook secret .* is wrong/),
    ]);
  });

  it('reports missing scopes by name', async () => {
    world.platform.b24.restrictWebhookScopes('1', ['task', 'user_basic']);
    const reply = await world.settings('anna', 'testConnection');
    expect(reply.scopes).toEqual({
      present: ['task', 'user_basic'],
      missing: ['sonet_group', 'im', 'disk'],
      missingSets: [['sonet_group'], ['im'], ['disk']],
    });
    expect(reply.problems).toEqual([
      expect.stringContaining('Missing scope: the webhook needs permission for sonet_group, im, disk.'),
    ]);
  });

  it('reports an unreachable portal in words', async () => {
    await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: 'gone.bitrix24.de',
      webhookUrl: 'https://gone.bitrix24.de/rest/1/abcdef123456/',
    });
    const reply = await world.settings('anna', 'testConnection');
    expect(reply).toMatchObject({
      ok: false,
      portal: 'gone.bitrix24.de',
      problems: ['The portal is unreachable: check the address and that the portal is online.'],
    });
  });

  it('keeps a stored secret when the Replace field is left empty, and shows it masked', async () => {
    const reply = await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: `https://${PORTAL}/`,
      applicationToken: 'new-application-token-7788',
    });
    expect(reply).toMatchObject({
      connected: true,
      domain: PORTAL,
      webhookUrl: `https://${PORTAL}/rest/1/••••z1a5/`,
      applicationToken: '••••7788',
    });
    expect((await world.settings('anna', 'testConnection')).ok).toBe(true);
  });

  it('never returns a stored secret, whatever is called', async () => {
    await world.settings('anna', 'getConnection');
    await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: PORTAL,
      webhookUrl: webhook('2', 'b7n2v5c8x1z4l6j9'),
      applicationToken: 'fresh-token-0000-1111',
    });
    await world.settings('anna', 'testConnection');
    await world.settings('anna', 'saveConnection', {
      mode: 'oauth',
      portal: PORTAL,
      clientId: 'local.65f0a1b2c3d4e5.12345678',
      clientSecret: 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz',
    });
    await world.settings('anna', 'completeOAuth', { code: world.platform.b24.issueAuthorizationCode('1') });
    await world.settings('anna', 'bindEvents');
    await world.settings('anna', 'getConnection');
    await world.settings('anna', 'testConnection');
    await world.settings('ben', 'getMapping');
    await world.settings('ben', 'getPeople');
    await world.settings('ben', 'getActivity', { limit: 10 });
    const serialized = JSON.stringify(world.responses);
    const stored = world.platform.kvs.peek('b24-credentials', 'secret') as {
      accessToken: string;
      refreshToken: string;
    };
    expect(stored.accessToken).toBeTruthy();
    for (const secret of [
      ...seededSecrets(world.platform),
      'fresh-token-0000-1111',
      stored.accessToken,
      stored.refreshToken,
    ]) {
      expect(serialized).not.toContain(secret);
    }
  });
});

describe('OAuth mode', () => {
  it('authorises with a code and binds the six task events and ONAPPUNINSTALL to the web trigger in the portal', async () => {
    const world = await createResolverWorld();
    const client = world.platform.seed.b24.oauthClient;
    await world.settings('anna', 'saveConnection', {
      mode: 'oauth',
      portal: PORTAL,
      clientId: client?.clientId,
      clientSecret: client?.clientSecret,
    });
    expect(await world.settings('anna', 'testConnection')).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('not authorised yet')],
    });

    expect(
      await world.settings('anna', 'completeOAuth', { code: world.platform.b24.issueAuthorizationCode('1') }),
    ).toEqual({ domain: PORTAL });
    const bound = await world.settings('anna', 'bindEvents');

    const events = [
      'ONTASKADD',
      'ONTASKUPDATE',
      'ONTASKDELETE',
      'ONTASKCOMMENTADD',
      'ONTASKCOMMENTUPDATE',
      'ONTASKCOMMENTDELETE',
      'ONAPPUNINSTALL',
    ];
    expect(bound).toEqual({ events: events.map((event) => ({ event, bound: true })) });
    const url = world.platform.info().webtriggers['b24-events'];
    const inPortal = world.platform.b24
      .snapshot()
      .handlers.filter((h) => h.kind === 'app' && h.handler === url)
      .map((h) => h.event);
    expect(inPortal.sort()).toEqual([...events].sort());
    expect(await world.settings('anna', 'getConnection')).toMatchObject({
      authMode: 'oauth',
      clientSecret: '••••k8Lz',
      events: events.map((event) => ({ event, bound: true })),
    });
  });

  it('refuses an expired or forged authorisation code in words', async () => {
    const world = await createResolverWorld();
    const client = world.platform.seed.b24.oauthClient;
    await world.settings('anna', 'saveConnection', {
      mode: 'oauth',
      portal: PORTAL,
      clientId: client?.clientId,
      clientSecret: client?.clientSecret,
    });
    const reply = await world.settings('anna', 'completeOAuth', { code: 'forged' });
    expect(reply.error).toMatch(/^Bitrix24 refused the authorisation/);
  });

  it('with offline events (chosen in the service) binds the six task events without a URL, and lists them as bound', async () => {
    const world = await createResolverWorld();
    const client = world.platform.seed.b24.oauthClient;
    await world.settings('anna', 'saveConnection', {
      mode: 'oauth',
      portal: PORTAL,
      clientId: client?.clientId,
      clientSecret: client?.clientSecret,
    });
    await world.settings('anna', 'completeOAuth', { code: world.platform.b24.issueAuthorizationCode('1') });
    // What the service's saveConnection stores; this world is the Forge app, which refuses the choice (below).
    world.platform.kvs.write('plain', 'connection', {
      ...(world.platform.kvs.peek('connection') as object),
      events: 'offline',
    });
    const events = [
      'ONTASKADD',
      'ONTASKUPDATE',
      'ONTASKDELETE',
      'ONTASKCOMMENTADD',
      'ONTASKCOMMENTUPDATE',
      'ONTASKCOMMENTDELETE',
    ];
    expect(await world.settings('anna', 'bindEvents')).toEqual({
      events: events.map((event) => ({ event, bound: true })),
    });
    const inPortal = world.platform.b24
      .snapshot()
      .handlers.filter((h) => h.kind === 'app')
      .map((h) => [h.event, h.offline, h.handler]);
    expect(inPortal).toEqual(events.map((e) => [e, true, '']));
    expect(await world.settings('anna', 'getConnection')).toMatchObject({
      authMode: 'oauth',
      eventMode: 'offline',
      events: events.map((event) => ({ event, bound: true })),
    });
  });

  it('refuses offline events on Forge, where nothing drains the queue, in words, and saves nothing', async () => {
    const world = await createResolverWorld();
    const client = world.platform.seed.b24.oauthClient;
    const reply = await world.settings('anna', 'saveConnection', {
      mode: 'oauth',
      portal: PORTAL,
      clientId: client?.clientId,
      clientSecret: client?.clientSecret,
      events: 'offline',
    });
    expect(reply).toMatchObject({
      code: 'connection.offlineNotHere',
      error: expect.stringMatching(/^Offline events need the self-hosted service/),
    });
    expect(await world.settings('anna', 'getConnection')).toMatchObject({ authMode: 'webhook', eventMode: 'online' });
  });

  it('refuses offline events for an incoming webhook, in words, and keeps the connection as it was', async () => {
    const world = await createResolverWorld();
    const reply = await world.settings('anna', 'saveConnection', {
      mode: 'webhook',
      portal: PORTAL,
      events: 'offline',
    });
    expect(reply).toMatchObject({
      code: 'connection.offlineNeedsApp',
      error: expect.stringMatching(/^Offline events need the Bitrix24 local application \(OAuth\)/),
    });
    expect(await world.settings('anna', 'getConnection')).toMatchObject({ authMode: 'webhook', eventMode: 'online' });
  });

  it('explains that a webhook connection cannot bind events', async () => {
    const world = await createResolverWorld();
    expect((await world.settings('anna', 'bindEvents')).error).toMatch(
      /only for an OAuth application.*outgoing webhook/,
    );
  });
});
