import { entityKeyOf, pairKeyOf } from '../../src/app/pair-key';
import type { SyncJob } from '../../src/app/sync-jobs';
import type { PairLink } from '../../src/app/store/links';

const linked: PairLink = { taskId: '7', issueId: '10007', issueKey: 'PRJ-7', projectKey: 'PRJ', linkedAt: 0 };
const links = { byIssue: (issueId: string) => Promise.resolve(issueId === linked.issueId ? linked : null) };

describe('the pair a sync job touches', () => {
  const taskSide: SyncJob[] = [
    { kind: 'task-changed', taskId: '7' },
    { kind: 'task-deleted', taskId: '7' },
    { kind: 'b24-comment', taskId: '7', commentId: '3', action: 'added' },
    { kind: 'pair-sync', taskId: '7', issueId: '10007', origin: 'reconcile' },
  ];
  const issueSide: SyncJob[] = [
    { kind: 'issue-changed', issueId: '10007', projectKey: 'PRJ' },
    { kind: 'issue-deleted', issueId: '10007', projectKey: 'PRJ' },
    { kind: 'jira-comment', issueId: '10007', projectKey: 'PRJ', commentId: '5', action: 'upserted' },
    { kind: 'jira-attachment', issueId: '10007', attachmentId: '9', action: 'created' },
    { kind: 'pair-sync', issueId: '10007', origin: 'retry' },
  ];

  it.each([...taskSide, ...issueSide])('is the task of the pair for a %s job of either side', async (job) => {
    expect(await pairKeyOf(job, links)).toBe('pair:7');
  });

  it('is the issue itself while the issue is not paired', async () => {
    expect(await pairKeyOf({ kind: 'issue-changed', issueId: '10099', projectKey: 'PRJ' }, links)).toBe('issue:10099');
  });

  it('keeps the entity a job names when it is pushed, before any link is read', () => {
    expect(taskSide.map(entityKeyOf)).toEqual(['task:7', 'task:7', 'task:7', 'task:7']);
    expect(issueSide.map(entityKeyOf)).toEqual([
      'issue:10007',
      'issue:10007',
      'issue:10007',
      'issue:10007',
      'issue:10007',
    ]);
  });
});
