/**
 * The Activity tab: the journal with filters, a per-day chart of synced changes and errors (UI Kit BarChart grouped
 * by outcome, so both bars of a day stand side by side), and Retry on failures.
 */
import { useState } from 'react';
import {
  BarChart,
  Button,
  DynamicTable,
  Heading,
  Inline,
  Lozenge,
  SectionMessage,
  Stack,
  Text,
  Toggle,
  Label,
} from '@forge/react';
import type { ActivityPage } from '../../app/admin/activity';
import { Loaded, Problem, refusalProps } from '../shared/Problem';
import { outcomeAppearance } from '../shared/outcome';
import { useText } from '../shared/text';
import { call, useCall, type Refusal } from '../shared/use-call';
import { directionArrow, journalEntity, journalText, wordOr } from '../shared/words';

export function ActivityTab() {
  const t = useText();
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [thisWeek, setThisWeek] = useState(false);
  const [state, reload] = useCall<ActivityPage>('getActivity', {
    limit: 50,
    ...(errorsOnly ? { errorsOnly: true } : {}),
    ...(thisWeek ? { sinceDays: 7 } : {}),
  });
  // Kept above the reload: the last action's sentence must outlive the spinner its own reload shows.
  const [outcome, setOutcome] = useState<Outcome>(null);
  const retry = async (entryId: string) => {
    const reply = await call<unknown>('retry', { entryId });
    setOutcome(reply.ok ? { ok: true } : { ok: false, refusal: reply });
    if (reply.ok) reload();
  };
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('activity.heading')}</Heading>
      <Inline space="space.200">
        <Label labelFor="errors">{t('activity.errorsOnly')}</Label>
        <Toggle id="errors" isChecked={errorsOnly} onChange={() => setErrorsOnly(!errorsOnly)} />
        <Label labelFor="week">{t('activity.thisWeek')}</Label>
        <Toggle id="week" isChecked={thisWeek} onChange={() => setThisWeek(!thisWeek)} />
      </Inline>
      {outcome?.ok ? (
        <SectionMessage appearance="success">
          <Text>{t('activity.retried')}</Text>
        </SectionMessage>
      ) : null}
      {outcome && !outcome.ok ? <Problem {...refusalProps(outcome.refusal)} /> : null}
      <Loaded state={state} reload={reload}>
        {(page) => <Journal page={page} onRetry={(id) => void retry(id)} filtered={errorsOnly || thisWeek} />}
      </Loaded>
    </Stack>
  );
}

/** Only the last action's result is shown: a new Retry replaces the sentence of the one before. */
type Outcome = { ok: true } | { ok: false; refusal: Refusal } | null;

function Journal({
  page,
  onRetry,
  filtered,
}: {
  page: ActivityPage;
  onRetry: (entryId: string) => void;
  filtered: boolean;
}) {
  const t = useText();
  if (page.entries.length === 0) return <Text>{t(filtered ? 'activity.noMatch' : 'activity.empty')}</Text>;
  const chart = page.perDay.flatMap((d) => [
    { day: d.day, kind: t('outcome.synced'), count: d.synced },
    { day: d.day, kind: t('outcome.failed'), count: d.errors },
  ]);
  return (
    <Stack space="space.200">
      <BarChart data={chart} xAccessor="day" yAccessor="count" colorAccessor="kind" title={t('activity.chart')} />
      <DynamicTable
        head={{
          cells: ['time', 'direction', 'entity', 'fields', 'outcome', 'action'].map((k) => ({
            key: k,
            content: k === 'action' ? '' : t(`activity.${k}`),
          })),
        }}
        rows={page.entries.map((e) => ({
          key: e.id,
          cells: [
            { key: 'time', content: <Text>{new Date(e.at).toISOString().slice(0, 16).replace('T', ' ')}</Text> },
            { key: 'direction', content: <Text>{directionArrow(e.direction)}</Text> },
            { key: 'entity', content: <Text>{journalEntity(t, e)}</Text> },
            { key: 'fields', content: <Text>{e.fields.map((f) => wordOr(t, `field.${f}`, f)).join(', ')}</Text> },
            {
              key: 'outcome',
              content: (
                <Stack>
                  <Lozenge appearance={outcomeAppearance(e.outcome)}>{t(`outcome.${e.outcome}`)}</Lozenge>
                  {e.message || e.notes?.length ? <Text>{journalText(t, e)}</Text> : null}
                </Stack>
              ),
            },
            {
              key: 'action',
              content: e.canRetry ? (
                <Button onClick={() => onRetry(e.id)}>{t('common.retry')}</Button>
              ) : (
                <Text>{''}</Text>
              ),
            },
          ],
        }))}
      />
    </Stack>
  );
}
