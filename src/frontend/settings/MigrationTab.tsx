/**
 * The Migration tab (project administrators): what the initial migration does, the dry run and its report, the
 * run's controls (each enabled only in the states the server allows; the server checks again) and its progress per
 * phase with the time left, re-read on Refresh.
 */
import { useState } from 'react';
import { Button, Heading, Inline, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { MigrationView } from '../../app/admin/migration';
import type { MigrationProgress } from '../../app/store/migration-progress';
import { Loaded, Problem, refusalProps } from '../shared/Problem';
import { useText, type Translate } from '../shared/text';
import { call, useCall, type Refusal } from '../shared/use-call';
import { message } from '../shared/words';
import { DryRunReport, PhaseProgress } from './MigrationReport';

/**
 * Why a run stopped, as a message code the page words (`errors.<errorCode>`); until the migration engine records
 * one, the stored English sentence is shown.
 */
type StopWords = { errorCode?: string; errorParams?: Record<string, string> };

const STATE_APPEARANCE = {
  running: 'inprogress',
  done: 'success',
  failed: 'removed',
  paused: 'moved',
  cancelled: 'default',
} as const;

/** Minutes are enough to tell runs apart; UTC because the page has no reliable viewer time zone. */
const when = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

type Action = 'migrationDryRun' | 'startMigration' | 'pauseMigration' | 'resumeMigration' | 'cancelMigration';

export function MigrationTab() {
  const t = useText();
  const [state, reload] = useCall<MigrationView>('getMigration');
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('migration.heading')}</Heading>
      <Text>{t('migration.explain')}</Text>
      <Text>{t('migration.safe')}</Text>
      <Loaded state={state} reload={reload}>
        {(view) => <MigrationRun view={view} reload={reload} />}
      </Loaded>
    </Stack>
  );
}

function startLabel(view: MigrationView): string {
  if (view.stalled) return 'migration.resume';
  return view.progress ? 'migration.startAgain' : 'migration.start';
}

function MigrationRun({ view, reload }: { view: MigrationView; reload: () => void }) {
  const t = useText();
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: Action) => {
    setBusy(true);
    const reply = await call<MigrationView>(action);
    setBusy(false);
    setProblem(reply.ok ? null : reply);
    if (reply.ok) reload();
  };
  const button = (action: Action, label: string, enabled: boolean, appearance?: 'primary' | 'warning') => (
    <Button
      key={action}
      appearance={appearance ?? 'default'}
      isDisabled={!enabled || busy}
      onClick={() => void act(action)}
    >
      {t(label)}
    </Button>
  );
  return (
    <Stack space="space.200">
      {problem ? <Problem {...refusalProps(problem)} /> : null}
      <Inline space="space.100">
        {button('migrationDryRun', 'migrationRun.dryRun', view.canDryRun)}
        {button('startMigration', startLabel(view), view.canStart, 'primary')}
        {button('pauseMigration', 'migrationRun.pause', view.canPause)}
        {button('resumeMigration', 'migrationRun.resumeRun', view.canResume)}
        {button('cancelMigration', 'migrationRun.cancel', view.canCancel, 'warning')}
        <Button onClick={reload}>{t('migration.refresh')}</Button>
      </Inline>
      {view.dryRun ? <DryRunReport run={view.dryRun} /> : <Text>{t('migrationRun.dry.never')}</Text>}
      {view.progress ? <Progress view={view} progress={view.progress} /> : <Text>{t('migration.never')}</Text>}
    </Stack>
  );
}

function Progress({ view, progress }: { view: MigrationView; progress: MigrationProgress }) {
  const t = useText();
  return (
    <Stack space="space.100">
      <Inline space="space.100">
        <Text>{t('migration.state')}</Text>
        <Lozenge appearance={STATE_APPEARANCE[progress.state]}>
          {t(
            `${progress.state === 'paused' || progress.state === 'cancelled' ? 'migrationRun' : 'migration'}.states.${progress.state}`,
          )}
        </Lozenge>
      </Inline>
      {view.stalled ? (
        <SectionMessage appearance="warning">
          <Text>{t('migration.stalled')}</Text>
        </SectionMessage>
      ) : null}
      {progress.state === 'paused' ? <Text>{t('migrationRun.pausedNote')}</Text> : null}
      {progress.state === 'cancelled' ? <Text>{t('migrationRun.cancelledNote')}</Text> : null}
      <PhaseProgress phases={view.phases} secondsLeft={view.secondsLeft} finished={progress.state === 'done'} />
      {counts(t, progress).map(([label, value]) => (
        <Text key={label}>{`${label}: ${value}`}</Text>
      ))}
      {progress.error ? (
        <SectionMessage appearance="error" title={t('migration.error')}>
          <Text>{stopSentence(t, progress)}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}

function stopSentence(t: Translate, progress: MigrationProgress & StopWords): string {
  return message(t, progress.error ?? '', progress.errorCode, progress.errorParams);
}

function counts(t: Translate, p: MigrationProgress): [string, string][] {
  return [
    [t('migration.tasksListed'), String(p.b24.listed)],
    [t('migration.tasksLinked'), String(p.b24.alreadyLinked)],
    [t('migration.issuesListed'), String(p.jira.listed)],
    [t('migration.issuesLinked'), String(p.jira.alreadyLinked)],
    [t('migration.enqueued'), String(p.enqueued)],
    [t('migration.started'), when(p.startedAt)],
    [t('migration.finished'), p.finishedAt === undefined ? '—' : when(p.finishedAt)],
  ];
}
