/**
 * The service's Bitrix24 intake answers every delivery as the Forge web trigger does: the same statuses and
 * sentences for forged, foreign, unsigned, malformed and oversized events, and a job queued only for a verified one.
 */
import { MAX_EVENT_BODY_BYTES } from '../../src/app/intake/b24-event';
import { createWorld, PORTAL } from './world';

const event = (auth: Record<string, string> = {}): string =>
  new URLSearchParams({
    event: 'ONTASKUPDATE',
    'data[FIELDS_BEFORE][ID]': '42',
    'data[FIELDS_AFTER][ID]': '42',
    ts: '1769071218',
    'auth[domain]': PORTAL.domain,
    'auth[member_id]': PORTAL.memberId,
    'auth[application_token]': PORTAL.token,
    ...auth,
  }).toString();

const post = (
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' },
): RequestInit => ({ method: 'POST', headers, body });

async function deliver(init: RequestInit, connected = true) {
  const world = createWorld();
  if (connected) await world.connectPortal();
  const response = await world.request('/events/b24', init);
  return {
    world,
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    queued: (await world.jobs.stats()).find((s) => s.queue === 'sync')?.queued ?? 0,
  };
}

describe('POST /events/b24', () => {
  it('queues one sync job for a verified event and says so', async () => {
    const { status, body, world } = await deliver(post(event()));
    expect({ status, body }).toEqual({ status: 200, body: { ok: true, result: 'queued' } });
    // The in-memory engine starts no worker here, so the job waits where the worker would take it.
    expect((await world.jobs.stats()).find((s) => s.queue === 'sync')).toMatchObject({ queued: 1 });
  });

  it.each([
    ['a forged application token', { 'auth[application_token]': 'x'.repeat(32) }],
    ['another portal', { 'auth[domain]': 'evil.bitrix24.com' }],
    ['another member_id', { 'auth[member_id]': '0'.repeat(32) }],
  ])('refuses %s with 401 and queues nothing', async (_name, auth) => {
    const { status, body, queued } = await deliver(post(event(auth)));
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'the event does not come from the connected portal' });
    expect(queued).toBe(0);
  });

  it('refuses an unsigned event (no auth at all) as malformed', async () => {
    const unsigned = new URLSearchParams({
      event: 'ONTASKUPDATE',
      'data[FIELDS_AFTER][ID]': '42',
      ts: '1769071218',
    }).toString();
    const { status, body, queued } = await deliver(post(unsigned));
    expect(status).toBe(400);
    expect(String(body.error)).toMatch(/^Malformed Bitrix24 event: /);
    expect(queued).toBe(0);
  });

  it("refuses a body past the intake limit with the intake's own 413, whatever its declared length", async () => {
    const big = `${event()}&pad=${'a'.repeat(MAX_EVENT_BODY_BYTES)}`;
    const declared = await deliver(post(big));
    expect({ status: declared.status, body: declared.body }).toEqual({
      status: 413,
      body: { error: `event body larger than ${MAX_EVENT_BODY_BYTES} bytes` },
    });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await deliver({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.queued).toBe(0);
  });

  it('accepts a body of exactly the limit for parsing (the limit is not off by one)', async () => {
    const base = event();
    const exact = `${base}&pad=${'a'.repeat(MAX_EVENT_BODY_BYTES - base.length - 5)}`;
    expect(Buffer.byteLength(exact)).toBe(MAX_EVENT_BODY_BYTES);
    expect((await deliver(post(exact))).status).toBe(200);
  });

  it('answers 405 to anything but POST, 503 while no portal is connected, 400 to an empty body', async () => {
    expect((await deliver({ method: 'GET' })).status).toBe(405);
    expect((await deliver({ method: 'PUT', body: event() })).status).toBe(405);
    expect(await deliver(post(event()), false)).toMatchObject({
      status: 503,
      body: { error: 'no Bitrix24 portal is connected' },
    });
    expect((await deliver(post(''))).status).toBe(400);
  });

  it('reads the form whatever content type the delivery claims, as the web trigger does', async () => {
    expect((await deliver(post(event(), { 'content-type': 'application/json' }))).status).toBe(200);
    expect((await deliver(post(event(), {}))).status).toBe(200);
  });

  it('logs a refusal without the token it carried', async () => {
    const forged = 'f'.repeat(32);
    const { world } = await deliver(post(event({ 'auth[application_token]': forged })));
    expect(world.lines.join('\n')).toContain('refused a Bitrix24 event');
    expect(world.lines.join('\n')).not.toContain(forged);
  });
});
