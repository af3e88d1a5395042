/**
 * The Migration tab's reports: the dry run's tables (what is in scope, what is paired already, what a run will
 * create, who and which statuses will not map, the predicted calls and time) and the run's progress per phase with
 * UI Kit's ProgressBar and the time left. Names are data; every other word comes from the translations.
 */
import { DynamicTable, Heading, Inline, Lozenge, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { DryRunView, MigrationPhase, UnmappedRow } from '../../app/admin/migration';
import { useText, type Translate } from '../shared/text';
import { fillPlurals } from '../shared/words';

/** Fills the plural forms (in `locale`) and `{name}` placeholders of a translated sentence. */
export const fill = (template: string, params: Record<string, string | number>, locale?: string): string =>
  fillPlurals(template, params, locale).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );

/** Whole minutes past a minute, else seconds: an estimate does not deserve more precision. */
export function duration(t: Translate, seconds: number): string {
  if (seconds < 60) return fill(t('migrationRun.duration.seconds'), { s: Math.max(0, Math.round(seconds)) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return fill(t('migrationRun.duration.minutes'), { m: minutes });
  return fill(t('migrationRun.duration.hours'), { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function DryRunReport({ run }: { run: DryRunView }) {
  const t = useText();
  if (run.state === 'failed')
    return (
      <SectionMessage appearance="error" title={t('migrationRun.dry.failed')}>
        <Text>{t('migrationRun.dry.again')}</Text>
      </SectionMessage>
    );
  if (run.state === 'running')
    return (
      <SectionMessage appearance={run.stalled ? 'warning' : 'information'}>
        <Text>{t(run.stalled ? 'migrationRun.dry.stalled' : 'migrationRun.dry.running')}</Text>
      </SectionMessage>
    );
  const p = run.prediction;
  return (
    <Stack space="space.150">
      <Heading size="small">{t('migrationRun.dry.heading')}</Heading>
      <DynamicTable
        caption={t('migrationRun.dry.scopeCaption')}
        head={{
          cells: [
            { key: 'what', content: '' },
            { key: 'b24', content: t('migrationRun.dry.tasks') },
            { key: 'jira', content: t('migrationRun.dry.issues') },
          ],
        }}
        rows={[
          ['inScope', run.tasks.total, run.issues.total],
          ['byLink', run.tasks.linked, run.issues.linked],
          ['byMarker', run.tasks.namedByIssueMarker + run.tasks.markedByXmlId, run.issues.byMarker],
          ['toCreate', p?.scope.issuesToCreate ?? 0, p?.scope.tasksToCreate ?? 0],
        ].map(([key, tasks, issues]) => ({
          key: String(key),
          cells: [
            { key: 'what', content: <Text>{t(`migrationRun.dry.rows.${String(key)}`)}</Text> },
            { key: 'b24', content: <Text>{String(tasks)}</Text> },
            { key: 'jira', content: <Text>{String(issues)}</Text> },
          ],
        }))}
      />
      <Unmapped caption={t('migrationRun.dry.people')} rows={run.people} none={t('migrationRun.dry.everyoneMaps')} />
      <Unmapped
        caption={t('migrationRun.dry.statuses')}
        rows={run.statuses}
        none={t('migrationRun.dry.everyStatusMaps')}
      />
      {p ? (
        <Text>
          {fill(
            t('migrationRun.dry.prediction'),
            { total: p.calls.total, jira: p.calls.jira, b24: p.calls.b24, time: duration(t, p.seconds) },
            t.locale,
          )}
        </Text>
      ) : null}
    </Stack>
  );
}

function Unmapped({ caption, rows, none }: { caption: string; rows: UnmappedRow[]; none: string }) {
  const t = useText();
  if (rows.length === 0) return <Text>{none}</Text>;
  return (
    <DynamicTable
      caption={caption}
      head={{
        cells: [
          { key: 'name', content: t('migrationRun.dry.name') },
          { key: 'side', content: t('migrationRun.dry.side') },
          { key: 'count', content: t('migrationRun.dry.count') },
        ],
      }}
      rows={rows.map((r) => ({
        key: `${r.side}:${r.name}`,
        cells: [
          { key: 'name', content: <Text>{r.name}</Text> },
          { key: 'side', content: <Lozenge>{t(`migrationRun.dry.sides.${r.side}`)}</Lozenge> },
          { key: 'count', content: <Text>{String(r.count)}</Text> },
        ],
      }))}
    />
  );
}

export function PhaseProgress({
  phases,
  secondsLeft,
  finished,
}: {
  phases: MigrationPhase[];
  secondsLeft: number | null;
  finished: boolean;
}) {
  const t = useText();
  return (
    <Stack space="space.100">
      {phases.map((p) => {
        const label = t(`migrationRun.phases.${p.phase}`);
        const total = p.total === null ? null : Math.max(p.total, p.done);
        const count =
          total === null
            ? fill(t('migrationRun.phaseUnknown'), { done: p.done })
            : fill(t('migrationRun.phaseCount'), { done: p.done, total });
        return (
          <Stack key={p.phase} space="space.050">
            <Inline space="space.100">
              <Text>{`${label}: ${count}`}</Text>
            </Inline>
            {total === null && !finished ? (
              <ProgressBar ariaLabel={label} isIndeterminate />
            ) : (
              <ProgressBar
                ariaLabel={label}
                value={finished || total === 0 || total === null ? 1 : p.done / total}
                appearance={finished ? 'success' : 'default'}
              />
            )}
          </Stack>
        );
      })}
      {finished ? null : (
        <Text>
          {secondsLeft === null
            ? t('migrationRun.etaUnknown')
            : fill(t('migrationRun.eta'), { time: duration(t, secondsLeft) })}
        </Text>
      )}
    </Stack>
  );
}
