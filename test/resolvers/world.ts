/**
 * Resolver test world: the local platform with the app connected by the seed (plus a Jira person who may not even
 * browse DEMO), and callers that invoke a resolver as a named person exactly as the bridge would.
 */
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform, type SeedAppContext } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';
import { defaultSeed, type PlatformSeed } from '../../src/local/seed';

export const PEOPLE = {
  /** Site admin (ADMINISTER) and DEMO admin. */
  anna: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01',
  /** DEMO admin only. */
  ben: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e02',
  /** A developer on DEMO: browses and edits issues (this world adds EDIT_ISSUES), administers nothing. */
  chloe: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e03',
  /** Browses DEMO only. */
  dmitri: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e04',
  /** Added by this world: no permission on DEMO at all. */
  olga: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e99',
} as const;

export type Person = keyof typeof PEOPLE;
export type Reply = Record<string, unknown>;

export interface ResolverWorld {
  platform: LocalPlatform;
  clock: ManualClock;
  settings(person: Person, call: string, payload?: Record<string, unknown>): Promise<Reply>;
  /** `projectKey` is what the module context claims (an attacker's sandbox call may claim anything). */
  issue(
    person: Person,
    call: string,
    issue: { id: string; key: string },
    payload?: Record<string, unknown>,
    projectKey?: string,
  ): Promise<Reply>;
  /** A Jira person's REST call (Basic auth by e-mail), e.g. to create an issue. */
  jira(method: string, path: string, body?: unknown): Promise<Reply>;
  /** A Bitrix24 call through Anna's incoming webhook. */
  b24(method: string, params?: unknown): Promise<unknown>;
  /** Every resolver response so far, for the "no secret ever leaves" assertion. */
  responses: unknown[];
}

export async function createResolverWorld(
  options: { seed?: (ctx: SeedAppContext) => Promise<void>; world?: (seed: PlatformSeed) => void } = {},
): Promise<ResolverWorld> {
  const clock = new ManualClock();
  const seed = defaultSeed();
  seed.jira.users.find((u) => u.accountId === PEOPLE.chloe)?.projectPermissions?.DEMO?.push('EDIT_ISSUES');
  seed.jira.users.push({
    accountId: PEOPLE.olga,
    displayName: 'Olga Outsider',
    email: 'olga@example.com',
    globalPermissions: [],
    projectPermissions: { DEMO: [] },
  });
  options.world?.(seed);
  const platform = await LocalPlatform.create({
    clock,
    seed,
    seedApp: async (ctx) => {
      await seedApp(ctx);
      await options.seed?.(ctx);
    },
  });
  const responses: unknown[] = [];
  const call = async (
    fn: string,
    person: Person,
    name: string,
    payload: Record<string, unknown>,
    extension: Record<string, unknown>,
  ): Promise<Reply> => {
    const result = await platform.invoke({ function: fn, call: name, payload, accountId: PEOPLE[person], extension });
    responses.push(result);
    return result as Reply;
  };
  const anna = platform.seed.b24.users.find((u) => u.id === '1');
  return {
    platform,
    clock,
    responses,
    settings: (person, name, payload = {}) =>
      call('settings-resolver-fn', person, name, payload, { project: { key: 'DEMO' } }),
    issue: (person, name, issue, payload = {}, projectKey = 'DEMO') =>
      call('issue-resolver-fn', person, name, payload, { project: { key: projectKey }, issue }),
    async jira(method, path, body) {
      const headers: Record<string, string> = {
        authorization: `Basic ${Buffer.from('anna.schmidt@example.com:token').toString('base64')}`,
        accept: 'application/json',
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await platform.jira.handle(
        new Request(`${platform.seed.jira.baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : {}) as Reply;
    },
    async b24(method, params = {}) {
      const url = `https://${platform.seed.b24.domain}/rest/1/${anna?.webhookSecret ?? ''}/${method}.json`;
      const response = await platform.b24.handle(
        new Request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(params),
        }),
      );
      const body = (await response.json()) as { result?: unknown; error?: string };
      if (body.error) throw new Error(`${method}: ${body.error}`);
      return body.result;
    },
  };
}

/** Every secret the seed stores, which no resolver reply may contain. */
export function seededSecrets(platform: LocalPlatform): string[] {
  const b24 = platform.seed.b24;
  return [
    b24.applicationToken,
    ...b24.users.map((u) => u.webhookSecret),
    b24.oauthClient?.clientSecret ?? 'no-oauth-secret',
  ];
}
