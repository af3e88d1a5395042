/**
 * The People tab's overrides and fallback: a Bitrix24 user chosen from the portal's list and a Jira user from the
 * UserPicker become an override, the fallback can name default users, and everything is saved through savePeople.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { PeopleReport } from '../../src/app/admin/people';
import { PeopleTab } from '../../src/frontend/settings/PeopleTab';

const person = (id: string, name: string, email: string | null) => ({ id, name, email });
const ERIN = '712020:erin';

const report = (over: Partial<PeopleReport> = {}): PeopleReport => ({
  matched: [
    {
      b24: person('1', 'Anna Schmidt', 'anna@example.com'),
      jira: person('712020:anna', 'Anna Schmidt', 'anna@example.com'),
      by: 'email',
    },
  ],
  unmatchedB24: [person('5', 'Farid Haddad', 'farid@example.com')],
  unmatchedJira: [person(ERIN, 'Erin Walsh', null)],
  overrides: [],
  fallback: { kind: 'leave-unchanged' },
  ...over,
});

type Handler = (value: unknown) => void;
const button = (doc: ForgeNode, label: string) => findAll(doc, 'Button').find((b) => textOf(b) === label);
const click = (doc: ForgeNode, label: string) => (button(doc, label)?.props.onClick as () => void)();
const selectLabelled = (doc: ForgeNode, placeholder: string) =>
  findAll(doc, 'Select').filter((s) => s.props.placeholder === placeholder);
const pickers = (doc: ForgeNode) => findAll(doc, 'UserPicker');

describe('the People tab overrides', () => {
  it('adds an override from the Bitrix24 list and the Jira user picker, sets default users, and saves both', async () => {
    const invocations = answerInvokes({ getPeople: () => report(), savePeople: () => ({ ok: true }) });
    ForgeReconciler.render(<PeopleTab />);
    const doc = await waitForDoc((d) => pickers(d).length === 1);
    const b24Select = selectLabelled(doc, 'Choose a Bitrix24 user')[0];
    expect((b24Select?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Anna Schmidt <anna@example.com>',
      'Farid Haddad <farid@example.com>',
    ]);
    (b24Select?.props.onChange as Handler)({ value: '5' });
    (
      pickers(await waitForDoc((d) => selectLabelled(d, 'Choose a Bitrix24 user')[0]?.props.value !== null))[0]?.props
        .onChange as Handler
    )({ id: ERIN, name: 'Erin Walsh', email: '', avatarUrl: '', type: 'user' });
    await waitForDoc((d) => pickers(d)[0]?.props.defaultValue === ERIN);
    click(await waitForDoc((d) => pickers(d)[0]?.props.defaultValue === ERIN), 'Add override');
    const added = await waitForDoc((d) => findAll(findAll(d, 'DynamicTable')[1], 'Row').length === 1);
    expect(textOf(findAll(findAll(added, 'DynamicTable')[1], 'Row')[0])).toContain('Farid Haddad');

    const fallback = findAll(added, 'Select').find((s) => String(s.props.inputId).endsWith('fallback'));
    expect((fallback?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Leave the field unchanged',
      'Use default users',
    ]);
    (fallback?.props.onChange as Handler)({ value: 'default-user' });
    const withDefaults = await waitForDoc((d) => pickers(d).length === 2);
    (selectLabelled(withDefaults, 'Choose a Bitrix24 user')[1]?.props.onChange as Handler)({ value: '1' });
    (
      pickers(await waitForDoc((d) => selectLabelled(d, 'Choose a Bitrix24 user')[1]?.props.value !== null))[1]?.props
        .onChange as Handler
    )({ id: '712020:anna', name: 'Anna', email: '', avatarUrl: '', type: 'user' });
    click(await waitForDoc((d) => pickers(d)[1]?.props.defaultValue === '712020:anna'), 'Save');
    await waitForDoc(() => invocations.some((i) => i.call === 'savePeople'));
    expect(invocations.find((i) => i.call === 'savePeople')?.payload).toEqual({
      overrides: [{ b24UserId: '5', jiraAccountId: ERIN }],
      fallback: { kind: 'default-user', b24UserId: '1', jiraAccountId: '712020:anna' },
    });
  });

  it('does not add an override until both sides are chosen', async () => {
    answerInvokes({ getPeople: () => report() });
    ForgeReconciler.render(<PeopleTab />);
    click(await waitForDoc((d) => button(d, 'Add override') !== undefined), 'Add override');
    const doc = await waitForDoc((d) => textOf(d).includes('Choose both users first.'));
    expect(findAll(findAll(doc, 'DynamicTable')[1], 'Row')).toHaveLength(0);
  });

  it('shows a refused save beside the override it concerns, and removes an override', async () => {
    const overrides = [
      { b24UserId: '5', jiraAccountId: ERIN },
      { b24UserId: '1', jiraAccountId: ERIN },
    ];
    const invocations = answerInvokes({
      getPeople: () => report({ overrides }),
      savePeople: () => ({
        ok: false,
        error: 'The people settings were not saved.',
        problems: [{ path: 'overrides.1.jiraAccountId', message: `Jira user ${ERIN} is mapped twice.` }],
      }),
    });
    ForgeReconciler.render(<PeopleTab />);
    click(await waitForDoc((d) => findAll(findAll(d, 'DynamicTable')[1], 'Row').length === 2), 'Save');
    const refused = await waitForDoc((d) => textOf(d).includes('not saved'));
    const rows = findAll(findAll(refused, 'DynamicTable')[1], 'Row');
    expect(findAll(rows[1], 'ErrorMessage').map(textOf)).toEqual([`Jira user ${ERIN} is mapped twice.`]);
    expect(findAll(rows[0], 'ErrorMessage')).toHaveLength(0);
    (findAll(rows[1], 'Button')[0]?.props.onClick as () => void)();
    click(await waitForDoc((d) => findAll(findAll(d, 'DynamicTable')[1], 'Row').length === 1), 'Save');
    await waitForDoc(() => invocations.filter((i) => i.call === 'savePeople').length === 2);
    expect(invocations.at(-1)?.payload.overrides).toEqual([{ b24UserId: '5', jiraAccountId: ERIN }]);
  });
});
