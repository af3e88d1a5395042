/**
 * Jira's REST webhooks for OAuth 2.0 apps (`/rest/api/3/webhook`): registered with a JQL filter, expiring after
 * 30 days unless refreshed, and refused (403) to callers that are not Connect or OAuth 2.0 apps. Only these events
 * may be registered this way; attachments show up as `Attachment` items in jira:issue_updated's changelog.
 */
import { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { DynamicWebhook, DynamicWebhookApi } from '../../ports/jira-webhooks';
import { createJiraRequester, jsonBody, type JiraTransport } from '../jira/request';

export { DYNAMIC_WEBHOOK_EVENTS, type DynamicWebhook, type DynamicWebhookApi } from '../../ports/jira-webhooks';

const dateSchema = z.union([z.number(), z.string()]).transform((v) => (typeof v === 'number' ? v : Date.parse(v)));
const registrationSchema = z.object({
  webhookRegistrationResult: z.array(
    z.object({ createdWebhookId: z.number().int().optional(), errors: z.array(z.string()).optional() }),
  ),
});
const pageSchema = z.object({
  isLast: z.boolean().optional(),
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int().optional(),
  values: z.array(
    z.object({
      id: z.number().int(),
      events: z.array(z.string()),
      jqlFilter: z.string(),
      expirationDate: dateSchema.optional(),
    }),
  ),
});
const refreshSchema = z.object({ expirationDate: dateSchema });

export function createDynamicWebhookApi(transport: JiraTransport, clock: Clock): DynamicWebhookApi {
  const jira = createJiraRequester(transport, clock);
  return {
    async register(url, filters) {
      const body = { url, webhooks: filters.map((f) => ({ events: [...f.events], jqlFilter: f.jqlFilter })) };
      const reply = await jira.json(
        'register webhooks',
        '/rest/api/3/webhook',
        jsonBody('POST', body),
        registrationSchema,
      );
      return reply.webhookRegistrationResult.map((r) =>
        r.createdWebhookId === undefined ? { errors: r.errors ?? ['no id returned'] } : { id: r.createdWebhookId },
      );
    },
    async list() {
      const all: DynamicWebhook[] = [];
      for (let startAt = 0; ;) {
        const page = await jira.json(
          'list webhooks',
          `/rest/api/3/webhook?startAt=${startAt}&maxResults=100`,
          jsonBody('GET'),
          pageSchema,
        );
        for (const w of page.values)
          all.push({
            id: w.id,
            events: w.events,
            jqlFilter: w.jqlFilter,
            ...(w.expirationDate === undefined ? {} : { expiresAt: w.expirationDate }),
          });
        if (page.isLast !== false || page.values.length === 0) return all;
        startAt += page.values.length;
      }
    },
    async refresh(ids) {
      const reply = await jira.json(
        'refresh webhooks',
        '/rest/api/3/webhook/refresh',
        jsonBody('PUT', { webhookIds: ids }),
        refreshSchema,
      );
      return reply.expirationDate;
    },
    async remove(ids) {
      await jira.send('delete webhooks', '/rest/api/3/webhook', jsonBody('DELETE', { webhookIds: ids }));
    },
  };
}
