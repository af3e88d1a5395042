/**
 * `POST /events/b24`: Bitrix24's event deliveries, answered as the Forge web trigger answers them (the same
 * intake, verification, form parser, statuses and JSON). `POST /events/jira`: Jira Cloud's webhooks, verified
 * on the raw bytes (X-Hub-Signature for an admin webhook, the JWT for OAuth dynamic ones). A body past its limit is
 * refused while it is read, with a 413, so nothing larger is ever buffered.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { receiveJiraWebhook } from '../../app/intake/jira-webhook';
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

function jiraRoute(http: Hono, parts: HttpParts): void {
  // A Jira issue event carries the whole issue (its description, every field), so it gets the service's body
  // limit rather than the Bitrix24 intake's 16 KB, which holds ids only.
  const maxSize = parts.options.bodyLimitBytes;
  const limit = bodyLimit({
    maxSize,
    onError: (c) => c.json({ error: `The event body is larger than ${maxSize} bytes.` }, 413),
  });
  http.post('/events/jira', limit, async (c) => {
    const deps = parts.app.deps({ handler: 'jira-events' });
    const auth = parts.jira.webhookAuth;
    if (auth === null) {
      deps.log.error(
        'refused a Jira webhook: no way to verify it is configured (JIRA_WEBHOOK_SECRET in token mode, JIRA_AUTH=oauth, or JIRA_FLAVOUR=datacenter)',
      );
      return c.json({ error: 'The service has no Jira webhook verification configured.' }, 503);
    }
    const result = await receiveJiraWebhook(
      { headers: { get: (name) => c.req.header(name) ?? null }, rawBody: await c.req.text() },
      { ...deps, auth, serviceAccountId: () => parts.jira.serviceAccountId() },
    );
    return c.json(result.body, result.status);
  });
}

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
  jiraRoute(http, parts);
}
