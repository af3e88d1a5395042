/**
 * The router and the direction use cases against in-memory ports whose remotes refuse every call: each case here
 * is decided from storage alone, before any read, and a REST call would fail the test.
 */
import { LinkStore, type PairLink } from '../../../src/app/store/links';
import { SyncContext } from '../../../src/app/sync-context';
import { OwnWrites } from '../../../src/app/sync/echo';
import { routeSyncJob } from '../../../src/app/sync/router';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

const LINK: PairLink = { taskId: '41', issueId: '10001', issueKey: 'DEMO-1', projectKey: 'DEMO', linkedAt: 0 };

async function paired(): Promise<MemoryDeps> {
  const deps = memoryDeps();
  await new LinkStore(deps.kv).save(LINK);
  return deps;
}

async function route(
  deps: MemoryDeps,
  job: Parameters<typeof routeSyncJob>[0],
): Promise<{ jira: number; b24: number }> {
  const ctx = await SyncContext.create(deps);
  await routeSyncJob(job, ctx);
  return ctx.calls();
}

describe('a Bitrix24 task event at the router', () => {
  it('dismisses the add event of a task already paired without a call', async () => {
    expect(await route(await paired(), { kind: 'task-changed', taskId: '41', added: true })).toEqual({
      jira: 0,
      b24: 0,
    });
  });

  it('dismisses an update the migration counted without a call, once', async () => {
    const deps = await paired();
    await new OwnWrites(deps.kv).expectMigrationMarks(['41']);
    expect(await route(deps, { kind: 'task-changed', taskId: '41' })).toEqual({ jira: 0, b24: 0 });
    // The mark is spent: the next update is a person's edit and goes on to the pair sync.
    expect(await new OwnWrites(deps.kv).jobIsOwn({ kind: 'task-changed', taskId: '41' }, LINK)).toBe(false);
  });

  it('creates nothing for a task a person unlinked, without a call', async () => {
    const deps = memoryDeps();
    await new LinkStore(deps.kv).markUnlinked(LINK);
    expect(await route(deps, { kind: 'task-changed', taskId: '41' })).toEqual({ jira: 0, b24: 0 });
  });
});

describe('a delete event at the router', () => {
  it('is our own delete’s echo when the pair is being dissolved from the other side: nothing is read', async () => {
    const deps = await paired();
    await new LinkStore(deps.kv).markDissolved(LINK, 'jira');
    expect(await route(deps, { kind: 'task-deleted', taskId: '41' })).toEqual({ jira: 0, b24: 0 });
  });

  it('is ignored for an entity without a link', async () => {
    expect(await route(memoryDeps(), { kind: 'issue-deleted', issueId: '10001', projectKey: 'DEMO' })).toEqual({
      jira: 0,
      b24: 0,
    });
  });
});
