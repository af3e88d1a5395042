/** Test data builders for the sync core: valid defaults, override only what a test is about. */
import type { AdfDoc } from '../../src/core/adf';
import { defaultConfig, type SyncConfig } from '../../src/core/config';
import type { MappingContext } from '../../src/core/mapping/context';
import { UserMap, type UserPair } from '../../src/core/mapping/users';
import type { CanonicalTask, Person } from '../../src/core/model';
import type { B24Task } from '../../src/core/remote/b24';
import type { JiraIssue } from '../../src/core/remote/jira';

export const PEOPLE = {
  ada: { b24UserId: '1', jiraAccountId: 'acc-ada', name: 'Ada Lovelace' },
  bob: { b24UserId: '2', jiraAccountId: 'acc-bob', name: 'Bob Builder' },
} satisfies Record<string, UserPair & { name: string }>;

export function aConfig(overrides: Partial<SyncConfig> = {}): SyncConfig {
  return defaultConfig('DEMO', '1', { timeZone: 'Europe/Berlin', ...overrides });
}

export function aContext(overrides: Partial<MappingContext> = {}): MappingContext {
  return {
    config: aConfig(),
    users: new UserMap(Object.values(PEOPLE)),
    b24UserNames: { '1': 'Ada Lovelace', '2': 'Bob Builder', '99': 'Una Matched' },
    ...overrides,
  };
}

export function aB24Task(overrides: Partial<B24Task> = {}): B24Task {
  return {
    id: '101',
    title: 'Fix the login page',
    description: 'Steps: [B]open[/B] the page',
    descriptionInBbcode: 'Y',
    status: '2',
    priority: '1',
    responsibleId: '1',
    createdBy: '2',
    groupId: '1',
    deadline: '2025-10-24T19:00:00+02:00',
    createdDate: '2025-10-01T10:00:00+02:00',
    changedDate: '2025-10-02T10:00:00+02:00',
    xmlId: null,
    taskControl: 'N',
    userFields: {},
    ...overrides,
  };
}

export function aJiraIssue(fields: Partial<JiraIssue['fields']> = {}): JiraIssue {
  return {
    id: '10001',
    key: 'DEMO-1',
    fields: {
      summary: 'Fix the login page',
      description: doc('Steps: open the page'),
      assignee: { accountId: 'acc-ada', displayName: 'Ada Lovelace' },
      reporter: { accountId: 'acc-bob', displayName: 'Bob Builder' },
      priority: { id: '3', name: 'Medium' },
      status: { id: '1', name: 'To Do', statusCategory: { key: 'new' } },
      duedate: '2025-10-24',
      project: { id: '10000', key: 'DEMO' },
      issuetype: { id: '10002', name: 'Task' },
      created: '2025-10-01T08:00:00.000+0000',
      updated: '2025-10-02T08:00:00.000+0000',
      custom: {},
      ...fields,
    },
  };
}

export function doc(...paragraphs: string[]): AdfDoc {
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((text) => ({ type: 'paragraph', content: text === '' ? [] : [{ type: 'text', text }] })),
  };
}

export const person = (p: { b24UserId: string | null; jiraAccountId: string | null; name: string }): Person => ({
  ...p,
});

export function aCanonical(overrides: Partial<CanonicalTask> = {}): CanonicalTask {
  return {
    title: 'Fix the login page',
    description: doc('Steps: open the page'),
    status: 'To Do',
    priority: '1',
    assignee: person(PEOPLE.ada),
    reporter: person(PEOPLE.bob),
    dueDate: '2025-10-24',
    custom: {},
    ...overrides,
  };
}
