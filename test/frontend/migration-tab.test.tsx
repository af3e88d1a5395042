/**
 * The Migration tab: it explains the migration, starts it once (Start is disabled while a run is alive), shows the
 * run's progress and re-reads it on Refresh, and puts a refusal or a run's failure into words.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { MigrationView } from '../../src/app/admin/migration';
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

const view = (p: MigrationProgress | null, over: Partial<MigrationView> = {}): MigrationView => ({
  progress: p,
  canStart: p?.state !== 'running',
  stalled: false,
  canPause: p?.state === 'running',
  canResume: false,
  canCancel: p?.state === 'running',
  canDryRun: true,
  dryRun: null,
  phases: [],
  secondsLeft: null,
  ...over,
});

const button = (doc: ForgeNode, label: string): ForgeNode | undefined =>
  findAll(doc, 'Button').find((b) => textOf(b) === label);
const press = (doc: ForgeNode, label: string) => (button(doc, label)?.props.onClick as () => void)();

/** Answers getMigration with each view in turn, the last one from then on. */
function views(...sequence: MigrationView[]): () => MigrationView {
  let next = 0;
  return () => sequence[Math.min(next++, sequence.length - 1)] ?? view(null);
}

describe('the Migration tab', () => {
  it('explains what the migration does and that running it twice is safe, before any run', async () => {
    answerInvokes({ getMigration: () => view(null) });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => findAll(d, 'Button').length > 0);
    expect(textOf(doc)).toContain('every task of the paired Bitrix24 workgroup gets a Jira issue');
    expect(textOf(doc)).toContain('It is safe to run twice');
    expect(textOf(doc)).toContain('The migration has not been run for this project yet.');
    expect(button(doc, 'Start migration')?.props.isDisabled).toBe(false);
  });

  it('starts the migration, then shows the running run with Start disabled', async () => {
    const invocations = answerInvokes({
      getMigration: views(view(null), view(progress({ b24: side({ listed: 50, alreadyLinked: 4 }), enqueued: 46 }))),
      startMigration: () => view(progress()),
    });
    ForgeReconciler.render(<MigrationTab />);
    press(await waitForDoc((d) => button(d, 'Start migration') !== undefined), 'Start migration');
    const running = await waitForDoc((d) => textOf(d).includes('running'));
    expect(invocations.map((i) => i.call)).toEqual(['getMigration', 'startMigration', 'getMigration']);
    expect(button(running, 'Run again')?.props.isDisabled).toBe(true);
    expect(textOf(running)).toContain('Bitrix24 tasks listed: 50');
    expect(textOf(running)).toContain('Tasks already linked: 4');
    expect(textOf(running)).toContain('Sync jobs enqueued: 46');
    expect(textOf(running)).toContain('Started: 2026-11-27 09:30 UTC');
    expect(textOf(running)).toContain('Finished: —');
  });

  it('re-reads the progress on Refresh and shows the finished run with both sides counted', async () => {
    const done = progress({
      state: 'done',
      b24: side({ listed: 7, done: true }),
      jira: side({ listed: 11, alreadyLinked: 7, done: true }),
      enqueued: 11,
      finishedAt: STARTED + 5 * 60_000,
    });
    const invocations = answerInvokes({ getMigration: views(view(progress()), view(done)) });
    ForgeReconciler.render(<MigrationTab />);
    press(await waitForDoc((d) => button(d, 'Refresh') !== undefined), 'Refresh');
    const after = await waitForDoc((d) => textOf(d).includes('done'));
    expect(invocations.map((i) => i.call)).toEqual(['getMigration', 'getMigration']);
    expect(findAll(after, 'Lozenge').map(textOf)).toEqual(['done']);
    expect(textOf(after)).toContain('Jira issues listed: 11');
    expect(textOf(after)).toContain('Issues already linked: 7');
    expect(textOf(after)).toContain('Finished: 2026-11-27 09:35 UTC');
    expect(button(after, 'Run again')?.props.isDisabled).toBe(false);
  });

  it("shows a failed run's error and the resolver's refusal when Start is refused", async () => {
    answerInvokes({
      getMigration: () => view(progress({ state: 'failed', error: 'Bitrix24 refused the credentials.' })),
      startMigration: () => ({ error: 'This project is not paired with a Bitrix24 workgroup yet.' }),
    });
    ForgeReconciler.render(<MigrationTab />);
    const failed = await waitForDoc((d) => textOf(d).includes('Bitrix24 refused the credentials.'));
    expect(findAll(failed, 'SectionMessage').map((m) => m.props.title)).toEqual(['The migration stopped']);
    press(failed, 'Run again');
    await waitForDoc((d) => textOf(d).includes('This project is not paired with a Bitrix24 workgroup yet.'));
  });

  it('offers Resume for a stalled run and says why', async () => {
    answerInvokes({ getMigration: () => view(progress(), { canStart: true, stalled: true }) });
    ForgeReconciler.render(<MigrationTab />);
    const doc = await waitForDoc((d) => button(d, 'Resume migration') !== undefined);
    expect(button(doc, 'Resume migration')?.props.isDisabled).toBe(false);
    expect(textOf(doc)).toContain('has not moved for more than 30 minutes');
  });
});
