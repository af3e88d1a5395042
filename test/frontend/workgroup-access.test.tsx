/**
 * The Connection tab's list of workgroups that may be paired, and the Mapping tab's choice narrowed to it, drawn
 * through @forge/react with a recorded bridge (the list's rows, a save and its refusal) and over the real resolvers
 * (what a project admin is offered).
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { WorkgroupAccessView } from '../../src/app/admin/workgroup-access';
import { MappingTab } from '../../src/frontend/settings/MappingTab';
import { WorkgroupAccessList } from '../../src/frontend/settings/WorkgroupAccessList';
import { createResolverWorld } from '../resolvers/world';

const listView = (): WorkgroupAccessView => ({
  entries: [{ groupId: '1', groupName: 'Demo workgroup', projects: ['DEMO'] }],
  groups: [
    { id: '1', name: 'Demo workgroup' },
    { id: '3', name: 'Board of directors' },
  ],
});

const button = (doc: ForgeNode, label: string) => findAll(doc, 'Button').find((b) => textOf(b) === label);
const click = (doc: ForgeNode, label: string) => (button(doc, label)?.props.onClick as () => void)();
/** UI Kit prefixes ids with the app's own (`forge-app-…-group`). */
const select = (doc: ForgeNode, id: string) =>
  findAll(doc, 'Select').find((s) => String(s.props.inputId).endsWith(`-${id}`));
const field = (doc: ForgeNode, id: string) =>
  findAll(doc, 'Textfield').find((f) => String(f.props.id).endsWith(`-${id}`));

describe("the Connection tab's list of workgroups", () => {
  it('shows each listed workgroup with its projects, chosen from the portal’s workgroups', async () => {
    answerInvokes({ getWorkgroupAccess: listView });
    ForgeReconciler.render(<WorkgroupAccessList />);
    const doc = await waitForDoc((d) => select(d, 'access-group-0') !== undefined);
    expect(textOf(doc)).toContain('Workgroups that may be paired');
    expect(select(doc, 'access-group-0')?.props.value).toEqual({ label: 'Demo workgroup', value: '1' });
    expect((select(doc, 'access-group-0')?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Demo workgroup',
      'Board of directors',
    ]);
    expect(field(doc, 'access-projects-0')?.props.value).toBe('DEMO');
  });

  it('says that no project can be paired while the list is empty', async () => {
    answerInvokes({ getWorkgroupAccess: () => ({ ...listView(), entries: [] }) });
    ForgeReconciler.render(<WorkgroupAccessList />);
    const doc = await waitForDoc((d) => textOf(d).includes('No workgroup is listed yet'));
    expect(textOf(doc)).toContain('no project can be paired until one is');
  });

  it('saves an added row as a workgroup id and its project keys', async () => {
    const invocations = answerInvokes({
      getWorkgroupAccess: listView,
      saveWorkgroupAccess: () => ({
        ...listView(),
        entries: [...listView().entries, { groupId: '3', groupName: 'Board of directors', projects: ['*'] }],
      }),
    });
    ForgeReconciler.render(<WorkgroupAccessList />);
    click(await waitForDoc((d) => button(d, 'Add workgroup') !== undefined), 'Add workgroup');
    const added = await waitForDoc((d) => select(d, 'access-group-1') !== undefined);
    (select(added, 'access-group-1')?.props.onChange as (o: { value: string }) => void)({ value: '3' });
    (
      field(await waitForDoc((d) => select(d, 'access-group-1')?.props.value !== null), 'access-projects-1')?.props
        .onChange as (e: unknown) => void
    )({ target: { value: ' * ' } });
    click(await waitForDoc((d) => field(d, 'access-projects-1')?.props.value === ' * '), 'Save the list');
    await waitForDoc((d) => textOf(d).includes('Saved.'));
    expect(invocations.find((i) => i.call === 'saveWorkgroupAccess')?.payload).toEqual({
      entries: [
        { groupId: '1', projects: ['DEMO'] },
        { groupId: '3', projects: ['*'] },
      ],
    });
  });

  it('shows a refusal under the row it concerns', async () => {
    answerInvokes({
      getWorkgroupAccess: listView,
      saveWorkgroupAccess: () => ({
        ok: false,
        error: 'The list of workgroups was not saved: 1 problem to fix.',
        code: 'access.notSaved',
        params: { count: '1' },
        problems: [
          {
            path: 'entries.0.projects.0',
            message: 'Jira has no project NOPE.',
            code: 'mapping.noProject',
            params: { project: 'NOPE' },
          },
        ],
      }),
    });
    ForgeReconciler.render(<WorkgroupAccessList />);
    click(await waitForDoc((d) => button(d, 'Save the list') !== undefined), 'Save the list');
    const doc = await waitForDoc((d) => textOf(d).includes('Jira has no project NOPE.'));
    expect(textOf(doc)).toContain('The list of workgroups was not saved: 1 problem to fix.');
    expect(findAll(doc, 'ErrorMessage').map(textOf)).toEqual(['Jira has no project NOPE.']);
  });
});

describe("the Mapping tab's workgroup choice", () => {
  it('offers a project admin only the workgroups the Connection tab lists for the project', async () => {
    const world = await createResolverWorld({
      world: (seed) => void seed.b24.groups.push({ id: '3', name: 'Board of directors' }),
    });
    answerInvokes({ getMapping: () => world.settings('ben', 'getMapping') });
    ForgeReconciler.render(<MappingTab />);
    const doc = await waitForDoc((d) => select(d, 'group') !== undefined);
    expect((select(doc, 'group')?.props.options as { label: string }[]).map((o) => o.label)).toEqual([
      'Demo workgroup',
    ]);
    expect(
      findAll(doc, 'Select').flatMap((s) => (s.props.options as { label: string }[]).map((o) => o.label)),
    ).not.toContain('Board of directors');
    expect(textOf(doc)).not.toContain('Board of directors');
  });

  it('says when no workgroup is listed, and that the saved one no longer is', async () => {
    const world = await createResolverWorld();
    await world.settings('anna', 'saveWorkgroupAccess', { entries: [] });
    answerInvokes({ getMapping: () => world.settings('ben', 'getMapping') });
    ForgeReconciler.render(<MappingTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('No workgroup is listed for this project yet'));
    expect(findAll(doc, 'SectionMessage').map(textOf)).toContain(
      'Workgroup 1 is not listed for project DEMO on the Connection tab. A Jira administrator can list it there; until then this pairing is not synced or migrated.',
    );
  });
});
