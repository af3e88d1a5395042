/**
 * The Migration tab's dry run and run control: the dry run's report in tables (scope, people and statuses that will
 * not map, the predicted calls and time), the control buttons enabled only in the states that allow them, each
 * pressed button calling its resolver, and the progress per phase as ProgressBars with the time left.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { DryRunView, MigrationView } from '../../src/app/admin/migration';
import type { MigrationProgress, SideProgress } from '../../src/app/store/migration-progress';
import { MigrationTab } from '../../src/frontend/settings/MigrationTab';

const STARTED = Date.UTC(2026, 10, 27, 9, 30);

const side = (over: Partial<SideProgress> = {}): SideProgress => ({
  listed: 0,
  alreadyLinked: 0,
  cursor: null,
  page: 0,
  done: false,
  ...over,
});

const progress = (over: Partial<MigrationProgress> = {}): MigrationProgress => ({
  state: 'running',
  runId: 'run-1',
  startedAt: STARTED,
  updatedAt: STARTED,
  b24: side(),
  jira: side(),
  enqueued: 0,
  ...over,
});

const dryRun = (over: Partial<DryRunView> = {}): DryRunView => ({
  state: 'done',
  startedAt: STARTED,
  finishedAt: STARTED + 60_000,
  stalled: false,
  tasks: { total: 120, linked: 20, markedByXmlId: 0, namedByIssueMarker: 1 },
  issues: { total: 80, linked: 20, marked: 1, byMarker: 1 },
  people: [
    { side: 'b24', name: 'Farid Haddad', count: 3 },
    { side: 'jira', name: 'Erin Walsh', count: 2 },
  ],
  statuses: [{ side: 'jira', name: 'In Review', count: 4 }],
  prediction: {
    scope: { tasks: 120, issues: 80, issuesToCreate: 99, tasksToCreate: 59, pairedByMarker: 1 },
    calls: { jira: 420, b24: 240, total: 660 },
    seconds: 3 * 3600 + 5 * 60,
  },
  ...over,
});

const view = (over: Partial<MigrationView> = {}): MigrationView => ({
  progress: null,
  canStart: true,
  stalled: false,
  canPause: false,
  canResume: false,
  canCancel: false,
  canDryRun: true,
  dryRun: null,
  phases: [
    { phase: 'tasks', done: 0, total: null },
    { phase: 'issues', done: 0, total: null },
  ],
  secondsLeft: null,
  ...over,
});

const RUNNING = view({
  progress: progress({ b24: side({ listed: 60 }) }),
  canStart: false,
  canPause: true,
  canCancel: true,
  dryRun: dryRun(),
  phases: [
    { phase: 'tasks', done: 60, total: 120 },
    { phase: 'issues', done: 0, total: 179 },
  ],
  secondsLeft: 12 * 60,
});

const button = (doc: ForgeNode, label: string): ForgeNode | undefined =>
  findAll(doc, 'Button').find((b) => textOf(b) === label);
const enabled = (doc: ForgeNode): string[] =>
  findAll(doc, 'Button')
    .filter((b) => b.props.isDisabled !== true)
    .map(textOf);
/** A key the translations lack would show raw: none may. */
const noRawKey = (doc: ForgeNode): void => expect(textOf(doc)).not.toMatch(/migration(Run)?\.[a-z]/);
const rowsOf = (table: ForgeNode | undefined): string[] => findAll(table, 'Row').map(textOf);

