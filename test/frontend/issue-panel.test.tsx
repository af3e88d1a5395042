/**
 * The issue panel rendered through @forge/react with a recorded bridge: it shows the linked task and its last
 * sync, and offers Create in Bitrix24 only for an unlinked issue of a paired project.
 */
import { answerInvokes, findAll, textOf, waitForDoc } from './bridge';
import ForgeReconciler from '@forge/react';
import { IssuePanel } from '../../src/frontend/issue-panel/IssuePanel';
import type { LinkedTaskView } from '../../src/app/admin/issue-panel';

const linkedView = (over: Partial<LinkedTaskView> = {}): LinkedTaskView => ({
  linked: true,
  projectPaired: true,
  link: { taskId: '7', issueId: '10001', issueKey: 'DEMO-1', projectKey: 'DEMO', linkedAt: 0 },
  task: {
    id: '7',
    title: 'Fix checkout',
    status: '3',
    responsible: 'Ben Carter',
    deadline: '2026-12-01T18:00:00+01:00',
    url: 'https://sandbox.bitrix24.com/workgroups/group/1/tasks/task/view/7/',
  },
  lastSync: { at: Date.UTC(2026, 10, 3, 9, 30), outcome: 'synced' },
  recent: [],
  canEdit: true,
  ...over,
});

const render = () => ForgeReconciler.render(<IssuePanel />);
const buttons = (doc: Parameters<typeof findAll>[0]) => findAll(doc, 'Button').map(textOf);

describe('the issue panel', () => {
  it('shows the linked task, its last sync and the actions for a linked issue', async () => {
    answerInvokes({ getLinkedTask: () => linkedView() });
    render();
    const doc = await waitForDoc((d) => textOf(d).includes('Fix checkout'));
    const text = textOf(doc);
    expect(text).toContain('Status: In progress');
    expect(text).toContain('Responsible: Ben Carter');
    expect(text).toContain('Deadline: 2026-12-01');
    expect(text).toContain('Last sync: 2026-11-03 09:30');
    expect(findAll(doc, 'Lozenge').map(textOf)).toContain('synced');
    expect(findAll(doc, 'Link')[0]?.props.href).toBe(
      'https://sandbox.bitrix24.com/workgroups/group/1/tasks/task/view/7/',
    );
    expect(buttons(doc)).toEqual(['Sync now', 'Unlink']);
  });

  it('offers linking and Create in Bitrix24 for an unlinked issue of a paired project', async () => {
    answerInvokes({ getLinkedTask: () => ({ linked: false, projectPaired: true, recent: [], canEdit: true }) });
    render();
    const doc = await waitForDoc((d) => textOf(d).includes('not linked'));
    expect(buttons(doc)).toEqual(['Link to an existing task', 'Create in Bitrix24']);
    expect(textOf(doc)).toContain('Last sync: Not synced yet');
  });

  it('shows the linked task without actions to a person who may only browse', async () => {
    answerInvokes({ getLinkedTask: () => linkedView({ canEdit: false }) });
    render();
    const doc = await waitForDoc((d) => textOf(d).includes('Fix checkout'));
    expect(buttons(doc)).toEqual([]);
    expect(textOf(doc)).toContain('You may view this issue but not edit it');
    expect(textOf(doc)).toContain('Last sync: 2026-11-03 09:30');
  });

  it("shows the resolver's sentence with Retry when it refuses", async () => {
    answerInvokes({ getLinkedTask: () => ({ error: 'You do not have permission to see this project.' }) });
    render();
    const doc = await waitForDoc((d) => findAll(d, 'SectionMessage').length > 0);
    expect(textOf(doc)).toContain('You do not have permission to see this project.');
    expect(buttons(doc)).toEqual(['Retry']);
  });
});
