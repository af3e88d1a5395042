/**
 * The Mapping tab's priority table, custom-field pairs and conflict policies: each edit reaches saveMapping as part
 * of the one config, and a refused save puts each validation sentence beside the row it names.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import { defaultConfig, type SyncConfig } from '../../src/core/config';
import type { MappingView } from '../../src/app/admin/mapping';
import { MappingTab } from '../../src/frontend/settings/MappingTab';

const mappingView = (config: SyncConfig = defaultConfig('DEMO', '1')): MappingView => ({
  config,
  saved: true,
  jiraStatuses: ['To Do', 'In Progress', 'In Review', 'On Hold', 'Done', 'QA Testing'].map((name, i) => ({
    id: String(i + 1),
    name,
  })),
  b24Statuses: [{ id: '2', name: 'Pending' }],
  groups: [{ id: '1', name: 'Demo workgroup' }],
  jiraPriorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'].map((name, i) => ({ id: String(i + 1), name })),
  jiraCustomFields: [
    { id: 'customfield_10042', name: 'Budget', type: 'number' },
    { id: 'customfield_10050', name: 'Contract', type: 'string' },
  ],
});

const withCustomField = (): SyncConfig => ({
  ...defaultConfig('DEMO', '1'),
  customFields: [{ b24Field: 'UF_BUDGET', jiraField: 'customfield_10042', converter: 'number', direction: 'both' }],
});

type Handler = (value: unknown) => void;
const tables = (doc: ForgeNode) => findAll(doc, 'DynamicTable');
/** The tables in page order: statuses, fields, custom fields, priorities, conflict policies. */
const table = (doc: ForgeNode, which: 'custom' | 'priority' | 'conflict') =>
  tables(doc)[{ custom: 2, priority: 3, conflict: 4 }[which]];
const button = (doc: ForgeNode, label: string) => findAll(doc, 'Button').find((b) => textOf(b) === label);
const click = (doc: ForgeNode, label: string) => (button(doc, label)?.props.onClick as () => void)();
const savedConfig = (invocations: { call: string; payload: Record<string, unknown> }[]) =>
  invocations.filter((i) => i.call === 'saveMapping').at(-1)?.payload.config as SyncConfig;

async function renderTab(
  view: MappingView,
  save: (payload: Record<string, unknown>) => unknown = () => ({ ok: true }),
) {
  const invocations = answerInvokes({ getMapping: () => view, saveMapping: save });
  ForgeReconciler.render(<MappingTab />);
  const doc = await waitForDoc((d) => tables(d).length === 5);
  return { invocations, doc };
}

