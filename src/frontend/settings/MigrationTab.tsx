/**
 * The Migration tab (project administrators): what the initial migration does, Start (disabled while a run is
 * alive; the server says when a run has stalled and may be resumed) and the run's progress, re-read on Refresh.
 */
import { useState } from 'react';
import { Button, Heading, Inline, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { MigrationView } from '../../app/admin/migration';
import type { MigrationProgress } from '../../app/migration/progress';
import { Loaded, Problem } from '../shared/Problem';
import { useText, type Translate } from '../shared/text';
import { call, useCall } from '../shared/use-call';

const STATE_APPEARANCE = { running: 'inprogress', done: 'success', failed: 'removed' } as const;

/** Minutes are enough to tell runs apart; UTC because the page has no reliable viewer time zone. */
const when = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function MigrationTab() {
  const t = useText();
  const [state, reload] = useCall<MigrationView>('getMigration');
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('migration.heading')}</Heading>
      <Text>{t('migration.explain')}</Text>
      <Text>{t('migration.safe')}</Text>
      <Loaded state={state} reload={reload}>{(view) => <MigrationRun view={view} reload={reload} />}</Loaded>
    </Stack>
  );
}

function MigrationRun({ view, reload }: { view: MigrationView; reload: () => void }) {
  const t = useText();
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const start = async () => {
    setStarting(true);
    const reply = await call<MigrationView>('startMigration');
    setStarting(false);
    setProblem(reply.ok ? null : reply.message);
    if (reply.ok) reload();
  };
  return (
    <Stack space="space.200">
      {problem ? <Problem message={problem} /> : null}
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={!view.canStart || starting} onClick={() => void start()}>
          {t(view.stalled ? 'migration.resume' : view.progress ? 'migration.startAgain' : 'migration.start')}
        </Button>
        <Button onClick={reload}>{t('migration.refresh')}</Button>
      </Inline>
      {view.progress ? <Progress progress={view.progress} stalled={view.stalled} /> : <Text>{t('migration.never')}</Text>}
    </Stack>
  );
}

function Progress({ progress, stalled }: { progress: MigrationProgress; stalled: boolean }) {
  const t = useText();
  return (
    <Stack space="space.100">
      <Inline space="space.100">
        <Text>{t('migration.state')}</Text>
        <Lozenge appearance={STATE_APPEARANCE[progress.state]}>{t(`migration.states.${progress.state}`)}</Lozenge>
      </Inline>
      {stalled ? <SectionMessage appearance="warning"><Text>{t('migration.stalled')}</Text></SectionMessage> : null}
      {counts(t, progress).map(([label, value]) => <Text key={label}>{`${label}: ${value}`}</Text>)}
      {progress.error ? <SectionMessage appearance="error" title={t('migration.error')}><Text>{progress.error}</Text></SectionMessage> : null}
    </Stack>
  );
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
