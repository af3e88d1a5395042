/**
 * The settings page's tabs rendered through @forge/react with a recorded bridge answering the resolvers.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import { defaultConfig } from '../../src/core/config';
import type { MappingView } from '../../src/app/admin/mapping';
import type { PeopleReport } from '../../src/app/admin/people';
import type { ActivityPage } from '../../src/app/admin/activity';
import { MappingTab } from '../../src/frontend/settings/MappingTab';
import { PeopleTab } from '../../src/frontend/settings/PeopleTab';
import { ActivityTab } from '../../src/frontend/settings/ActivityTab';
import { SettingsPage } from '../../src/frontend/settings/SettingsPage';

const mappingView = (): MappingView => ({
  config: defaultConfig('DEMO', '1'),
  saved: true,
  jiraStatuses: ['To Do', 'In Progress', 'In Review', 'Done', 'Blocked by vendor'].map((name, i) => ({
    id: String(i + 1),
    name,
  })),
  b24Statuses: [{ id: '2', name: 'Pending' }],
  groups: [{ id: '1', name: 'Demo workgroup' }],
  jiraPriorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((name, i) => ({ id: String(i + 1), name })),
  jiraCustomFields: [],
});

const person = (id: string, name: string, email: string | null) => ({ id, name, email });

const selectOptions = (doc: ForgeNode) =>
  findAll(doc, 'Select').map((s) => (s.props.options as { label: string }[]).map((o) => o.label));

describe('the settings page', () => {
  it('has the five tabs', async () => {
    answerInvokes({ getConnection: () => ({ connected: false, eventUrl: 'https://x/webtrigger/b24-events' }) });
    ForgeReconciler.render(<SettingsPage />);
    const doc = await waitForDoc((d) => findAll(d, 'Tab').length === 5);
    expect(findAll(doc, 'Tab').map(textOf)).toEqual(['Connection', 'Mapping', 'People', 'Activity', 'Migration']);
  });

  it("builds the status table from the project's real statuses and flags a status its workflow lacks", async () => {
    answerInvokes({ getMapping: mappingView });
    ForgeReconciler.render(<MappingTab />);
    const doc = await waitForDoc((d) => findAll(d, 'DynamicTable').length > 0);
    const statusTable = findAll(doc, 'DynamicTable')[0];
    expect(findAll(statusTable, 'Row')).toHaveLength(6);
    expect(selectOptions(doc)).toContainEqual(['To Do', 'In Progress', 'In Review', 'Done', 'Blocked by vendor']);
    // The default table names On Hold and QA Testing, which this project's workflow does not have.
    expect(findAll(doc, 'ErrorMessage').map(textOf)).toEqual([
      "On Hold: not in this project's workflow",
      "QA Testing: not in this project's workflow",
    ]);
  });

  it('shows validation problems next to their row after a refused save', async () => {
    const invocations = answerInvokes({
      getMapping: mappingView,
      saveMapping: () => ({
        ok: false,
        error: 'The mapping was not saved: 1 problem to fix.',
        problems: [{ path: 'statuses.1.jiraStatus', message: 'Two Bitrix24 statuses map both ways to In Progress.' }],
      }),
    });
    ForgeReconciler.render(<MappingTab />);
    const doc = await waitForDoc((d) => findAll(d, 'Button').length > 0);
    const save = findAll(doc, 'Button').find((b) => textOf(b) === 'Save');
    (save?.props.onClick as () => void)();
    const after = await waitForDoc((d) => textOf(d).includes('Two Bitrix24 statuses'));
    expect(invocations.map((i) => i.call)).toEqual(['getMapping', 'saveMapping']);
    expect(textOf(after)).toContain('The mapping was not saved: 1 problem to fix.');
  });

  it('lists the people left unmatched on each side', async () => {
    const report: PeopleReport = {
      matched: [
        {
          b24: person('1', 'Anna Schmidt', 'anna@example.com'),
          jira: person('a', 'Anna Schmidt', 'anna@example.com'),
          by: 'email',
        },
      ],
      unmatchedB24: [person('5', 'Farid Haddad', 'farid.haddad@example.com')],
      unmatchedJira: [person('e', 'Erin Walsh', null)],
      overrides: [],
      fallback: { kind: 'leave-unchanged' },
    };
    answerInvokes({ getPeople: () => report });
    ForgeReconciler.render(<PeopleTab />);
    const text = textOf(await waitForDoc((d) => textOf(d).includes('Farid')));
    expect(text).toContain('Only in Bitrix24 (1) Farid Haddad <farid.haddad@example.com>');
    expect(text).toContain('Only in Jira (1) Erin Walsh');
    expect(text).toContain('When nobody matches: Leave the field unchanged');
  });

  it('shows a failed journal entry with Retry, and Retry re-queues it', async () => {
    const page: ActivityPage = {
      entries: [
        {
          id: 'bad',
          at: Date.UTC(2026, 10, 3, 9, 0),
          projectKey: 'DEMO',
          direction: 'jira-to-b24',
          operation: 'status',
          taskId: '7',
          issueId: '10001',
          issueKey: 'DEMO-1',
          fields: ['status'],
          outcome: 'failed',
          message: 'Status QA Testing is unreachable',
          canRetry: true,
          entity: 'task 7 ⇄ DEMO-1',
        },
        {
          id: 'ok',
          at: Date.UTC(2026, 10, 3, 8, 0),
          projectKey: 'DEMO',
          direction: 'b24-to-jira',
          operation: 'fields',
          fields: ['title'],
          outcome: 'synced',
          canRetry: false,
          entity: 'task 8 ⇄ DEMO-2',
        },
      ],
      perDay: [{ day: '2026-11-03', synced: 1, errors: 1 }],
    };
    const invocations = answerInvokes({ getActivity: () => page, retry: () => ({ queued: true }) });
    ForgeReconciler.render(<ActivityTab />);
    const doc = await waitForDoc((d) => findAll(d, 'DynamicTable').length > 0);
    expect(findAll(findAll(doc, 'DynamicTable')[0], 'Row').map((r) => r.props.rowKey)).toEqual(['bad', 'ok']);
    expect(textOf(doc)).toContain('Status QA Testing is unreachable');
    expect(findAll(doc, 'BarChart')[0]?.props.data).toEqual([
      { day: '2026-11-03', kind: 'synced', count: 1 },
      { day: '2026-11-03', kind: 'failed', count: 1 },
    ]);
    const retry = findAll(doc, 'Button').filter((b) => textOf(b) === 'Retry');
    expect(retry).toHaveLength(1);
    (retry[0]?.props.onClick as () => void)();
    await waitForDoc(() => invocations.some((i) => i.call === 'retry'));
    expect(invocations.find((i) => i.call === 'retry')?.payload).toEqual({ entryId: 'bad' });
  });
});
