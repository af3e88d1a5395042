/**
 * No token or key is readable in what the running service leaves behind: the service starts on a PGlite data
 * directory with a Jira API token, a Jira webhook secret and a Bitrix24 webhook address, its calls to both sides
 * fail (so the error paths log), a sync job runs, and the service stops. Then neither its log lines nor any file of
 * the data directory holds a secret as text, base64 or hex. A plain value is searched the same way and found, so
 * the search would see a secret written in the clear.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storesOf } from '../../src/app/store/stores';
import { defaultConfig } from '../../src/core/config';
import { B24_CREDENTIALS_KEY } from '../../src/ports/b24-credentials';
import { loadConfig } from '../../src/service/config';
import { startService } from '../../src/service/service';
import { sqlEngines } from '../../src/service/wiring';

const formsOf = (secret: string): string[] => [
  secret,
  Buffer.from(secret, 'utf8').toString('base64'),
  Buffer.from(secret, 'utf8').toString('hex'),
];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function filesHolding(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    const content = await readFile(file);
    if (needles.some((needle) => content.includes(Buffer.from(needle, 'utf8')))) hits.push(file);
  }
  return hits;
}

describe('secrets in the running service', () => {
  const key = randomBytes(32).toString('base64');
  const secrets = {
    jiraApiToken: `ATATT3xFfGF0${randomBytes(24).toString('hex')}`,
    jiraWebhookSecret: `whsec-${randomBytes(16).toString('hex')}`,
    b24WebhookCode: `${randomBytes(10).toString('hex')}code`,
  };
  const plainMarker = `plain-marker-${randomBytes(12).toString('hex')}`;
  const lines: string[] = [];
  const calls: string[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-in-logs-'));
    const config = loadConfig({
      PORT: '18099',
      SYNC_DATA_DIR: join(dir, 'db'),
      SYNC_SECRET_KEY: key,
      LOG_LEVEL: 'debug',
      JIRA_AUTH: 'token',
      JIRA_SITE_URL: 'https://acme.atlassian.net',
      JIRA_EMAIL: 'sync-bot@example.com',
      JIRA_API_TOKEN: secrets.jiraApiToken,
      JIRA_WEBHOOK_SECRET: secrets.jiraWebhookSecret,
    });
    // Both remotes fail: the error paths, where a careless log would quote a URL or a header, all run.
    const failing = (url: string | URL | Request): Promise<Response> => {
      calls.push(String(url instanceof Request ? url.url : url));
      return Promise.resolve(Response.json({ error: 'INTERNAL', error_description: 'down' }, { status: 503 }));
    };
    const service = await startService({
      config,
      engines: sqlEngines,
      logSink: (line) => lines.push(line),
      fetch: failing,
    });
    const deps = service.app.deps();
    const stores = storesOf(deps);
    await deps.secrets.set(B24_CREDENTIALS_KEY, {
      mode: 'webhook',
      webhookUrl: `https://tasks.example-corp.ru/rest/1/${secrets.b24WebhookCode}/`,
    });
    await stores.connection.save({
      domain: 'tasks.example-corp.ru',
      memberId: 'c7848c26da9f20fa0d54043bf464b60c',
      authMode: 'webhook',
      connectedAt: deps.clock.now(),
    });
    await stores.configs.save(defaultConfig('DEMO', '7'));
    await deps.kv.set('plain:control', { note: plainMarker });
    await deps.syncQueue.push([{ kind: 'task-changed', taskId: '41' }]);
    const deadline = Date.now() + 30_000;
    while (!calls.some((url) => url.includes('tasks.example-corp.ru')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await service.stop();
  }, 90_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('called both remotes with the secrets, so they were in use', () => {
    expect(calls.some((url) => url.includes(secrets.b24WebhookCode))).toBe(true);
    expect(calls.some((url) => url.startsWith('https://acme.atlassian.net/'))).toBe(true);
  });

  it('logged without any of them or the key', () => {
    // The failed calls were logged, so the lines searched are the ones a careless log would leak through.
    expect(lines.join('\n')).toContain('Bitrix24 tasks.task.get failed');
    const log = lines.join('\n');
    for (const secret of [...Object.values(secrets), key]) {
      for (const form of formsOf(secret)) expect(log).not.toContain(form);
    }
  });

  it('left none of them, nor the key, in the data directory, where a plain value is found', async () => {
    expect(await filesHolding(dir, formsOf(plainMarker))).not.toEqual([]);
    expect(await filesHolding(dir, [...Object.values(secrets), key].flatMap(formsOf))).toEqual([]);
  });
});
