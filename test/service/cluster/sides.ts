/** Both sides as a person reads them afterwards (Anna, who sees everything), through the emulators' REST APIs. */
import { b24Call, jiraCall, type Remotes } from './remotes';

const ANNA = { b24: '1', email: 'anna.schmidt@example.com' };

export interface TaskView {
  title: string;
  description: string;
  status: string;
}

export interface IssueView {
  summary: string;
  description: string;
  status: string;
}

export async function task(remotes: Remotes, taskId: string): Promise<TaskView> {
  const { task: t } = (await b24Call(remotes, ANNA.b24, 'tasks.task.get', {
    taskId,
    select: ['ID', 'TITLE', 'DESCRIPTION', 'STATUS'],
  })) as { task: TaskView };
  return t;
}

export async function issue(remotes: Remotes, issueId: string): Promise<IssueView> {
  const { fields } = (await jiraCall(remotes, ANNA.email, 'GET', `/rest/api/3/issue/${issueId}`)) as {
    fields: { summary: string; description: unknown; status: { name: string } };
  };
  return { summary: fields.summary, description: JSON.stringify(fields.description), status: fields.status.name };
}

export async function taskComments(remotes: Remotes, taskId: string): Promise<string[]> {
  const list = (await b24Call(remotes, ANNA.b24, 'task.commentitem.getlist', [taskId, { ID: 'asc' }])) as {
    POST_MESSAGE: string;
  }[];
  return list.map((c) => c.POST_MESSAGE);
}

export async function issueComments(remotes: Remotes, issueId: string): Promise<string[]> {
  const { comments } = (await jiraCall(
    remotes,
    ANNA.email,
    'GET',
    `/rest/api/3/issue/${issueId}/comment?maxResults=100`,
  )) as { comments: { body: unknown }[] };
  return comments.map((c) => JSON.stringify(c.body));
}

/** Every task of the paired group: its title. */
export async function groupTitles(remotes: Remotes): Promise<string[]> {
  const titles: string[] = [];
  for (let start = 0; ; start += 50) {
    const reply = (await b24Call(remotes, ANNA.b24, 'tasks.task.list', {
      filter: { GROUP_ID: remotes.seed.b24GroupId },
      select: ['ID', 'TITLE'],
      start,
    })) as { tasks: { title: string }[] };
    titles.push(...reply.tasks.map((t) => t.title));
    if (reply.tasks.length < 50) return titles;
  }
}

/** Every issue of the paired project: its summary. */
export async function projectSummaries(remotes: Remotes): Promise<string[]> {
  const summaries: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const reply = (await jiraCall(remotes, ANNA.email, 'POST', '/rest/api/3/search/jql', {
      jql: `project = ${remotes.seed.jiraProjectKey}`,
      fields: ['summary'],
      maxResults: 100,
      ...(nextPageToken ? { nextPageToken } : {}),
    })) as { issues: { fields: { summary: string } }[]; nextPageToken?: string };
    summaries.push(...reply.issues.map((i) => i.fields.summary));
    nextPageToken = reply.nextPageToken;
  } while (nextPageToken);
  return summaries;
}
