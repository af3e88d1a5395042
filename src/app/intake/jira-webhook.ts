/**
 * The self-hosted service's Jira intake (`POST /events/jira`): a Jira Cloud webhook, from raw body to queued jobs.
 * Order matters: the proof of origin is checked on the raw bytes before anything is parsed, a body that fails any
 * check is answered 4xx with the reason and nothing written, and the service account's own edits are dropped here
 * (without Forge there is no `ignoreSelf`). The snapshot and write intents still stand behind this check, and a
 * person's edit between two of ours still arrives under the person's account id, so it syncs.
 */
import { type JiraWebhookAuth, verifyJiraWebhook, type WebhookHeaders } from './jira-webhook-signature';
import { parseJiraWebhook, type JiraWebhookDelivery } from './jira-webhook-parser';
import { isSyncError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { IntakeDeps } from './intake-deps';
import { type JiraIntakeOutcome, queueJiraTriggerEvent } from './jira-event';

export interface JiraWebhookRequest {
  headers: WebhookHeaders;
  /** The body exactly as received: the signature covers these bytes, not a re-serialised object. */
  rawBody: string;
}

export interface JiraWebhookDeps extends IntakeDeps {
  auth: JiraWebhookAuth;
  clock: Clock;
  /** The account id learned from /myself at setup (adapters/jira-cloud/service-account.ts), null before setup. */
  serviceAccountId(): Promise<string | null>;
}

export type JiraWebhookReply =
  | { status: 200; body: { webhookEvent: string; outcomes: JiraIntakeOutcome[] } }
  | { status: 400 | 401 | 503; body: { error: string } };

const refuse = (status: 400 | 401 | 503, error: string): JiraWebhookReply => ({ status, body: { error } });

function parseBody(
  rawBody: string,
): { ok: true; delivery: JiraWebhookDelivery; payload: unknown } | { ok: false; error: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody) as unknown;
  } catch {
    return { ok: false, error: 'The body is not JSON' };
  }
  try {
    return { ok: true, delivery: parseJiraWebhook(payload), payload };
  } catch (e) {
    return { ok: false, error: isSyncError(e) ? e.message : String(e) };
  }
}

async function queueAll(
  delivery: JiraWebhookDelivery,
  payload: unknown,
  deps: JiraWebhookDeps,
): Promise<JiraIntakeOutcome[]> {
  const outcomes: JiraIntakeOutcome[] = [];
  for (const event of delivery.events) outcomes.push(await queueJiraTriggerEvent(event, payload, deps));
  return outcomes;
}

export async function receiveJiraWebhook(
  request: JiraWebhookRequest,
  deps: JiraWebhookDeps,
): Promise<JiraWebhookReply> {
  const verdict = verifyJiraWebhook(deps.auth, request.headers, request.rawBody, deps.clock.now());
  if (!verdict.ok) {
    deps.log.warn('refused a Jira webhook that does not prove its origin', { reason: verdict.reason });
    return refuse(401, `Unauthorized: ${verdict.reason}`);
  }
  const parsed = parseBody(request.rawBody);
  if (!parsed.ok) {
    deps.log.warn('refused a malformed Jira webhook', { error: parsed.error });
    return refuse(400, parsed.error);
  }
  const { delivery, payload } = parsed;
  const self = await deps.serviceAccountId();
  if (self === null) {
    // Without the account id the service cannot tell its own writes from a person's: queueing could loop.
    deps.log.error(
      'refused a Jira webhook: the service account is not known yet; finish the Jira connection on the admin page',
    );
    return refuse(503, 'The Jira connection is not set up yet');
  }
  if (delivery.actorAccountId === self) {
    deps.log.info("dropped the service account's own Jira event", { webhookEvent: delivery.webhookEvent });
    return {
      status: 200,
      body: { webhookEvent: delivery.webhookEvent, outcomes: delivery.events.map(() => 'ignored-self') },
    };
  }
  try {
    return {
      status: 200,
      body: { webhookEvent: delivery.webhookEvent, outcomes: await queueAll(delivery, payload, deps) },
    };
  } catch (e) {
    // Jira retries a delivery answered 5xx; the jobs are hints and re-read, so a retried copy is harmless.
    deps.log.error('could not queue a Jira webhook', { error: isSyncError(e) ? e.message : String(e) });
    return refuse(503, 'The event could not be queued; Jira will retry');
  }
}
