/**
 * The Activity tab's filters: each toggle asks getActivity again with its filter (errors only, the last 7 days),
 * and an empty filtered result says that nothing matches rather than that nothing ever synced.
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
    expect(invocations.map((i) => i.payload)).toEqual([{ limit: 50 }, { limit: 50, errorsOnly: true }, { limit: 50, errorsOnly: true, sinceDays: 7 }]);
  });
});
