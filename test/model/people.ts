/**
 * What people do and read through the emulators' REST APIs, on either runtime's world: the same calls as
 * ../scenarios/harness.ts's `actions`, over the model's world rather than the Forge one.
 */
import { adfText, PEOPLE, type B24TaskView, type JiraIssueView } from '../scenarios/harness';
import type { ModelWorld } from './runtime';

export { adfText, PEOPLE };

export function people(w: ModelWorld) {
  const b24Task = async (taskId: string): Promise<B24TaskView> => {
    const select = ['ID', 'TITLE', 'DESCRIPTION', 'STATUS', 'RESPONSIBLE_ID', 'CREATED_BY', 'DEADLINE', 'PRIORITY'];
    const result = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select })) as { task: B24TaskView };
    return result.task;
  };
  return {
    b24Task,
    issue: async (idOrKey: string): Promise<JiraIssueView> =>
      (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${idOrKey}`)) as JiraIssueView,
    linkOfTask: async (taskId: string) =>
      (await w.stored(`link:b24:${taskId}`)) as { issueId: string; issueKey: string } | undefined,
    linkOfIssue: async (issueId: string) => (await w.stored(`link:jira:${issueId}`)) as { taskId: string } | undefined,
    async createTask(by: string, fields: Record<string, unknown>): Promise<string> {
      const r = (await w.b24(by, 'tasks.task.add', { fields: { GROUP_ID: '1', RESPONSIBLE_ID: by, ...fields } })) as {
        task: { id: string };
      };
      return r.task.id;
    },
    async createIssue(byEmail: string, fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
      return (await w.jira(byEmail, 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, ...fields },
      })) as { id: string; key: string };
    },
    async tasksInGroup(): Promise<B24TaskView[]> {
      const r = (await w.b24(PEOPLE.anna.b24, 'tasks.task.list', {
        filter: { GROUP_ID: '1' },
        select: ['ID', 'TITLE', 'XML_ID', 'STATUS'],
      })) as { tasks: B24TaskView[] };
      return r.tasks;
    },
    async issuesInProject(): Promise<{ id: string; fields: { summary: string } }[]> {
      const r = (await w.jira(PEOPLE.anna.email, 'POST', '/rest/api/3/search/jql', {
        jql: 'project = DEMO',
        fields: ['summary'],
        maxResults: 100,
      })) as { issues: { id: string; fields: { summary: string } }[] };
      return r.issues;
    },
  };
}
