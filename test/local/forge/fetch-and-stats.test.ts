import { asApp, ExternalEndpointNotAllowedError, fetch, route } from '@forge/api';
import { EgressPolicy } from '../../../src/local/forge/egress';
import { jiraEndpoint } from '../../../src/local/forge/stats';
import { buildRuntime, fakeService } from './harness';

const EGRESS = ['*.bitrix24.com', 'oauth.bitrix.info'];

describe('fetch: egress checked against manifest.yml by @forge/egress, routed to the registered service', () => {
  it('matches exact hosts and * globs, https unless the entry names a scheme', () => {
    const policy = new EgressPolicy(EGRESS);
    expect(policy.allows('https://sandbox.bitrix24.com/rest')).toBe(true);
    expect(policy.allows('https://a.b.bitrix24.com/')).toBe(true);
    expect(policy.allows('https://bitrix24.com/')).toBe(false);
    expect(policy.allows('https://evilbitrix24.com/')).toBe(false);
    expect(policy.allows('https://oauth.bitrix.info/oauth/token/')).toBe(true);
    expect(policy.allows('https://x.oauth.bitrix.info/')).toBe(false);
    expect(policy.allows('http://sandbox.bitrix24.com/')).toBe(false);
    expect(new EgressPolicy(['http://plain.example']).allows('http://plain.example/x')).toBe(true);
  });

  it('refuses a host the manifest does not allow, and plain http, like Forge', async () => {
    const h = buildRuntime();
    await expect(fetch('https://example.com/rest/x')).rejects.toBeInstanceOf(ExternalEndpointNotAllowedError);
    await expect(fetch('http://sandbox.bitrix24.com/rest/x')).rejects.toBeInstanceOf(ExternalEndpointNotAllowedError);
    expect(h.b24.requests).toHaveLength(0);
    expect(h.runtime.stats.snapshot().b24.reads + h.runtime.stats.snapshot().b24.writes).toBe(0);
  });

  it('fails like a network error for an allowed host nobody serves', async () => {
    buildRuntime();
    await expect(fetch('https://other.bitrix24.com/rest/user.get')).rejects.toThrow(/ENOTFOUND other.bitrix24.com/);
  });

  it('delivers an allowed request to the service with method, headers and body, and returns its Response', async () => {
    const b24 = fakeService(() => Response.json({ result: { task: { id: '7' } } }));
    const h = buildRuntime({ b24 });

    const response = await fetch('https://sandbox.bitrix24.com/rest/1/secret/tasks.task.add.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { TITLE: 'x' } }),
    });

    expect(response.ok).toBe(true);
    expect(await response.json()).toEqual({ result: { task: { id: '7' } } });
    expect(h.b24.requests[0]).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      body: '{"fields":{"TITLE":"x"}}',
    });
  });

  it('sends asApp().requestJira to the Jira service as the app, with route() refusing path manipulation', async () => {
    const h = buildRuntime();
    await asApp().requestJira(route`/rest/api/3/issue/${'DEMO-1'}?fields=${'summary,status'}`);

    expect(h.jira.requests[0]).toMatchObject({
      url: 'https://sandbox.atlassian.net/rest/api/3/issue/DEMO-1?fields=summary%2Cstatus',
      caller: { kind: 'app' },
    });
    expect(() => route`/rest/api/3/issue/${'../myself'}`).toThrow(/Disallowing path manipulation/);
    // Atlassian's wrapper checks the Route synchronously, before any request.
    expect(() => asApp().requestJira('/rest/api/3/myself' as never)).toThrow(/route/);
  });
});

describe('stats: the REST calls the app makes', () => {
  it('templates Jira endpoints by replacing ids and keys', () => {
    const t = (method: string, path: string): string => jiraEndpoint(method, new URL(`https://x.atlassian.net${path}`));
    expect(t('GET', '/rest/api/3/issue/DEMO-12?expand=changelog')).toBe('GET /rest/api/3/issue/{id}');
    expect(t('POST', '/rest/api/3/issue/10001/comment')).toBe('POST /rest/api/3/issue/{id}/comment');
    expect(t('PUT', '/rest/api/3/issue/10001/comment/20002')).toBe('PUT /rest/api/3/issue/{id}/comment/{id}');
    expect(t('PUT', '/rest/api/3/issue/10001/properties/b24-sync')).toBe('PUT /rest/api/3/issue/{id}/properties/{id}');
    expect(t('GET', '/rest/api/3/project/DEMO/statuses')).toBe('GET /rest/api/3/project/{id}/statuses');
    expect(t('POST', '/rest/api/3/search/jql')).toBe('POST /rest/api/3/search/jql');
    expect(t('POST', '/rest/api/3/issue')).toBe('POST /rest/api/3/issue');
  });

  it('counts Jira reads (GET, search/jql) and writes by endpoint, and B24 calls by method with batch commands listed', async () => {
    const h = buildRuntime();
    await asApp().requestJira(route`/rest/api/3/issue/${'DEMO-1'}`);
    await asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: '{}' });
    await asApp().requestJira(route`/rest/api/3/issue/${'DEMO-1'}`, { method: 'PUT', body: '{}' });
    await fetch('https://sandbox.bitrix24.com/rest/1/s/tasks.task.get.json?taskId=1');
    await fetch('https://sandbox.bitrix24.com/rest/tasks.task.update?auth=t', { method: 'POST', body: '{}' });
    await fetch('https://sandbox.bitrix24.com/rest/1/s/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ halt: 0, cmd: { a: 'tasks.task.get?taskId=1', b: 'task.commentitem.add?TASKID=1' } }),
    });
    await fetch('https://sandbox.bitrix24.com/rest/1/s/batch.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'cmd[x]': 'user.get?ID=1' }).toString(),
    });

    expect(h.runtime.stats.snapshot()).toEqual({
      jira: {
        reads: 2,
        writes: 1,
        byEndpoint: {
          'GET /rest/api/3/issue/{id}': 1,
          'POST /rest/api/3/search/jql': 1,
          'PUT /rest/api/3/issue/{id}': 1,
        },
      },
      b24: {
        // A batch with a write in it is a write; a batch of reads only (user.get) is a read.
        reads: 2,
        writes: 2,
        byMethod: { 'tasks.task.get': 1, 'tasks.task.update': 1, batch: 2 },
        batchCommands: { 'tasks.task.get': 1, 'task.commentitem.add': 1, 'user.get': 1 },
      },
    });
    h.runtime.stats.reset();
    expect(h.runtime.stats.snapshot().jira.reads).toBe(0);
  });
});
