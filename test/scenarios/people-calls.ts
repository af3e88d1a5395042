/**
 * People acting through the emulators' REST APIs, as they would from their browsers or scripts: a Bitrix24 user
 * through their incoming webhook, a Jira user with Basic auth. A person refused for load (429, 5xx) clicks again a
 * second later on the simulated clock. Shared by the runtime worlds of the scenarios and of the model.
 */
import type { ManualClock } from '../../src/local/contracts';
import type { PlatformSeed } from '../../src/local/seed';

interface Handles {
  seed: PlatformSeed;
  b24: { handle(request: Request): Promise<Response> };
  jira: { handle(request: Request): Promise<Response> };
}

export interface PeopleCalls {
  b24(userId: string, method: string, params?: unknown): Promise<unknown>;
  jira(email: string, method: string, path: string, body?: unknown): Promise<unknown>;
}

async function retried(clock: ManualClock, send: () => Promise<Response>): Promise<Response> {
  let response = await send();
  for (let i = 0; i < 20 && (response.status === 429 || response.status >= 500); i += 1) {
    clock.advance(1000);
    response = await send();
  }
  return response;
}

export function peopleCalls(platform: Handles, clock: ManualClock): PeopleCalls {
  const secretOf = (userId: string): string => {
    const user = platform.seed.b24.users.find((u) => u.id === userId);
    if (!user) throw new Error(`no Bitrix24 user ${userId} in the seed`);
    return user.webhookSecret;
  };
  return {
    async b24(userId, method, params = {}) {
      const url = `https://${platform.seed.b24.domain}/rest/${userId}/${secretOf(userId)}/${method}.json`;
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) };
      const response = await retried(clock, () => platform.b24.handle(new Request(url, init)));
      const body = (await response.json()) as { result?: unknown; error?: string; error_description?: string };
      if (!response.ok || body.error)
        throw new Error(`${method}: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
      return body.result;
    },
    async jira(email, method, path, body) {
      const headers: Record<string, string> = {
        authorization: `Basic ${Buffer.from(`${email}:token`).toString('base64')}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      };
      const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
      const url = `${platform.seed.jira.baseUrl}${path}`;
      const response = await retried(clock, () => platform.jira.handle(new Request(url, init)));
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
  };
}