describe('the Mapping tab tables', () => {
  it('lists the priority rows with the Jira priorities to choose from, and saves an edited direction', async () => {
    const { invocations, doc } = await renderTab(mappingView());
    const rows = findAll(table(doc, 'priority'), 'Row');
    expect(rows).toHaveLength(5);
    const jiraSelect = findAll(rows[0], 'Select')[2];
    expect((jiraSelect?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Highest',
      'High',
      'Medium',
      'Low',
      'Lowest',
    ]);
    (findAll(rows[3], 'Select')[1]?.props.onChange as Handler)({ value: 'both' });
    await waitForDoc((d) => findAll(findAll(table(d, 'priority'), 'Row')[3], 'Select')[1]?.props.value !== undefined);
    click(await waitForDoc((d) => button(d, 'Save') !== undefined), 'Save');
    await waitForDoc(() => invocations.some((i) => i.call === 'saveMapping'));
    expect(savedConfig(invocations).priorities[3]).toEqual({
      b24Priority: '2',
      jiraPriority: 'Highest',
      direction: 'both',
    });
  });

  it('adds a custom-field pair, picking the Jira field from those on the project screen, with its converter and direction', async () => {
    const { invocations, doc } = await renderTab(mappingView());
    expect(findAll(table(doc, 'custom'), 'Row')).toHaveLength(0);
    click(doc, 'Add custom field pair');
    const row = findAll(
      table(await waitForDoc((d) => findAll(table(d, 'custom'), 'Row').length === 1), 'custom'),
      'Row',
    )[0];
    (findAll(row, 'Textfield')[0]?.props.onChange as Handler)({ target: { value: ' uf_budget ' } });
    let after = await waitForDoc((d) => findAll(table(d, 'custom'), 'Textfield')[0]?.props.value === 'UF_BUDGET');
    const fieldSelect = findAll(table(after, 'custom'), 'Select')[1];
    expect((fieldSelect?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Budget (customfield_10042)',
      'Contract (customfield_10050)',
    ]);
    (fieldSelect?.props.onChange as Handler)({ value: 'customfield_10042' });
    after = await waitForDoc(
      (d) =>
        (findAll(table(d, 'custom'), 'Select')[1]?.props.value as { value: string } | undefined)?.value ===
        'customfield_10042',
    );
    const selects = findAll(table(after, 'custom'), 'Select');
    expect((selects[2]?.props.options as { value: string }[]).map((o) => o.value)).toEqual([
      'string',
      'number',
      'date',
      'enumeration',
    ]);
    (selects[2]?.props.onChange as Handler)({ value: 'date' });
    (selects[0]?.props.onChange as Handler)({ value: 'jira-to-b24' });
    click(
      await waitForDoc(
        (d) => (findAll(table(d, 'custom'), 'Select')[2]?.props.value as { value: string }).value === 'date',
      ),
      'Save',
    );
    await waitForDoc(() => invocations.some((i) => i.call === 'saveMapping'));
    expect(savedConfig(invocations).customFields).toEqual([
      { b24Field: 'UF_BUDGET', jiraField: 'customfield_10042', converter: 'date', direction: 'jira-to-b24' },
    ]);
  });

  it('keeps showing a saved Jira field that is no longer on the project screen, marked as such', async () => {
    const config = {
      ...defaultConfig('DEMO', '1'),
      customFields: [
        {
          b24Field: 'UF_COST',
          jiraField: 'customfield_10070',
          converter: 'string' as const,
          direction: 'both' as const,
        },
      ],
    };
    const { doc } = await renderTab(mappingView(config));
    const fieldSelect = findAll(table(doc, 'custom'), 'Select')[1];
    expect((fieldSelect?.props.value as { label: string }).label).toBe(
      "customfield_10070 — not on this project's screen",
    );
    expect((fieldSelect?.props.options as { value: string }[]).map((o) => o.value)).toEqual([
      'customfield_10042',
      'customfield_10050',
      'customfield_10070',
    ]);
  });

  it('offers a conflict policy per field, including custom fields, and keeps only those that differ from the default', async () => {
    const { invocations, doc } = await renderTab(mappingView(withCustomField()));
    const rows = findAll(table(doc, 'conflict'), 'Row');
    expect(rows.map((r) => textOf(findAll(r, 'Cell')[0]))).toEqual([
      'Title',
      'Description',
      'Assignee',
      'Reporter',
      'Due date',
      'Priority',
      'Status',
      'UF_BUDGET',
    ]);
    expect((findAll(rows[0], 'Select')[0]?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'As default (The later change wins)',
      'The later change wins',
      'Bitrix24 wins',
      'Jira wins',
    ]);
    (findAll(rows[7], 'Select')[0]?.props.onChange as Handler)({ value: 'b24-wins' });
    const after = await waitForDoc(
      (d) =>
        (findAll(findAll(table(d, 'conflict'), 'Row')[7], 'Select')[0]?.props.value as { value: string }).value ===
        'b24-wins',
    );
    (findAll(findAll(table(after, 'conflict'), 'Row')[0], 'Select')[0]?.props.onChange as Handler)({
      value: 'jira-wins',
    });
    const again = await waitForDoc(
      (d) =>
        (findAll(findAll(table(d, 'conflict'), 'Row')[0], 'Select')[0]?.props.value as { value: string }).value ===
        'jira-wins',
    );
    (findAll(findAll(table(again, 'conflict'), 'Row')[0], 'Select')[0]?.props.onChange as Handler)({
      value: 'default',
    });
    click(
      await waitForDoc(
        (d) =>
          (findAll(findAll(table(d, 'conflict'), 'Row')[0], 'Select')[0]?.props.value as { value: string }).value ===
          'default',
      ),
      'Save',
    );
    await waitForDoc(() => invocations.some((i) => i.call === 'saveMapping'));
    expect(savedConfig(invocations).conflicts).toEqual({ default: 'latest-wins', perField: { UF_BUDGET: 'b24-wins' } });
  });

  it('shows each validation sentence beside its priority, custom-field or conflict row, and the rest above Save', async () => {
    const problems = [
      { path: 'priorities.3', message: 'Jira priority "Highest" is mapped to both Bitrix24 priorities 2 and 0.' },
      {
        path: 'customFields.0.jiraField',
        message: 'Custom field pair UF_BUDGET ⇄ cf: "cf" is not a Jira custom field id.',
      },
      {
        path: 'conflicts.perField.UF_BUDGET',
        message: 'The conflict policy names field "UF_BUDGET", which no mapping defines.',
      },
      { path: 'users.overrides.0', message: 'Bitrix24 user 5 is mapped twice.' },
    ];
    const config = {
      ...withCustomField(),
      conflicts: { default: 'latest-wins' as const, perField: { UF_BUDGET: 'jira-wins' as const } },
    };
    const { doc } = await renderTab(mappingView(config), () => ({
      ok: false,
      error: 'The mapping was not saved: 4 problems to fix.',
      problems,
    }));
    click(doc, 'Save');
    const after = await waitForDoc((d) => textOf(d).includes('4 problems'));
    const errorsIn = (node: ForgeNode | undefined) => findAll(node, 'ErrorMessage').map(textOf);
    expect(errorsIn(findAll(table(after, 'priority'), 'Row')[3])).toEqual([problems[0]?.message]);
    expect(errorsIn(findAll(table(after, 'custom'), 'Row')[0])).toEqual([problems[1]?.message]);
    expect(errorsIn(findAll(table(after, 'conflict'), 'Row')[7])).toEqual([problems[2]?.message]);
    expect(errorsIn(after)).toContain(problems[3]?.message);
  });
});
