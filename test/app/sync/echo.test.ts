/**
 * The one echo decision (sync/echo.ts) against in-memory storage: a side read as our announced write is our echo
 * once; a side read as anything else, or after the write settled, is a person's; the migration's counted marks
 * are spent one per event and taken back for a write that failed.
 */
import { OwnWrites } from '../../../src/app/sync/echo';
import type { PairLink } from '../../../src/app/store/links';
import type { CanonicalTask } from '../../../src/core/model';
import { planPairSync } from '../../../src/core/sync/merge';
import { memoryKv } from '../memory-ports';
import { aCanonical, aContext } from '../../core/builders';

const LINK: PairLink = { taskId: '41', issueId: '10001', issueKey: 'DEMO-1', projectKey: 'DEMO', linkedAt: 0 };
const config = aContext().config;

/** A plan that writes Bitrix24's new title to Jira, and what Jira will read back. */
function planTitleToJira(): { plan: ReturnType<typeof planPairSync>; jiraAfter: CanonicalTask } {
  const base = { b24: aCanonical(), jira: aCanonical() };
  const plan = planPairSync({
    b24: aCanonical({ title: 'Renamed' }),
    jira: aCanonical(),
    base,
    ctx: aContext(),
    b24ChangedAt: '2025-10-01T00:00:00Z',
    jiraChangedAt: '2025-10-01T00:00:00Z',
  });
  return { plan, jiraAfter: plan.nextBase.jira };
}

describe('a side read after our write', () => {
  it('is our echo while it reads exactly as announced, once', async () => {
    const own = new OwnWrites(memoryKv());
    const { plan, jiraAfter } = planTitleToJira();
    await own.expectFieldWrites(LINK, plan, config);
    expect(await own.readIsOwn('jira', LINK, { current: jiraAfter, base: null, config })).toBe(true);
    expect(await own.readIsOwn('jira', LINK, { current: jiraAfter, base: null, config })).toBe(false);
  });

  it('is a person’s edit when another field changed too', async () => {
    const own = new OwnWrites(memoryKv());
    const { plan, jiraAfter } = planTitleToJira();
    await own.expectFieldWrites(LINK, plan, config);
    expect(await own.readIsOwn('jira', LINK, { current: { ...jiraAfter, priority: '2' }, base: null, config })).toBe(
      false,
    );
  });

  it('is no longer an intent once the write settled: the saved base recognises it instead', async () => {
    const own = new OwnWrites(memoryKv());
    const { plan, jiraAfter } = planTitleToJira();
    const announced = await own.expectFieldWrites(LINK, plan, config);
    await announced.settled();
    expect(await own.readIsOwn('jira', LINK, { current: jiraAfter, base: null, config })).toBe(false);
    expect(await own.readIsOwn('jira', LINK, { current: jiraAfter, base: plan.nextBase, config })).toBe(true);
  });
});

describe("the migration's counted marks", () => {
  it('dismiss as many update events as were announced, then none', async () => {
    const own = new OwnWrites(memoryKv());
    await own.expectMigrationMarks(['41', '41']);
    const update = { kind: 'task-changed', taskId: '41' } as const;
    expect([
      await own.jobIsOwn(update, LINK),
      await own.jobIsOwn(update, LINK),
      await own.jobIsOwn(update, LINK),
    ]).toEqual([true, true, false]);
  });

  it('are taken back for a write that failed', async () => {
    const own = new OwnWrites(memoryKv());
    await own.expectMigrationMarks(['41']);
    await own.forgetMigrationMark('41');
    expect(await own.jobIsOwn({ kind: 'task-changed', taskId: '41' }, LINK)).toBe(false);
  });

  it('are not spent by an event of a task without a link', async () => {
    const own = new OwnWrites(memoryKv());
    await own.expectMigrationMarks(['41']);
    expect(await own.jobIsOwn({ kind: 'task-changed', taskId: '41' }, null)).toBe(false);
    expect(await own.jobIsOwn({ kind: 'task-changed', taskId: '41' }, LINK)).toBe(true);
  });
});
