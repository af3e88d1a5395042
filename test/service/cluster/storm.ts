/**
 * People at work on both sides of several pairs at once: titles renamed, descriptions rewritten, comments added and
 * statuses moved, new tasks and issues created. Each field of a pair is edited from one side only, so its last
 * value is known without judging a conflict; every value and comment carries a token found nowhere else.
 */
import { b24Call, jiraCall, type Remotes } from './remotes';

export const BEN = {
  b24: '2',
  email: 'ben.carter@example.com',
  accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e02',
};
export const CHLOE = { b24: '3', email: 'chloe.dubois@example.com' };

export interface Pair {
  taskId: string;
  issueId: string;
}

export const adf = (text: string): unknown => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/** What the storm did, to be found on both sides afterwards. */
export class Expected {
  /** Pair index → the last title and description written, and the status it was moved to. */
  readonly titles = new Map<number, string>();
  readonly descriptions = new Map<number, string>();
  readonly started = new Set<number>();
  readonly b24Comments: { pair: number; token: string }[] = [];
  readonly jiraComments: { pair: number; token: string }[] = [];
  readonly createdTasks: { taskId: string; title: string }[] = [];
  readonly createdIssues: { issueId: string; title: string }[] = [];
  changes = 0;
}

export class Storm {
  readonly expected = new Expected();

  constructor(
    private readonly remotes: Remotes,
    readonly pairs: Pair[],
  ) {}

  async createTask(title: string): Promise<string> {
    const added = (await b24Call(this.remotes, BEN.b24, 'tasks.task.add', {
      fields: { TITLE: title, GROUP_ID: this.remotes.seed.b24GroupId, RESPONSIBLE_ID: BEN.b24 },
    })) as { task: { id: string } };
    return String(added.task.id);
  }

  async createIssue(title: string): Promise<string> {
    const created = (await jiraCall(this.remotes, CHLOE.email, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: this.remotes.seed.jiraProjectKey },
        issuetype: { name: 'Task' },
        summary: title,
        // Ben works on it in Bitrix24 too: the task's responsible person is the issue's assignee.
        assignee: { accountId: BEN.accountId },
      },
    })) as { id: string };
    return created.id;
  }

  /** One round: every pair edited on both sides (different fields), a comment on each side, one new of each. */
  async round(r: number): Promise<void> {
    const tag = `r${String(r).padStart(2, '0')}`;
    await Promise.all(this.pairs.map((pair, i) => this.editPair(pair, i, tag)));
    const task = `created-task-${tag}-z`;
    const issue = `created-issue-${tag}-z`;
    const [taskId, issueId] = await Promise.all([this.createTask(task), this.createIssue(issue)]);
    this.expected.createdTasks.push({ taskId, title: task });
    this.expected.createdIssues.push({ issueId, title: issue });
    this.expected.changes += 2;
  }

  private async editPair(pair: Pair, i: number, tag: string): Promise<void> {
    const title = `title-p${i}-${tag}-z`;
    const description = `description-p${i}-${tag}-z`;
    // Even pairs are renamed in Bitrix24 and described in Jira; odd pairs the other way round.
    const b24Fields = i % 2 === 0 ? { TITLE: title } : { DESCRIPTION: description };
    const jiraFields = i % 2 === 0 ? { description: adf(description) } : { summary: title };
    const b24Comment = `comment-b24-p${i}-${tag}-z`;
    const jiraComment = `comment-jira-p${i}-${tag}-z`;
    await Promise.all([
      b24Call(this.remotes, BEN.b24, 'tasks.task.update', { taskId: pair.taskId, fields: b24Fields }),
      jiraCall(this.remotes, CHLOE.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, { fields: jiraFields }),
      b24Call(this.remotes, BEN.b24, 'task.commentitem.add', [pair.taskId, { POST_MESSAGE: b24Comment }]),
      jiraCall(this.remotes, CHLOE.email, 'POST', `/rest/api/3/issue/${pair.issueId}/comment`, {
        body: adf(jiraComment),
      }),
    ]);
    this.expected.titles.set(i, title);
    this.expected.descriptions.set(i, description);
    this.expected.b24Comments.push({ pair: i, token: b24Comment });
    this.expected.jiraComments.push({ pair: i, token: jiraComment });
    this.expected.changes += 4;
  }

  /** Even pairs are started in Bitrix24, odd pairs moved to In Progress in Jira. */
  async startWork(): Promise<void> {
    await Promise.all(
      this.pairs.map(async (pair, i) => {
        if (i % 2 === 0) await b24Call(this.remotes, BEN.b24, 'tasks.task.start', { taskId: pair.taskId });
        else {
          const path = `/rest/api/3/issue/${pair.issueId}/transitions`;
          const { transitions } = (await jiraCall(this.remotes, CHLOE.email, 'GET', path)) as {
            transitions: { id: string; to: { name: string } }[];
          };
          const to = transitions.find((t) => t.to.name === 'In Progress');
          if (!to) throw new Error(`issue ${pair.issueId} has no transition to In Progress`);
          await jiraCall(this.remotes, CHLOE.email, 'POST', path, { transition: { id: to.id } });
        }
        this.expected.started.add(i);
        this.expected.changes += 1;
      }),
    );
  }
}
