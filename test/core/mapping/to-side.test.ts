import { toB24Fields, toJiraFields } from '../../../src/core/mapping/to-side';
import { aB24Task, aCanonical, aConfig, aContext, doc, PEOPLE } from '../builders';

const una = { b24UserId: '99', jiraAccountId: null, name: 'Una Matched' };
const jiraOnly = { b24UserId: null, jiraAccountId: 'acc-zed', name: 'Zed Jira' };

describe('toJiraFields', () => {
  it('writes only the changed fields, with the status apart', () => {
    const write = toJiraFields({ title: 'New title', priority: '2', status: 'Done' }, aContext());
    expect(write).toEqual({
      fields: { summary: 'New title', priority: { name: 'High' } },
      status: 'Done',
      warnings: [],
    });
  });

  it('adds project and issue type when creating, and every given field', () => {
    const { fields } = toJiraFields(aCanonical(), aContext(), true);
    expect(fields).toEqual({
      project: { key: 'DEMO' },
      issuetype: { name: 'Task' },
      summary: 'Fix the login page',
      description: doc('Steps: open the page'),
      assignee: { accountId: 'acc-ada' },
      reporter: { accountId: 'acc-bob' },
      duedate: '2025-10-24',
      priority: { name: 'Medium' },
    });
  });

  it("keeps a summary on one line within Jira's 255 characters", () => {
    const { fields } = toJiraFields({ title: `line one\nline two ${'x'.repeat(300)}` }, aContext());
    expect(fields.summary).toHaveLength(255);
    expect(String(fields.summary)).toMatch(/^line one line two/);
  });

  it('never clears the assignee for an unmatched person, and names them', () => {
    const write = toJiraFields({ assignee: una }, aContext());
    expect(write.fields).toEqual({});
    expect(write.warnings).toEqual([{ kind: 'unmatched-user', side: 'b24', id: '99', name: 'Una Matched' }]);
  });

  it('writes the configured default person for an unmatched one, and still names them', () => {
    const config = aConfig({
      users: { overrides: [], unmatched: { defaultB24UserId: '1', defaultJiraAccountId: 'acc-ada' } },
    });
    const write = toJiraFields({ assignee: una }, aContext({ config }));
    expect(write.fields).toEqual({ assignee: { accountId: 'acc-ada' } });
    expect(write.warnings).toHaveLength(1);
  });

  it('unassigns in Jira when the assignee was removed', () => {
    expect(toJiraFields({ assignee: null }, aContext()).fields).toEqual({ assignee: null });
  });

  it('writes custom fields through their converters', () => {
    const config = aConfig({
      customFields: [
        { b24Field: 'UF_AUTO_2', jiraField: 'customfield_2', converter: 'enumeration', direction: 'both' },
        { b24Field: 'UF_AUTO_1', jiraField: 'customfield_1', converter: 'number', direction: 'both' },
      ],
    });
    expect(toJiraFields({ custom: { UF_AUTO_2: 'Gold', UF_AUTO_1: 7 } }, aContext({ config })).fields).toEqual({
      customfield_2: { value: 'Gold' },
      customfield_1: 7,
    });
  });

  it('has no status target for a status no row carries to Jira', () => {
    expect(toJiraFields({ status: 'QA Testing' }, aContext()).status).toBeNull();
  });
});

describe('toB24Fields', () => {
  it('writes UPPER_CASE fields with the status apart', () => {
    const write = toB24Fields({ title: 'New', priority: '0', status: 'Done' }, aContext());
    expect(write.fields).toEqual({ TITLE: 'New', PRIORITY: '0', UF_JIRA_STATUS: '' });
    expect(write.status).toBe('5');
  });

  it('writes descriptions as BBCode, or HTML for old portals', () => {
    const bold = {
      type: 'doc' as const,
      version: 1 as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hi', marks: [{ type: 'strong' }] }] }],
    };
    expect(toB24Fields({ description: bold }, aContext()).fields.DESCRIPTION).toBe('[B]hi[/B]');
    expect(
      String(toB24Fields({ description: bold }, aContext({ b24DescriptionFormat: 'html' })).fields.DESCRIPTION),
    ).toContain('<strong>hi</strong>');
  });

  it("writes the due date at the end-of-day time with the date's offset, and clears it with an empty value", () => {
    const ctx = aContext();
    expect(toB24Fields({ dueDate: '2025-07-01' }, ctx).fields).toEqual({ DEADLINE: '2025-07-01T18:00:00+02:00' });
    expect(toB24Fields({ dueDate: null }, ctx).fields).toEqual({ DEADLINE: '' });
  });

  it('maps people to B24 ids, never clearing the responsible person', () => {
    const ctx = aContext();
    expect(toB24Fields({ assignee: PEOPLE.bob }, ctx).fields).toEqual({ RESPONSIBLE_ID: '2' });
    expect(toB24Fields({ assignee: null }, ctx).fields).toEqual({});
    const write = toB24Fields({ assignee: jiraOnly }, ctx);
    expect(write.fields).toEqual({});
    expect(write.warnings).toEqual([{ kind: 'unmatched-user', side: 'jira', id: 'acc-zed', name: 'Zed Jira' }]);
  });

  it('sends the task to its workgroup when creating', () => {
    expect(toB24Fields({ title: 'New' }, aContext(), { create: true }).fields).toEqual({ GROUP_ID: '1', TITLE: 'New' });
  });

  it('writes the Jira-only status into its field and keeps the task in its holding status', () => {
    const write = toB24Fields({ status: 'QA Testing' }, aContext(), { current: aB24Task({ status: '3' }) });
    expect(write).toEqual({ fields: { UF_JIRA_STATUS: 'QA Testing' }, status: null, warnings: [] });
  });

  it('clears a Jira-only status on the way out, and leaves an already-empty field alone', () => {
    const ctx = aContext();
    const held = aB24Task({ status: '3', userFields: { ufJiraStatus: 'QA Testing' } });
    expect(toB24Fields({ status: 'Done' }, ctx, { current: held })).toEqual({
      fields: { UF_JIRA_STATUS: '' },
      status: '5',
      warnings: [],
    });
    expect(toB24Fields({ status: 'Done' }, ctx, { current: aB24Task({ status: '3' }) })).toEqual({
      fields: {},
      status: '5',
      warnings: [],
    });
  });

  it('writes no priority that no row carries to Bitrix24', () => {
    expect(toB24Fields({ priority: 'jira:Blocker' }, aContext()).fields).toEqual({});
  });

  it('writes enumerations by the B24 item whose label matches, and nothing when none does', () => {
    const config = aConfig({
      customFields: [
        { b24Field: 'UF_AUTO_2', jiraField: 'customfield_2', converter: 'enumeration', direction: 'both' },
      ],
    });
    const ctx = aContext({ config, enumLabels: { UF_AUTO_2: { '45': 'Gold', '46': 'Silver' } } });
    expect(toB24Fields({ custom: { UF_AUTO_2: 'Silver' } }, ctx).fields).toEqual({ UF_AUTO_2: '46' });
    expect(toB24Fields({ custom: { UF_AUTO_2: 'Bronze' } }, ctx).fields).toEqual({});
  });
});
