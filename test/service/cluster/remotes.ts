/**
 * The world around the instances: the emulated Jira Cloud and an emulated on-premise portal on the wall clock,
 * served by the front; their events delivered to the instances as a load balancer would (in turn, and to the
 * other one when an instance does not answer); and people acting on both sides through the emulators' REST APIs.
 */
import { Bitrix24Emulator } from '../../../src/local/b24';
import { JiraEmulator, type WebhookDelivery } from '../../../src/local/jira';
import { DYNAMIC_WEBHOOK_EVENTS } from '../../../src/ports/jira-webhooks';
import { defaultSeed, type PlatformSeed } from '../../../src/local/seed';
import { JIRA_WEBHOOK_SECRET, SERVICE_ACCOUNT, serviceSeed } from '../../../src/local/service-runtime/seed';
import type { Front } from './front';
import type { Instance } from './instances';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = { now: () => Date.now() };

/** An event the balancer could not hand to any instance, or one an instance refused: a change lost at the door. */
export interface Undelivered {
  path: string;
  status: number | 'unreachable';
}

export class Balancer {
  readonly pending = new Set<Promise<void>>();
  readonly undelivered: Undelivered[] = [];
  delivered = 0;
  private turn = 0;
  private stopped = false;

  constructor(private readonly instances: () => Instance[]) {}

  send(path: string, headers: Headers | Record<string, string>, body: string): void {
    const sent = this.deliver(path, headers, body).finally(() => this.pending.delete(sent));
    this.pending.add(sent);
  }

  /** At the end of the run: what is still being retried is given up. */
  stop(): void {
    this.stopped = true;
  }

  private async deliver(path: string, headers: Headers | Record<string, string>, body: string): Promise<void> {
    for (let attempt = 0; attempt < 240 && !this.stopped; attempt += 1) {
      const live = this.instances().filter((i) => i.alive);
      const target = live[this.turn++ % Math.max(1, live.length)];
      if (target) {
        const reply = await fetch(`${target.base}${path}`, { method: 'POST', headers, body }).catch(() => null);
        if (reply && reply.status < 500) {
          this.delivered += 1;
          if (!reply.ok) this.undelivered.push({ path, status: reply.status });
          return;
        }
      }
      await sleep(250);
    }
    this.undelivered.push({ path, status: 'unreachable' });
  }
}

export interface Remotes {
  seed: PlatformSeed;
  jira: JiraEmulator;
  b24: Bitrix24Emulator;
  serviceApiToken: string;
}

/** The portal on the front's HTTPS address, as an admin enters it: `127.0.0.1:<port>`. */
export function createRemotes(front: Front, balancer: Balancer): Remotes {
  const base = serviceSeed();
  const seed: PlatformSeed = { ...base, b24: { ...base.b24, domain: `127.0.0.1:${front.b24Port}` } };
  const jira = new JiraEmulator({ clock, seed: seed.jira });
  // Two calls a second per portal is Bitrix24's limit; ten keeps the storm and both instances out of its way.
  const b24 = new Bitrix24Emulator({
    clock,
    seed: seed.b24,
    limits: { drainPerSecond: 10, bucketCapacity: 100 },
    outbox: (request) => void request.text().then((body) => balancer.send('/events/b24', request.headers, body)),
  });
  jira.onWebhook((delivery: WebhookDelivery) => balancer.send('/events/jira', delivery.headers, delivery.body));
  jira.registerAdminWebhook({
    name: 'Bitrix24 Sync',
    url: 'http://balancer.invalid/events/jira',
    events: [...DYNAMIC_WEBHOOK_EVENTS],
    jqlFilter: `project = ${seed.jiraProjectKey}`,
    secret: JIRA_WEBHOOK_SECRET,
  });
  // The admin's outgoing webhook: online events to the balancer, with the portal's application token.
  for (const event of defaultSeed().b24Events.events)
    b24.bindHandler(event, 'http://balancer.invalid/events/b24', { applicationToken: seed.b24.applicationToken });
  b24.addUserField({ name: 'UF_JIRA_STATUS', type: 'string', multiple: false, mandatory: false });
  front.attach({ jira, b24, jiraBaseUrl: seed.jira.baseUrl });
  return { seed, jira, b24, serviceApiToken: jira.issueApiToken(SERVICE_ACCOUNT.email) };
}

/** A person's Bitrix24 call through their incoming webhook; a call refused for load is simply made again. */
export async function b24Call(remotes: Remotes, userId: string, method: string, params: unknown): Promise<unknown> {
  const user = remotes.seed.b24.users.find((u) => u.id === userId);
  if (!user) throw new Error(`no Bitrix24 user ${userId}`);
  const url = `https://${remotes.seed.b24.domain}/rest/${userId}/${user.webhookSecret}/${method}.json`;
  for (let attempt = 0; ; attempt += 1) {
    const reply = await remotes.b24.handle(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
      }),
    );
    const body = (await reply.json()) as { result?: unknown; error?: string; error_description?: string };
    if (reply.ok && !body.error) return body.result;
    if (attempt < 40 && [429, 500, 503].includes(reply.status)) {
      await sleep(500);
      continue;
    }
    throw new Error(`${method}: ${reply.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
  }
}

/** A person's Jira call with Basic auth; the parsed body (null for 204). */
export async function jiraCall(
  remotes: Remotes,
  email: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${email}:token`).toString('base64')}`,
    accept: 'application/json',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  for (let attempt = 0; ; attempt += 1) {
    const reply = await remotes.jira.handle(
      new Request(`${remotes.seed.jira.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await reply.text();
    if (reply.ok) return text ? (JSON.parse(text) as unknown) : null;
    if (attempt < 40 && (reply.status === 429 || reply.status >= 500)) {
      await sleep(500);
      continue;
    }
    throw new Error(`${method} ${path}: ${reply.status} ${text}`);
  }
}
