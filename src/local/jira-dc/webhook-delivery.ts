/**
 * Which webhooks a change reaches and what each receives: a webhook hears only of issues its JQL filter matches
 * (a deleted issue is judged by the projects the filter names), `excludeBody` sends an empty POST ("Webhooks":
 * "Exclude body"), and a secret signs the exact bytes sent with `X-Hub-Signature: sha256=<hex HMAC-SHA256>`
 * ("Managing webhooks", "Securing your webhook"). Deliveries leave through the same outbox shape as the Cloud
 * emulator's (`WebhookDelivery`), so a platform settles them the same way.
 */
import { createHmac } from 'node:crypto';
import type { JiraProductEvent } from '../contracts';
import { matches } from '../jira/jql-match';
import { projectsNamed, type WebhookDelivery } from '../jira/webhook-delivery';
import type { DcSite } from './context';
import { parseDcJql } from './jql-users';
import { dcPayloads, type DcPayload } from './webhook-payloads';
import type { DcWebhook } from './webhook-registry';

function inFilter(site: DcSite, hook: DcWebhook, payload: DcPayload, now: number): boolean {
  if (hook.jql.trim() === '') return true;
  const where = parseDcJql(site.directory, hook.jql, now, hook.lastUpdatedBy).where;
  if (where === null) return true;
  const issue = site.state.issues.get(payload.issueId);
  if (issue !== undefined) return matches(site.state, issue, where);
  const named = projectsNamed(where);
  return named === null || named.some((p) => p.toUpperCase() === payload.projectKey.toUpperCase());
}

export function dcDeliveries(site: DcSite, event: JiraProductEvent, now: number): WebhookDelivery[] {
  return dcPayloads(site, event, now).flatMap((payload) =>
    site.webhooks
      .listening(payload.webhookEvent)
      .filter((hook) => inFilter(site, hook, payload, now))
      .map((hook) => {
        const body = hook.excludeBody ? '' : JSON.stringify(payload.body);
        const signature: Record<string, string> =
          hook.secret === undefined
            ? {}
            : { 'X-Hub-Signature': `sha256=${createHmac('sha256', hook.secret).update(body, 'utf8').digest('hex')}` };
        return {
          webhookId: hook.id,
          url: hook.url,
          body,
          headers: {
            ...(hook.excludeBody ? {} : { 'Content-Type': 'application/json; charset=UTF-8' }),
            ...signature,
          },
        };
      }),
  );
}
