/**
 * The service's own webhook on Data Center (`/rest/webhooks/1.0/webhook`, "Webhooks",
 * developer.atlassian.com/server/jira/platform/webhooks/): registered by the service account, which must be a Jira
 * administrator, with the JQL filter on the paired projects and a secret, so each delivery carries
 * `X-Hub-Signature: sha256=<HMAC of the body>`. Data Center's webhooks do not expire; a resource answers with its
 * `self` link, whose last segment is its id. One filter per registration, as the resource takes one.
 */
import { z } from 'zod';
import { isPermanent } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { DynamicWebhook, DynamicWebhookApi } from '../../ports/jira-webhooks';
import { createJiraRequester, jsonBody, type JiraTransport } from '../jira/request';
import { translateDcFailure } from './errors';

const ROOT = '/rest/webhooks/1.0/webhook';
/** The filter's name in the registration ("issue-related-events-section" in the reference's example). */
const JQL_FILTER = 'issue-related-events-section';

const hookSchema = z
  .object({
    self: z.string().regex(/\/webhook\/\d+$/),
    events: z.array(z.string()),
    filters: z.record(z.string(), z.string()).default({}),
  })
  .transform((h): DynamicWebhook => ({
    id: Number(/(\d+)$/.exec(h.self)?.[1]),
    events: h.events,
    jqlFilter: h.filters[JQL_FILTER] ?? '',
  }));

export interface DcWebhookOptions {
  /** Shared with intake, which checks each delivery's signature with it. */
  secret: string;
  /** The name administrators see under System → WebHooks. */
  name?: string;
}

export function createDcWebhookApi(
  transport: JiraTransport,
  clock: Clock,
  options: DcWebhookOptions,
): DynamicWebhookApi {
  const jira = createJiraRequester(transport, clock, translateDcFailure);
  const name = options.name ?? 'Bitrix24 Sync for Jira';
  return {
    async register(url, filters) {
      const results: ({ id: number } | { errors: string[] })[] = [];
      for (const f of filters) {
        const body = { name, url, events: [...f.events], filters: { [JQL_FILTER]: f.jqlFilter }, excludeBody: false };
        const hook = await jira.json(
          'register webhook',
          ROOT,
          jsonBody('POST', { ...body, secret: options.secret }),
          hookSchema,
        );
        results.push({ id: hook.id });
      }
      return results;
    },
    async list() {
      return jira.json('list webhooks', ROOT, jsonBody('GET'), z.array(hookSchema));
    },
    // Nothing expires on Data Center, so there is nothing to extend.
    refresh: () => Promise.resolve(undefined),
    async remove(ids) {
      for (const id of ids) {
        try {
          await jira.send('delete webhook', `${ROOT}/${id}`, jsonBody('DELETE'));
        } catch (error) {
          // Already gone (an administrator deleted it): the goal, no such webhook, is reached.
          if (!isPermanent(error, 'not-found')) throw error;
        }
      }
    },
  };
}