describe('the Migration tab: dry run and run control', () => {
  it('invites a dry run before any, and runs it on request', async () => {
    const invocations = answerInvokes({
      getMigration: () => view(),
      migrationDryRun: () => view({ canDryRun: false, dryRun: dryRun({ state: 'running', prediction: undefined }) }),
    });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => button(d, 'Dry run') !== undefined);
    expect(textOf(doc)).toContain('No dry run yet: it reads both sides, writes nothing');
    expect(enabled(doc)).toEqual(['Dry run', 'Start migration', 'Refresh']);
    (button(doc, 'Dry run')?.props.onClick as () => void)();
    await waitForDoc(() => invocations.length === 3);
    expect(invocations.map((i) => i.call)).toEqual(['getMigration', 'migrationDryRun', 'getMigration']);
  });

  it("shows the dry run's report: what is in scope and paired, who and which statuses will not map, the predicted calls and time", async () => {
    answerInvokes({ getMigration: () => view({ dryRun: dryRun() }) });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => findAll(d, 'DynamicTable').length === 3);
    const [scope, people, statuses] = findAll(doc, 'DynamicTable');
    expect(rowsOf(scope)).toEqual([
      'In scope 120 80',
      'Already paired 20 20',
      "Paired by the app's marker 1 1",
      'Get a new partner on the other side 99 59',
    ]);
    expect(rowsOf(people)).toEqual(['Farid Haddad Bitrix24 3', 'Erin Walsh Jira 2']);
    expect(rowsOf(statuses)).toEqual(['In Review Jira 4']);
    noRawKey(doc);
    expect(textOf(doc)).toContain(
      "Predicted: 660 REST calls (420 to Jira, 240 to Bitrix24), about 3 h 5 min under both services' limits.",
    );
  });

  it('says so when everyone and every status maps, and while the dry run is still reading', async () => {
    answerInvokes({ getMigration: () => view({ dryRun: dryRun({ people: [], statuses: [] }) }) });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => findAll(d, 'DynamicTable').length === 1);
    expect(textOf(doc)).toContain('Everyone in scope has a counterpart on the other side.');
    expect(textOf(doc)).toContain('Every status in scope maps.');

    answerInvokes({ getMigration: () => view({ canDryRun: false, dryRun: dryRun({ state: 'running' }) }) });
    ForgeReconciler.render(<MigrationTab />);
    const reading = await waitForDoc((d) => textOf(d).includes('The dry run is reading both sides.'));
    expect(button(reading, 'Dry run')?.props.isDisabled).toBe(true);
    noRawKey(reading);
  });

  it('while running offers Pause and Cancel, and shows each phase as a ProgressBar with the time left', async () => {
    const invocations = answerInvokes({ getMigration: () => RUNNING, pauseMigration: () => RUNNING });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => findAll(d, 'ProgressBar').length === 2);
    expect(enabled(doc)).toEqual(['Dry run', 'Pause', 'Cancel run', 'Refresh']);
    expect(findAll(doc, 'ProgressBar').map((b) => [b.props.ariaLabel, b.props.value])).toEqual([
      ['Bitrix24 tasks', 0.5],
      ['Jira issues', 0],
    ]);
    expect(textOf(doc)).toContain('Bitrix24 tasks: 60 of 120');
    expect(textOf(doc)).toContain('About 12 min left.');
    noRawKey(doc);
    (button(doc, 'Pause')?.props.onClick as () => void)();
    await waitForDoc(() => invocations.length === 3);
    expect(invocations.map((i) => i.call)).toEqual(['getMigration', 'pauseMigration', 'getMigration']);
  });

  it('when paused offers Resume and Cancel and says what pausing means', async () => {
    const invocations = answerInvokes({
      getMigration: () =>
        view({ ...RUNNING, progress: progress({ state: 'paused' }), canPause: false, canResume: true }),
      resumeMigration: () => RUNNING,
    });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => findAll(d, 'Lozenge').some((l) => textOf(l) === 'paused'));
    expect(enabled(doc)).toEqual(['Dry run', 'Resume', 'Cancel run', 'Refresh']);
    expect(textOf(doc)).toContain('The run is paused: no new page is started.');
    (button(doc, 'Resume')?.props.onClick as () => void)();
    await waitForDoc(() => invocations.length === 3);
    expect(invocations[1]?.call).toBe('resumeMigration');
  });

  it('after Cancel offers Run again, and without a dry run shows indeterminate bars and asks for one', async () => {
    const cancelled = view({
      progress: progress({ state: 'cancelled', b24: side({ listed: 50 }) }),
      phases: [
        { phase: 'tasks', done: 50, total: null },
        { phase: 'issues', done: 0, total: null },
      ],
    });
    answerInvokes({
      getMigration: () => cancelled,
      cancelMigration: () => ({ error: 'There is no running or paused migration to cancel.' }),
    });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => findAll(d, 'Lozenge').some((l) => textOf(l) === 'cancelled'));
    expect(enabled(doc)).toEqual(['Dry run', 'Run again', 'Refresh']);
    expect(textOf(doc)).toContain('what it paired stays paired and nothing is half-made');
    expect(findAll(doc, 'ProgressBar').map((b) => b.props.isIndeterminate)).toEqual([true, true]);
    expect(textOf(doc)).toContain('Bitrix24 tasks: 50 so far (a dry run tells the total)');
    expect(textOf(doc)).toContain('Run a dry run to see an estimate of the time left.');
    noRawKey(doc);
  });
});
