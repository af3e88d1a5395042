/**
 * Which registered webhooks a change reaches, and how each delivery proves it is from Jira: an admin webhook's
 * secret signs the raw body (`X-Hub-Signature: sha256=<hex HMAC-SHA256>`), a dynamic webhook's delivery carries
 * `Authorization: Bearer <JWT>` signed HS256 with its app's client secret. Events of issues outside a webhook's JQL
 * filter are not delivered to it.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { JiraProductEvent } from '../contracts';
import { parseJql, type Expr } from './jql';
import { matches } from './jql-match';
import type { JiraState } from './state';
import type { RegisteredWebhook } from './webhook-registry';
import { webhookPayloads, type WebhookPayload } from './webhook-payloads';

export interface WebhookDelivery {
  webhookId: number;
  url: string;
  headers: Record<string, string>;
  /** Sent as is: the signature covers these bytes. */
  body: string;
}

/** A deleted issue is no longer in the state: its project is all a filter can still be judged on. */
export function projectsNamed(expr: Expr | null): string[] | null {
  if (expr === null) return null;
  if (expr.kind === 'and' || expr.kind === 'or') {
    const parts = expr.items.map(projectsNamed);
    return parts.some((p) => p === null) ? null : parts.flatMap((p) => p ?? []);
  }
  if (expr.kind === 'not') return null;
  return expr.kind === 'field' && expr.field === 'project' ? expr.values.filter((v): v is string => v !== null) : null;
}

function inFilter(state: JiraState, hook: RegisteredWebhook, payload: WebhookPayload, now: number): boolean {
  if (hook.jqlFilter === undefined || hook.jqlFilter.trim() === '' || payload.issueId === undefined) return true;
  const where = parseJql(hook.jqlFilter, now).where;
  const issue = state.issues.get(payload.issueId);
  if (issue !== undefined) return where === null || matches(state, issue, where);
  const named = projectsNamed(where);
  return named === null || named.some((p) => p.toUpperCase() === payload.projectKey?.toUpperCase());
}

function sign(hook: RegisteredWebhook, body: string, now: number): Record<string, string> {
  if (hook.kind === 'admin')
    return hook.secret === undefined
      ? {}
      : { 'X-Hub-Signature': `sha256=${createHmac('sha256', hook.secret).update(body, 'utf8').digest('hex')}` };
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ iss: 'jira', iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 180 })}`;
  return {
    Authorization: `Bearer ${unsigned}.${createHmac('sha256', hook.owner).update(unsigned).digest('base64url')}`,
  };
}

export function webhookDeliveries(state: JiraState, event: JiraProductEvent, now: number): WebhookDelivery[] {
  return webhookPayloads(state, event, now).flatMap((payload) =>
    state.webhooks
      .listening(payload.webhookEvent, now)
      .filter((hook) => inFilter(state, hook, payload, now))
      .map((hook) => {
        const body = JSON.stringify({ ...payload.body, matchedWebhookIds: [hook.id] });
        return {
          webhookId: hook.id,
          url: hook.url,
          body,
          headers: {
            'Content-Type': 'application/json',
            'X-Atlassian-Webhook-Identifier': randomUUID(),
            'X-Atlassian-Webhook-Flow': 'Primary',
            ...sign(hook, body, now),
          },
        };
      }),
  );
}
