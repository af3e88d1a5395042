/** The migration's lower bound (src/core/migration/cost.ts), worked out by hand for the sizes the issue names. */
import { DEFAULT_LIMITS, predictMigration } from '../../src/core/migration/cost';

describe('predictMigration', () => {
  it('10,000 tasks + 10,000 issues: 942 calls, and 40 minutes set by Bitrix24 operating time', () => {
    const p = predictMigration({ tasks: 10_000, issues: 10_000 });
    // Jira: 112 search pages of 90 + 200 bulk creates + 200 read-backs + the hand-off's one search.
    expect(p.calls.jira).toBe(513);
    // Bitrix24: 200 add batches + 23 list batches (10,000 tasks, 450 a batch, the last one short) + 200 XML_ID
    // batches + 5 batches of the XML_ID mark scan (2,500 a batch, the last one short) + the hand-off's one list.
    expect(p.calls.b24).toBe(429);
    expect(p.calls.total).toBe(942);
    // 10,000 tasks.task.add × 0.2 s = 2,000 s of a 480 s per 10 min budget: four full windows wait.
    expect(p.seconds).toBe(2400);
    expect(p.boundBy).toBe('b24-operating-time');
    // Each added task fires one queued event; the XML_ID marks' events are screened before the queue, and Jira's
    // own are filtered.
    expect(p.events).toBe(10_000);
  });

  it('counts comments: Bitrix24 ones read 50 tasks per batch and posted one by one, Jira ones added 50 per batch', () => {
    const base = predictMigration({ tasks: 100, issues: 100 });
    const p = predictMigration({ tasks: 100, issues: 100, tasksWithComments: 10, taskComments: 25, issueComments: 60 });
    expect(p.calls.jira - base.calls.jira).toBe(25);
    expect(p.calls.b24 - base.calls.b24).toBe(1 + 2);
    expect(p.events - base.events).toBe(60);
  });

  it("lists the workgroup's XML_ID marks once, before the first task is made, and only when issues get tasks", () => {
    expect(
      predictMigration({ tasks: 600, issues: 1 }).calls.b24 - predictMigration({ tasks: 600, issues: 0 }).calls.b24,
    ).toBe(1 + 1);
    const marks = (tasks: number): number =>
      predictMigration({ tasks, issues: 1 }).b24Commands['tasks.task.list']! -
      predictMigration({ tasks, issues: 0 }).b24Commands['tasks.task.list']!;
    expect([marks(0), marks(2_499), marks(2_500)]).toEqual([50, 50, 100]);
  });

  it('an empty workgroup and project still cost one list of each, and the hand-off to reconciliation', () => {
    expect(predictMigration({ tasks: 0, issues: 0 })).toMatchObject({
      calls: { jira: 2, b24: 2, total: 4 },
      seconds: 0,
      boundBy: 'none',
    });
  });

  it("pairs found by marker and people with no counterpart add the single path's calls and one look-up each", () => {
    const base = predictMigration({ tasks: 10, issues: 10 });
    const p = predictMigration({ tasks: 10, issues: 10, handedOver: 2, unmatchedPeople: { b24: 3, jira: 1 } });
    expect(p.calls.jira - base.calls.jira).toBe(2 * 4 + 3);
    expect(p.calls.b24 - base.calls.b24).toBe(2 * 2 + 1);
  });

  it('a smaller Jira points pool makes Jira the bound', () => {
    const p = predictMigration({ tasks: 10_000, issues: 10_000 }, { ...DEFAULT_LIMITS, jiraPointsPerHour: 5_000 });
    expect(p.boundBy).toBe('jira-points');
    expect(p.seconds).toBe(Math.floor((p.jiraPoints - 1) / 5_000) * 3600);
  });
});
