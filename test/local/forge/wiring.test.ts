import { buildRuntime, issueEvent, trace, pushWork } from './harness';

describe('the local Forge runtime wires the app from manifest.yml alone', () => {
  it('delivers a product event to every trigger subscribed to its type, with the handler the manifest names', async () => {
    const h = buildRuntime();
    h.runtime.deliverJiraEvent(issueEvent({ eventType: 'avi:jira:updated:issue', key: 'DEMO-7' }));
    h.runtime.deliverJiraEvent(issueEvent({ eventType: 'avi:jira:created:issue', key: 'DEMO-8' }));

    const report = await h.runtime.settle();

    expect(report).toMatchObject({ idle: true, jiraEventsDelivered: 3 });
    expect(trace(h, 'issue-events')).toEqual([
      { type: 'avi:jira:updated:issue', key: 'DEMO-7', by: 'person-1', self: false, retry: 0 },
      { type: 'avi:jira:created:issue', key: 'DEMO-8', by: 'person-1', self: false, retry: 0 },
    ]);
    expect(trace(h, 'all-issue-events')).toEqual([{ type: 'avi:jira:updated:issue', key: 'DEMO-7', self: false }]);
  });

  it('filters self-generated events only for triggers with filter.ignoreSelf', async () => {
    const h = buildRuntime();
    h.runtime.deliverJiraEvent(issueEvent({ selfGenerated: true, atlassianId: 'app' }));

    const report = await h.runtime.settle();

    expect(report.selfEventsFiltered).toBe(1);
    expect(trace(h, 'issue-events')).toEqual([]);
    expect(trace(h, 'all-issue-events')).toEqual([{ type: 'avi:jira:updated:issue', key: 'DEMO-1', self: true }]);
  });

  it('retries a trigger that returns an InvocationError at most 4 times, then records a dead letter', async () => {
    const h = buildRuntime();
    h.runtime.kvsStore.write('plain', 'mode:issue-events', 'retry');
    h.runtime.deliverJiraEvent(issueEvent({ eventType: 'avi:jira:created:issue' }));

    const report = await h.runtime.settle();

    expect(trace(h, 'issue-events').map((e) => (e as { retry: number }).retry)).toEqual([0, 1, 2, 3, 4]);
    expect(report.deadLetters).toBe(1);
    expect(report.deadLetterDetails[0]).toMatchObject({ kind: 'jira-event', target: 'issue-events' });
    expect(report.advancedMs).toBe(4 * 30_000);
  });

  it('answers a web trigger with the dynamic response the function builds, from the documented request shape', async () => {
    const h = buildRuntime();
    const response = await h.runtime.webtrigger(
      'inbox',
      new Request('https://local-forge.test/webtrigger/inbox?a=1&a=2', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'event=ONTASKADD',
      }),
    );

    expect(response.status).toBe(202);
    expect(await response.text()).toBe('queued');
    expect(response.headers.get('x-job')).toMatch(/[0-9a-f-]{36}/);
    expect(trace(h, 'inbox')).toEqual([
      {
        method: 'POST',
        query: { a: ['1', '2'] },
        contentType: ['application/x-www-form-urlencoded'],
        body: 'event=ONTASKADD',
      },
    ]);
    expect(h.runtime.pending).toBe(1);
  });

  it('answers 500 when a web trigger returns something other than {statusCode, ...} or throws', async () => {
    const h = buildRuntime();
    const bad = await h.runtime.webtrigger(
      'inbox',
      new Request('https://local-forge.test/webtrigger/inbox?shape=bad', { method: 'POST', body: '' }),
    );
    const thrown = await h.runtime.webtrigger(
      'inbox',
      new Request('https://local-forge.test/webtrigger/inbox?fail=throw', { method: 'POST', body: '' }),
    );
    const unknown = await h.runtime.webtrigger(
      'nope',
      new Request('https://local-forge.test/webtrigger/nope', { method: 'POST', body: '' }),
    );

    expect([bad.status, thrown.status, unknown.status]).toEqual([500, 500, 404]);
  });

  it('calls a UI module resolver as the bridge does, with the person as principal for asUser()', async () => {
    const jira = (await import('./harness')).fakeService(() => Response.json({ accountId: 'person-2' }));
    const h = buildRuntime({ jira });

    const result = await h.runtime.invoke({
      function: 'panel',
      call: 'whoami',
      accountId: 'person-2',
      extension: { issue: { key: 'DEMO-1' } },
    });
    const echo = await h.runtime.invoke({
      function: 'panel-resolver-fn',
      call: 'echo',
      payload: { n: 1 },
      accountId: 'person-2',
      extension: { issue: { key: 'DEMO-1' } },
    });

    expect(result).toEqual({ accountId: 'person-2', status: 200, body: { accountId: 'person-2' } });
    expect(jira.requests[0]).toMatchObject({
      method: 'GET',
      url: 'https://sandbox.atlassian.net/rest/api/3/myself',
      caller: { kind: 'user', accountId: 'person-2' },
    });
    expect(echo).toEqual({ payload: { n: 1 }, extension: { type: 'jira:issueContext', issue: { key: 'DEMO-1' } } });
  });

  it('refuses asUser() in a consumer, which has no user', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'u', mode: 'user' });

    const report = await h.runtime.settle({ maxSteps: 1 });

    expect(report.failures[0]?.error).toMatch(/asUser\(\) needs a user/);
  });

  it('runs the scheduled trigger when settling moves the clock past its interval, and on demand', async () => {
    const h = buildRuntime();
    await h.runtime.runScheduled('tick');
    expect(trace(h, 'tick')).toEqual([{ url: 'https://local-forge.test/webtrigger/inbox' }]);

    h.clock.advance(50 * 60_000);
    await pushWork({ id: 'late', mode: 'ok' }, 900);
    const report = await h.runtime.settle();

    expect(report.advancedMs).toBe(15 * 60_000);
    expect(trace(h, 'tick')).toHaveLength(2);
    expect(trace(h, 'work:late')).toHaveLength(1);
  });

  it('fails fast when the manifest names a handler the index does not export', async () => {
    const { ForgeRuntime } = await import('../../../src/local/forge/runtime');
    const { ManualClock } = await import('../../../src/local/contracts');
    const { FIXTURE_APP, fakeService } = await import('./harness');
    const { join } = await import('node:path');
    expect(
      () =>
        new ForgeRuntime({
          clock: new ManualClock(),
          manifestPath: join(FIXTURE_APP, 'manifest.yml'),
          indexPath: join(FIXTURE_APP, '..', 'broken-index.ts'),
          jira: { baseUrl: 'https://x.atlassian.net', service: fakeService() },
        }),
    ).toThrow(/onIssueEvent is not a function exported/);
  });
});

describe('delivery limits and concurrency', () => {
  it('does not deliver a product event over 200 KB, as Forge does not', async () => {
    const h = buildRuntime();
    h.runtime.deliverJiraEvent(issueEvent({ padding: 'x'.repeat(201 * 1024) }));

    const report = await h.runtime.settle();

    expect(report).toMatchObject({ jiraEventsTooLarge: 1, jiraEventsDelivered: 0 });
  });

  it('runs concurrent settle calls one after the other, so no work runs twice', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'once', mode: 'ok' });

    const [a, b] = await Promise.all([h.runtime.settle(), h.runtime.settle()]);

    expect(a.jobsRun + b.jobsRun).toBe(1);
    expect(trace(h, 'work:once')).toHaveLength(1);
  });
});
