import { fromB24Task, fromJiraIssue } from '../../../src/core/mapping/from-side';
import { validateAdf } from '../../../src/local/adf-validator';
import { aB24Task, aConfig, aContext, aJiraIssue, PEOPLE } from '../builders';

describe('fromB24Task', () => {
  it('maps every field of a task to the canonical task', () => {
    const task = fromB24Task(aB24Task({ status: '3', priority: '2' }), aContext());
    expect(task).toMatchObject({
      title: 'Fix the login page',
      status: 'In Progress',
      priority: '2',
      assignee: PEOPLE.ada,
      reporter: PEOPLE.bob,
      dueDate: '2025-10-24',
      custom: {},
    });
  });

  it('turns the BBCode description into valid ADF', () => {
    const { description } = fromB24Task(aB24Task(), aContext());
    expect(validateAdf(description)).toEqual([]);
    expect(JSON.stringify(description)).toContain('"strong"');
  });

  it("reads an old portal's HTML description as HTML", () => {
    const { description } = fromB24Task(
      aB24Task({ description: '<p>Hello <b>there</b></p>', descriptionInBbcode: 'N' }),
      aContext(),
    );
    expect(JSON.stringify(description)).not.toContain('<b>');
    expect(JSON.stringify(description)).toContain('"strong"');
  });

  it('keeps an unmatched person with only their B24 id, so they are never written as somebody else', () => {
    expect(fromB24Task(aB24Task({ responsibleId: '99' }), aContext()).assignee).toEqual({
      b24UserId: '99',
      jiraAccountId: null,
      name: 'Una Matched',
    });
  });

  it('marks an unmapped status as a raw B24 value', () => {
    expect(fromB24Task(aB24Task({ status: '7' }), aContext()).status).toBe('b24:7');
  });

  it('reads the Jira-only status from its B24 field while the task holds its status', () => {
    const ctx = aContext();
    expect(fromB24Task(aB24Task({ status: '3', userFields: { ufJiraStatus: 'QA Testing' } }), ctx).status).toBe(
      'QA Testing',
    );
    // A B24 user moved the task on: the stale field no longer speaks for it.
    expect(fromB24Task(aB24Task({ status: '5', userFields: { ufJiraStatus: 'QA Testing' } }), ctx).status).toBe('Done');
  });

  it('reads custom fields through their converters, enumerations by label', () => {
    const config = aConfig({
      customFields: [
        { b24Field: 'UF_AUTO_1', jiraField: 'customfield_1', converter: 'number', direction: 'both' },
        { b24Field: 'UF_AUTO_2', jiraField: 'customfield_2', converter: 'enumeration', direction: 'both' },
        { b24Field: 'UF_AUTO_3', jiraField: 'customfield_3', converter: 'date', direction: 'both' },
        { b24Field: 'UF_AUTO_4', jiraField: 'customfield_4', converter: 'string', direction: 'both' },
      ],
    });
    const ctx = aContext({ config, enumLabels: { UF_AUTO_2: { '45': 'Gold' } } });
    const task = aB24Task({
      userFields: { ufAuto1: '3.5', ufAuto2: '45', ufAuto3: '2025-11-02T00:00:00+01:00', ufAuto4: '' },
    });
    expect(fromB24Task(task, ctx).custom).toEqual({
      UF_AUTO_1: 3.5,
      UF_AUTO_2: 'Gold',
      UF_AUTO_3: '2025-11-02',
      UF_AUTO_4: null,
    });
  });
});

describe('fromJiraIssue', () => {
  it('maps every field of an issue to the canonical task', () => {
    expect(fromJiraIssue(aJiraIssue(), aContext())).toMatchObject({
      title: 'Fix the login page',
      status: 'To Do',
      priority: '1',
      assignee: PEOPLE.ada,
      reporter: PEOPLE.bob,
      dueDate: '2025-10-24',
    });
  });

  it.each([
    ['Highest', '2'],
    ['High', '2'],
    ['Medium', '1'],
    ['Low', '0'],
    ['Lowest', '0'],
    ['Blocker', 'jira:Blocker'],
  ])('reads priority %s as %s', (name, canonical) => {
    expect(fromJiraIssue(aJiraIssue({ priority: { id: '1', name } }), aContext()).priority).toBe(canonical);
  });

  it('matches status names case-insensitively and keeps unknown ones raw', () => {
    const ctx = aContext();
    expect(fromJiraIssue(aJiraIssue({ status: { id: '3', name: 'in progress' } }), ctx).status).toBe('In Progress');
    expect(fromJiraIssue(aJiraIssue({ status: { id: '9', name: 'Blocked' } }), ctx).status).toBe('jira:Blocked');
  });

  it('reads an empty description and no assignee', () => {
    const task = fromJiraIssue(aJiraIssue({ description: null, assignee: null }), aContext());
    expect(task.description.content).toEqual([]);
    expect(task.assignee).toBeNull();
  });

  it('reads a select custom field by its label', () => {
    const config = aConfig({
      customFields: [
        { b24Field: 'UF_AUTO_2', jiraField: 'customfield_2', converter: 'enumeration', direction: 'both' },
      ],
    });
    const issue = aJiraIssue({ custom: { customfield_2: { value: 'Gold', id: '100' } } });
    expect(fromJiraIssue(issue, aContext({ config })).custom).toEqual({ UF_AUTO_2: 'Gold' });
  });
});
