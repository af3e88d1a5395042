/**
 * Scenario harness: the local platform with the app connected, and people acting on both sides through the
 * emulators' REST APIs exactly as the sandbox's users do. Assertions read the other side the same way.
 */
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';

export interface World {
  platform: LocalPlatform;
  clock: ManualClock;
  /** A Bitrix24 person's REST call through their incoming webhook; throws on an error reply. */
  b24(userId: string, method: string, params?: unknown): Promise<unknown>;
  /** A Jira person's REST call with Basic auth; returns the parsed body (null for 204). */
  jira(email: string, method: string, path: string, body?: unknown): Promise<unknown>;
  settle(): Promise<void>;
}

export const PEOPLE = {
  /** Matched on both sides (the integration user in Bitrix24 is Anna, id 1). */
  anna: { b24: '1', email: 'anna.schmidt@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01' },
  ben: { b24: '2', email: 'ben.carter@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e02' },
  chloe: { b24: '3', email: 'chloe.dubois@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e03' },
  dmitri: { b24: '4', email: 'dmitri.ivanov@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e04' },
  /** Only in Jira. */
  erin: { email: 'erin.walsh@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e05' },
  /** Only in Bitrix24. */
  farid: { b24: '5', email: 'farid.haddad@example.com' },
} as const;

export async function createWorld(): Promise<World> {
  const clock = new ManualClock();
  const platform = await LocalPlatform.create({ clock, seedApp });
  const secretOf = (userId: string): string => {
    const user = platform.seed.b24.users.find((u) => u.id === userId);
    if (!user) throw new Error(`no Bitrix24 user ${userId} in the seed`);
    return user.webhookSecret;
  };
  return {
    platform,
    clock,
    async b24(userId, method, params = {}) {
      const url = `https://${platform.seed.b24.domain}/rest/${userId}/${secretOf(userId)}/${method}.json`;
      const response = await platform.b24.handle(new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) }));
      const body = (await response.json()) as { result?: unknown; error?: string; error_description?: string };
      if (!response.ok || body.error) throw new Error(`${method}: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
      return body.result;
    },
    async jira(email, method, path, body) {
      const headers: Record<string, string> = { authorization: `Basic ${Buffer.from(`${email}:token`).toString('base64')}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await platform.jira.handle(
        new Request(`${platform.seed.jira.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
    async settle() {
      const report = await platform.settle();
      if (!report.idle) throw new Error(`the platform did not settle: ${JSON.stringify(report)}`);
    },
  };
}
