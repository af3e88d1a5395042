/**
 * Idempotent creation against Jira's eventually consistent search: the first create lands
 * but its reply is lost, search lags by a minute, and the retry creates nothing. Exactly one issue, linked.
 */
import { actions, createWorld, PEOPLE, type World } from './harness';

/** Lose the reply of the app's next write only: the plan is cleared as soon as that write's issue exists. */
function loseTheCreateReply(w: World): void {
  w.platform.setFaults({ lostReplies: 1 });
  const stop = w.platform.jira.onEvent((event) => {
    if (event.eventType !== 'avi:jira:created:issue') return;
    w.platform.setFaults({});
    stop();
  });
}

describe('creating an issue when the reply is lost and search lags', () => {
  it('creates exactly one issue and links it, waiting for search instead of creating again', async () => {
    const w = await createWorld();
    w.platform.jira.limits.searchLagMs = 60_000;
    const a = actions(w);
    loseTheCreateReply(w);

    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Only once, please' });
    await w.settle();

    const link = a.linkOfTask(taskId);
    expect(link).toBeDefined();
    // Anna reads after the lag, so the count is not itself fooled by it.
    w.clock.advance(60_000);
    const issues = await a.issuesInProject();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.id).toBe(link?.issueId);
    expect(w.platform.stats().jira.byEndpoint['POST /rest/api/3/issue']).toBe(1);
    // The retry found the first create by waiting, not by the hourly reconciliation, and nothing was given up.
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
    expect(
      w.platform.kvs.keys().filter((k) => k.startsWith(`creating:b24:${taskId}`) && !k.includes(':takeover:')),
    ).toEqual([]);
  });

  it('the search that finds the earlier create runs only once the lag can have passed', async () => {
    const w = await createWorld();
    w.platform.jira.limits.searchLagMs = 60_000;
    const a = actions(w);
    loseTheCreateReply(w);
    const searches: number[] = [];
    const started = w.clock.now();
    const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Patient retry' });
    const original = w.platform.jira.handle.bind(w.platform.jira);
    w.platform.jira.handle = (request, caller) => {
      if (caller?.kind === 'app' && new URL(request.url).pathname.endsWith('/search/jql'))
        searches.push(w.clock.now() - started);
      return original(request, caller);
    };
    await w.settle();
    expect(a.linkOfTask(taskId)).toBeDefined();
    // One search before the first create, one after waiting out the lag; none in between.
    expect(searches).toHaveLength(2);
    expect(searches[1]).toBeGreaterThanOrEqual(60_000);
  });
});
