/**
 * A forged token, a malformed body and an oversized body are refused with 401/400/413 before
 * anything is written; events we do not handle are acknowledged and ignored.
 */
import { createWorld, type World } from './harness';

const URL_ = 'https://local-forge.test/webtrigger/b24-events';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function eventBody(w: World, overrides: Record<string, string> = {}): string {
  const seed = w.platform.seed.b24;
  const fields: Record<string, string> = {
    event: 'ONTASKUPDATE',
    'data[FIELDS_BEFORE][ID]': '101',
    'data[FIELDS_AFTER][ID]': '101',
    ts: '1795761000',
    'auth[domain]': seed.domain,
    'auth[client_endpoint]': `https://${seed.domain}/rest/`,
    'auth[server_endpoint]': 'https://oauth.bitrix.info/rest/',
    'auth[member_id]': seed.memberId,
    'auth[application_token]': seed.applicationToken,
    ...overrides,
  };
  return new URLSearchParams(fields).toString();
}

/** The form as nested JSON, the way PHP (and Bitrix24's own docs) print a delivery. */
function decoded(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = out;
    path.slice(0, -1).forEach((part) => {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    });
    node[path.at(-1) ?? key] = value;
  }
  return out;
}

async function deliver(
  w: World,
  body: string,
  headers: Record<string, string> = FORM,
): Promise<{ status: number; stored: string[] }> {
  const before = w.platform.kvs.keys();
  const response = await w.platform.webtrigger('b24-events', new Request(URL_, { method: 'POST', headers, body }));
  const report = await w.platform.settle();
  const stored = w.platform.kvs.keys().filter((k: string) => !before.includes(k));
  expect(report.jobsRun).toBe(0);
  return { status: response.status, stored };
}

describe('the Bitrix24 web trigger', () => {
  it('refuses a forged application token with 401 and writes nothing', async () => {
    const w = await createWorld();
    expect(await deliver(w, eventBody(w, { 'auth[application_token]': 'forged-token-000' }))).toEqual({
      status: 401,
      stored: [],
    });
  });

  it('refuses another portal (member_id or domain) with 401', async () => {
    const w = await createWorld();
    expect((await deliver(w, eventBody(w, { 'auth[member_id]': 'someone-else' }))).status).toBe(401);
    expect((await deliver(w, eventBody(w, { 'auth[domain]': 'evil.bitrix24.com' }))).status).toBe(401);
  });

  it('refuses a malformed body with 400, whatever content type it claims', async () => {
    const w = await createWorld();
    expect(await deliver(w, 'event=ONTASKUPDATE&data[FIELDS_AFTER][ID]=abc&auth[domain]=x')).toEqual({
      status: 400,
      stored: [],
    });
    expect(await deliver(w, JSON.stringify({ event: 'ONTASKUPDATE' }), { 'content-type': 'application/json' })).toEqual(
      { status: 400, stored: [] },
    );
    expect(await deliver(w, '{"event": "ONTASKUPDATE",', { 'content-type': 'application/json' })).toEqual({
      status: 400,
      stored: [],
    });
    expect(await deliver(w, '', { 'content-type': 'text/plain' })).toEqual({ status: 400, stored: [] });
  });

  it('refuses a forged token with 401 and an oversized body with 413 in every body shape', async () => {
    const w = await createWorld();
    const forged = eventBody(w, { 'auth[application_token]': 'forged-token-000' });
    expect(await deliver(w, forged, { 'content-type': 'text/plain' })).toEqual({ status: 401, stored: [] });
    expect(await deliver(w, JSON.stringify(forged), { 'content-type': 'application/json' })).toEqual({
      status: 401,
      stored: [],
    });
    expect(
      await deliver(w, JSON.stringify(decoded(eventBody(w, { 'auth[application_token]': 'forged-token-000' }))), {}),
    ).toEqual({ status: 401, stored: [] });
    expect(
      await deliver(w, JSON.stringify(eventBody(w, { padding: 'x'.repeat(64 * 1024) })), {
        'content-type': 'application/json',
      }),
    ).toEqual({ status: 413, stored: [] });
  });

  it.each([
    ['form', FORM, (body: string) => body],
    ['text/plain', { 'content-type': 'text/plain;charset=utf-8' }, (body: string) => body],
    ['no content type', {}, (body: string) => body],
    ['JSON holding the form text', { 'content-type': 'application/json' }, (body: string) => JSON.stringify(body)],
    [
      'JSON holding the decoded form',
      { 'content-type': 'application/json' },
      (body: string) => JSON.stringify(decoded(body)),
    ],
  ])(
    'queues a genuine delivery sent as %s',
    async (_name, headers: Record<string, string>, shape: (body: string) => string) => {
      const w = await createWorld();
      const response = await w.platform.webtrigger(
        'b24-events',
        new Request(URL_, { method: 'POST', headers, body: shape(eventBody(w)) }),
      );
      expect(response.status).toBe(200);
      expect((await w.platform.settle()).jobsRun).toBe(1);
    },
  );

  it('refuses an oversized body with 413', async () => {
    const w = await createWorld();
    expect(await deliver(w, eventBody(w, { padding: 'x'.repeat(64 * 1024) }))).toEqual({ status: 413, stored: [] });
  });

  it('acknowledges an event it does not handle with 200 and queues nothing', async () => {
    const w = await createWorld();
    // Verified, so it only proves that events arrive (shown on the Connection tab).
    expect(await deliver(w, eventBody(w, { event: 'ONCRMDEALADD' }))).toEqual({
      status: 200,
      stored: ['b24-last-event'],
    });
  });

  it('queues a genuine delivery', async () => {
    const w = await createWorld();
    const response = await w.platform.webtrigger(
      'b24-events',
      new Request(URL_, { method: 'POST', headers: FORM, body: eventBody(w) }),
    );
    expect(response.status).toBe(200);
    expect((await w.platform.settle()).jobsRun).toBe(1);
  });
});
