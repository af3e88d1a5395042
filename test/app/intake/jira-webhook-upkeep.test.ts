/** The daily webhook upkeep follows the paired projects and the callback address, and says when Jira refuses. */
import type { DynamicWebhookApi } from '../../../src/ports/jira-webhooks';
import {
  JIRA_DYNAMIC_WEBHOOKS_KEY,
  keepJiraWebhooksAlive,
  projectFilter,
} from '../../../src/app/intake/jira-webhook-upkeep';
import { PermanentError } from '../../../src/core/errors';
import { memoryStore } from '../../adapters/jira-cloud/memory';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quiet,
};

function fakeJira(refuse?: string) {
  const live = new Map<number, string>();
  const calls: string[] = [];
  let next = 1;
  const api: DynamicWebhookApi = {
    register: (url, filters) => {
      calls.push(`register ${filters.map((f) => f.jqlFilter).join()}`);
      return Promise.resolve(
        filters.map((f) => {
          if (refuse !== undefined) return { errors: [refuse] };
          live.set(next, f.jqlFilter);
          return { id: next++ };
        }),
      );
    },
    list: () => Promise.resolve([...live].map(([id, jqlFilter]) => ({ id, events: [], jqlFilter }))),
    refresh: (ids) => Promise.resolve(void calls.push(`refresh ${ids.join()}`)).then(() => 42),
    remove: (ids) =>
      Promise.resolve(void calls.push(`remove ${ids.join()}`)).then(() => ids.forEach((id) => live.delete(id))),
  };
  return { api, calls };
}

it('quotes and sorts the project keys of the filter', () => {
  expect(projectFilter(['OPS', 'DEMO', 'OPS'])).toBe('project in ("DEMO", "OPS")');
});

it('re-registers when the paired projects change and removes the webhook when none is left', async () => {
  const jira = fakeJira();
  const kv = memoryStore();
  let projects = ['DEMO'];
  const deps = {
    api: jira.api,
    kv,
    log: quiet,
    callbackUrl: 'https://svc.example/events/jira',
    pairedProjectKeys: () => Promise.resolve(projects),
  };
  expect(await keepJiraWebhooksAlive(deps)).toBe('registered');
  expect(await keepJiraWebhooksAlive(deps)).toBe('refreshed');
  projects = ['DEMO', 'OPS'];
  expect(await keepJiraWebhooksAlive(deps)).toBe('registered');
  projects = [];
  expect(await keepJiraWebhooksAlive(deps)).toBe('removed');
  expect(jira.calls).toEqual([
    'register project in ("DEMO")',
    'refresh 1',
    'remove 1',
    'register project in ("DEMO", "OPS")',
    'remove 2',
  ]);
  expect(kv.data.has(JIRA_DYNAMIC_WEBHOOKS_KEY)).toBe(false);
});

it('reports Jira’s reasons when it refuses the registration and stores nothing', async () => {
  const jira = fakeJira('The clause watchCount is unsupported');
  const kv = memoryStore();
  const deps = {
    api: jira.api,
    kv,
    log: quiet,
    callbackUrl: 'https://svc.example/events/jira',
    pairedProjectKeys: () => Promise.resolve(['DEMO']),
  };
  await expect(keepJiraWebhooksAlive(deps)).rejects.toThrow(
    new PermanentError(
      'invalid-request',
      'Jira refused the webhook registration: The clause watchCount is unsupported',
      { code: 'jira:webhook-refused' },
    ),
  );
  expect(kv.data.has(JIRA_DYNAMIC_WEBHOOKS_KEY)).toBe(false);
});
