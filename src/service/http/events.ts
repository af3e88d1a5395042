/**
 * `POST /events/b24`: Bitrix24's event deliveries, answered as the Forge web trigger answers them (the same
 * intake, verification, form parser, statuses and JSON). A body past the intake's limit is refused while it is
 * read, with the intake's own 413, so nothing larger is ever buffered.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_EVENT_BODY_BYTES, receiveB24Delivery, type IntakeResult } from '../app-calls';
import type { HttpParts } from './context';

const reply = (result: IntakeResult): Response =>
  new Response(
    JSON.stringify(result.status === 200 ? { ok: true, result: result.message } : { error: result.message }),
    {
      status: result.status,
      headers: { 'content-type': 'application/json' },
    },
  );

export function eventRoutes(http: Hono, parts: HttpParts): void {
  const tooLarge = (): Response =>
    reply({ status: 413, message: `event body larger than ${MAX_EVENT_BODY_BYTES} bytes` });
  http.all('/events/b24', bodyLimit({ maxSize: MAX_EVENT_BODY_BYTES, onError: tooLarge }), async (c) => {
    const deps = parts.app.deps({ handler: 'b24-events' });
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    return reply(
      await receiveB24Delivery({ method: c.req.method, contentType: c.req.header('content-type'), body }, deps),
    );
  });
}
