/**
 * The Activity tab's filters: each toggle asks getActivity again with its filter (errors only, the last 7 days),
 * and an empty filtered result says that nothing matches rather than that nothing ever synced. Retry's sentence
 * outlives the reload it causes, and only the last action's sentence is shown.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { ActivityPage } from '../../src/app/admin/activity';
import { ActivityTab } from '../../src/frontend/settings/ActivityTab';

const EMPTY: ActivityPage = { entries: [], perDay: [] };
const toggles = (doc: ForgeNode) => findAll(doc, 'Toggle');
const flip = (doc: ForgeNode, index: number) => (toggles(doc)[index]?.props.onChange as () => void)();

describe('the Activity tab filters', () => {
  it('asks again with errors only, then also with this week, and says when nothing matches', async () => {
    const invocations = answerInvokes({ getActivity: () => EMPTY });
    ForgeReconciler.render(<ActivityTab />);
    const first = await waitForDoc((d) => textOf(d).includes('Nothing synced yet.'));
    flip(first, 0);
    const errors = await waitForDoc((d) => textOf(d).includes('No entries match these filters.'));
    expect(toggles(errors)[0]?.props.isChecked).toBe(true);
    flip(errors, 1);
    await waitForDoc(() => invocations.length === 3);
    expect(invocations.map((i) => i.payload)).toEqual([
      { limit: 50 },
      { limit: 50, errorsOnly: true },
      { limit: 50, errorsOnly: true, sinceDays: 7 },
    ]);
  });
});

describe('the Activity tab Retry', () => {
  const failed: ActivityPage = {
    entries: [
      {
        id: 'e1',
        at: Date.UTC(2026, 10, 3, 9, 30),
        projectKey: 'DEMO',
        direction: 'jira-to-b24',
        operation: 'sync',
        taskId: '7',
        issueKey: 'DEMO-1',
        fields: ['title'],
        outcome: 'failed',
        message: 'Bitrix24 refused.',
        canRetry: true,
        entity: 'task 7 ⇄ DEMO-1',
      },
    ],
    perDay: [],
  };
  const retryButton = (doc: ForgeNode) => findAll(doc, 'Button').find((b) => textOf(b) === 'Retry' && b.props.onClick);

  it('keeps the queued sentence through the reload, then shows only the refusal of the next Retry', async () => {
    let refuse = false;
    const invocations = answerInvokes({
      getActivity: () => failed,
      retry: () => (refuse ? { error: 'The entry cannot be retried.' } : { ok: true }),
    });
    ForgeReconciler.render(<ActivityTab />);
    const first = await waitForDoc((d) => retryButton(d) !== undefined);
    (retryButton(first)?.props.onClick as () => void)();
    await waitForDoc(() => invocations.filter((i) => i.call === 'getActivity').length === 2);
    const after = await waitForDoc((d) => retryButton(d) !== undefined);
    expect(textOf(after)).toContain('Queued again: the failed work is retried in the background.');
    refuse = true;
    (retryButton(after)?.props.onClick as () => void)();
    const refused = await waitForDoc((d) => textOf(d).includes('The entry cannot be retried.'));
    expect(textOf(refused)).not.toContain('Queued again');
  });
});
