/**
 * Health as the resolvers return it: codes with parameters for the Connection tab (site-wide) and the issue panel
 * (its project): Bitrix24 events arriving, silent or never seen; OAuth token refreshes failing; jobs that gave up.
 */
import { B24_CREDENTIALS_KEY } from '../../src/ports/b24-credentials';
import type { HealthNotice } from '../../src/app/health/health-notices';
import { OAuthRefreshHealth } from '../../src/app/health/oauth-refresh';
import { keys } from '../../src/app/store/keys';
import { composeApp } from '../../src/entry/composition';
import { runInvocation } from '../../src/local/forge/context';
import { createResolverWorld, type ResolverWorld } from './world';

const MINUTE = 60_000;

const world = createResolverWorld;

const health = async (w: ResolverWorld): Promise<HealthNotice[]> =>
  (await w.settings('anna', 'getConnection')).health as HealthNotice[];

async function deliverVerifiedEvent(w: ResolverWorld): Promise<void> {
  const seed = w.platform.seed.b24;
  const body = new URLSearchParams({
    event: 'ONTASKUPDATE',
    'data[FIELDS_BEFORE][ID]': '99',
    'data[FIELDS_AFTER][ID]': '99',
    'auth[domain]': seed.domain,
    'auth[member_id]': seed.memberId,
    'auth[application_token]': seed.applicationToken,
  });
  const response = await w.platform.webtrigger(
    'b24-events',
    new Request('https://local-forge.test/webtrigger/b24-events', { method: 'POST', body: body.toString() }),
  );
  expect(response.status).toBe(200);
}

const journalEntry = (at: number, outcome: 'failed' | 'synced', taskId: string) => ({
  id: `e-${at}-${taskId}`,
  at,
  projectKey: 'DEMO',
  direction: 'b24-to-jira',
  operation: 'task-changed',
  taskId,
  fields: [],
  outcome,
  ...(outcome === 'failed' ? { message: 'gave up after 25 attempts', retryJob: { kind: 'task-changed', taskId } } : {}),
});

describe('health on the Connection tab', () => {
  it('says no event ever arrived since the portal was connected, and that the app checks for itself every 5 minutes', async () => {
    const w = await world();
    const connectedAt = w.clock.now();
    w.clock.advance(11 * MINUTE);
    expect(await health(w)).toEqual([
      { code: 'health.eventsNever', level: 'warning', params: { since: connectedAt, everyMinutes: 5 } },
    ]);
  });

  it('says events arrive while verified ones came within 10 minutes, and silent (since the last) after that', async () => {
    const w = await world();
    await deliverVerifiedEvent(w);
    const at = w.clock.now();
    w.clock.advance(9 * MINUTE);
    expect(await health(w)).toEqual([
      { code: 'health.eventsArriving', level: 'ok', params: { at, event: 'ONTASKUPDATE' } },
    ]);
    w.clock.advance(2 * MINUTE);
    expect(await health(w)).toEqual([
      { code: 'health.eventsSilent', level: 'warning', params: { since: at, everyMinutes: 5 } },
    ]);
  });

  it('names a failing OAuth token refresh with its reason code, and forgets it once a refresh works', async () => {
    const w = await world({
      seed: async ({ kvs, platform }) => {
        const client = platform.seed.b24.oauthClient;
        await kvs.setSecret(B24_CREDENTIALS_KEY, {
          mode: 'oauth',
          clientEndpoint: `https://${platform.seed.b24.domain}/rest/`,
          accessToken: 'expired-access',
          refreshToken: 'revoked-refresh',
          expiresAt: platform.clock.now() - 1,
          clientId: client?.clientId ?? '',
          clientSecret: client?.clientSecret ?? '',
        });
      },
    });
    const failedAt = w.clock.now();
    expect((await w.settings('anna', 'testConnection')).ok).toBe(false);
    expect(await health(w)).toContainEqual({
      code: 'health.oauthRefreshFailing',
      level: 'error',
      params: { since: failedAt, lastAt: failedAt, reason: expect.stringMatching(/^b24:/) as unknown },
    });

    // What the auth adapter reports after a refresh that works (src/entry/composition.ts wires it).
    await runInvocation({ host: w.platform.runtime, functionKey: 'sync-fn' }, async () => {
      const deps = composeApp({ test: true });
      await new OAuthRefreshHealth(deps.kv, deps.clock).record({ ok: true });
    });
    expect((await health(w)).map((n) => n.code)).not.toContain('health.oauthRefreshFailing');
  });

  it('counts jobs that gave up this week and a later successful sync of the same task makes one good', async () => {
    const w = await world();
    const now = w.clock.now();
    for (const [at, outcome, task] of [
      [now - 3 * MINUTE, 'failed', '7'],
      [now - 2 * MINUTE, 'failed', '8'],
      [now - MINUTE, 'synced', '8'],
      [now - 8 * 24 * 60 * MINUTE, 'failed', '9'],
    ] as const) {
      w.platform.kvs.write('plain', keys.journalEntry('DEMO', at, `s${task}`), journalEntry(at, outcome, task));
    }
    expect(await health(w)).toContainEqual({
      code: 'health.jobsGaveUp',
      level: 'error',
      params: { count: 1, projects: 'DEMO', days: 7 },
    });
  });
});

describe('health on the issue panel', () => {
  it('comes with the linked task view, for anyone who may browse the project', async () => {
    const w = await world();
    // The panel re-reads the issue as the caller, so it must exist.
    const created = await w.jira('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Real issue' },
    });
    w.clock.advance(11 * MINUTE);
    const reply = await w.issue('dmitri', 'getLinkedTask', { id: String(created.id), key: String(created.key) });
    expect(reply.health).toEqual([expect.objectContaining({ code: 'health.eventsNever' })]);
  });
});
