/**
 * The portal's lifecycle. Uninstalling the app in Bitrix24 (a verified ONAPPUNINSTALL) stops sync without deleting
 * anything and without failing jobs, and the Connection tab says so and what to do; a new approval resumes it.
 * The portal's member_id comes from the admin's own set-up, never from an event: a connection that does not know
 * it refuses every event, and the tab says how to complete the set-up.
 */
import { actions, adfText, createWorld, pairedTask, PEOPLE, type World } from './harness';

const ANNA = PEOPLE.anna.accountId;
type Reply = Record<string, unknown> & { health?: { code: string; level: string; params: Record<string, unknown> }[] };

const settings = async (w: World, call: string, payload: Record<string, unknown> = {}): Promise<Reply> =>
  (await w.platform.invoke({
    function: 'settings-resolver-fn',
    call,
    payload,
    accountId: ANNA,
    extension: { project: { key: 'DEMO' } },
  })) as Reply;

/** Anna switches the connection to the seeded OAuth application, approves it and registers its events. */
async function connectWithOAuth(w: World): Promise<void> {
  const client = w.platform.seed.b24.oauthClient;
  await settings(w, 'saveConnection', {
    mode: 'oauth',
    portal: w.platform.seed.b24.domain,
    clientId: client?.clientId,
    clientSecret: client?.clientSecret,
  });
  await approve(w);
}

async function approve(w: World): Promise<void> {
  expect(await settings(w, 'completeOAuth', { code: w.platform.b24.issueAuthorizationCode(PEOPLE.anna.b24) })).toEqual({
    domain: w.platform.seed.b24.domain,
  });
  await settings(w, 'bindEvents');
}

const deliverTo = (w: World, body: string): Promise<Response> =>
  w.platform.webtrigger(
    'b24-events',
    new Request(w.platform.info().webtriggers['b24-events'] ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }),
  );

function eventBody(w: World, overrides: Record<string, string>): string {
  const seed = w.platform.seed.b24;
  return new URLSearchParams({
    ts: String(Math.floor(w.clock.now() / 1000)),
    'auth[domain]': seed.domain,
    'auth[client_endpoint]': `https://${seed.domain}/rest/`,
    'auth[server_endpoint]': 'https://oauth.bitrix.info/rest/',
    'auth[member_id]': seed.memberId,
    'auth[application_token]': seed.applicationToken,
    ...overrides,
  }).toString();
}

const uninstallBody = (w: World, overrides: Record<string, string> = {}): string =>
  eventBody(w, { event: 'ONAPPUNINSTALL', 'data[LANGUAGE_ID]': 'en', 'data[CLEAN]': '0', ...overrides });

const codes = (reply: Reply): string[] => (reply.health ?? []).map((n) => n.code);
const failures = (w: World) =>
  actions(w)
    .journal()
    .filter((e) => e.outcome === 'failed');

describe('the app uninstalled from the portal', () => {
  it('stops sync, deletes nothing, fails no job, and the Connection tab says so and what to do', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await connectWithOAuth(w);
    const keysBefore = w.platform.kvs.keys().filter((k) => /^(link|state|config|journal):/.test(k));

    w.platform.b24.uninstallApp();
    await w.settle();

    const view = await settings(w, 'getConnection');
    expect(view.connected).toBe(false);
    expect(view.uninstalledAt).toBe(w.clock.now());
    expect(codes(view)).toEqual(['health.appUninstalled']);
    expect(view.health?.[0]?.level).toBe('error');

    // People keep working on both sides; the admin's outgoing webhook still delivers the task events.
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed after the uninstall' } });
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, {
      fields: { description: adfText('Edited after the uninstall') },
    });
    await w.settle();
    await w.platform.runtime.runScheduled('reconcile');
    await w.platform.runtime.runScheduled('event-watch');
    const report = await w.platform.settle();

    expect((await actions(w).issue(issueId)).fields.summary).toBe('Shared work');
    expect(failures(w)).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(w.platform.kvs.keys().filter((k) => /^(link|state|config|journal):/.test(k))).toEqual(
      expect.arrayContaining(keysBefore),
    );
    expect(actions(w).linkOfTask(taskId)?.issueId).toBe(issueId);
  });

  it('resumes after the app is installed and approved again', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    await connectWithOAuth(w);
    w.platform.b24.uninstallApp();
    await w.settle();

    await approve(w);
    const view = await settings(w, 'getConnection');
    expect(view.connected).toBe(true);
    expect(view.uninstalledAt).toBeUndefined();
    expect(codes(view)).not.toContain('health.appUninstalled');

    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed after the reinstall' } });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Renamed after the reinstall');
  });

  it('is believed only from the connected portal with its application token', async () => {
    const w = await createWorld();
    expect((await deliverTo(w, uninstallBody(w, { 'auth[application_token]': 'forged' }))).status).toBe(401);
    expect(
      (await deliverTo(w, uninstallBody(w, { 'auth[member_id]': 'ffffffffffffffffffffffffffffffff' }))).status,
    ).toBe(401);
    expect((await settings(w, 'getConnection')).uninstalledAt).toBeUndefined();
    expect((await deliverTo(w, uninstallBody(w))).status).toBe(200);
    expect((await settings(w, 'getConnection')).uninstalledAt).toBe(w.clock.now());
  });
});

describe("a connection that does not know its portal's member_id", () => {
  /** A webhook connection saved without the member_id (as the tab allowed before it asked for it). */
  function withoutMemberId(w: World): void {
    const stored = w.platform.kvs.peek('connection') as Record<string, unknown>;
    w.platform.kvs.write('plain', 'connection', { ...stored, memberId: 'unknown' });
  }

  it('refuses every event, even the first one with the right token, and learns nothing from it', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    withoutMemberId(w);
    const attacker = 'ffffffffffffffffffffffffffffffff';
    const first = await deliverTo(
      w,
      eventBody(w, {
        event: 'ONTASKUPDATE',
        'data[FIELDS_BEFORE][ID]': taskId,
        'data[FIELDS_AFTER][ID]': taskId,
        'auth[member_id]': attacker,
      }),
    );
    expect(first.status).toBe(503);
    expect((w.platform.kvs.peek('connection') as { memberId: string }).memberId).toBe('unknown');

    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Not yet' } });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Shared work');
    const view = await settings(w, 'getConnection');
    expect(codes(view)[0]).toBe('health.memberIdUnknown');
    expect(view.memberId).toBeUndefined();
  });

  it('accepts events once the admin enters the member_id on the Connection tab', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    withoutMemberId(w);
    const saved = await settings(w, 'saveConnection', {
      mode: 'webhook',
      portal: w.platform.seed.b24.domain,
      memberId: w.platform.seed.b24.memberId,
    });
    expect(saved.memberId).toBe(w.platform.seed.b24.memberId);
    expect(codes(saved)).not.toContain('health.memberIdUnknown');

    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Now it syncs' } });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Now it syncs');
  });

  it('refuses a member_id that cannot be one, in words', async () => {
    const w = await createWorld();
    const reply = await settings(w, 'saveConnection', {
      mode: 'webhook',
      portal: w.platform.seed.b24.domain,
      memberId: 'not one!',
    });
    expect(String(reply.error)).toMatch(/member_id/);
    expect((w.platform.kvs.peek('connection') as { memberId: string }).memberId).toBe(w.platform.seed.b24.memberId);
  });
});
