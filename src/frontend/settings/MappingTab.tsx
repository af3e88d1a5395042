/**
 * The Mapping tab: the workgroup, the status table, the field directions, time zone and end-of-day, and the
 * delete policy; saving is all-or-nothing and every validation problem is listed next to its row.
 */
import { useState } from 'react';
import { Button, DynamicTable, ErrorMessage, Heading, Label, Select, Stack, Text, Textfield } from '@forge/react';
import type { MappingView } from '../../app/admin/mapping';
import type { SyncConfig } from '../../core/config';
import { Loaded, Problem as ProblemMessage } from '../shared/Problem';
import { useText } from '../shared/text';
import { call, inputValue, useCall } from '../shared/use-call';
import { DirectionSelect, StatusTable, type Problem } from './StatusTable';

export function MappingTab() {
  const [state, reload] = useCall<MappingView>('getMapping');
  return <Loaded state={state} reload={reload}>{(view) => <MappingEditor view={view} />}</Loaded>;
}

function MappingEditor({ view }: { view: MappingView }) {
  const t = useText();
  const [config, setConfig] = useState<SyncConfig>(view.config);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const at = (path: string) => problems.filter((p) => p.path === path).map((p) => <ErrorMessage key={p.message}>{p.message}</ErrorMessage>);
  const save = async () => {
    const reply = await call<{ ok: true }>('saveMapping', { config });
    setProblems(reply.ok ? [] : reply.problems);
    setResult(reply.ok ? t('common.saved') : reply.message);
  };
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('mapping.heading')}</Heading>
      <Label labelFor="group">{t('mapping.group')}</Label>
      <Select
        id="group"
        options={view.groups.map((g) => ({ label: g.name, value: g.id }))}
        value={{ label: view.groups.find((g) => g.id === config.b24GroupId)?.name ?? config.b24GroupId, value: config.b24GroupId }}
        onChange={(o: { value: string }) => setConfig({ ...config, b24GroupId: o.value })}
      />
      {view.groupsProblem ? <ProblemMessage message={view.groupsProblem} /> : null}
      {at('b24GroupId')}
      <Heading size="small">{t('mapping.statuses')}</Heading>
      <StatusTable rows={config.statuses} jiraStatuses={view.jiraStatuses} problems={problems} onChange={(statuses) => setConfig({ ...config, statuses })} />
      {at('statuses')}
      <Heading size="small">{t('mapping.fields')}</Heading>
      <DynamicTable
        head={{ cells: [{ key: 'f', content: t('mapping.field') }, { key: 'd', content: t('mapping.direction') }] }}
        rows={config.fields.map((f, i) => ({
          key: f.field,
          cells: [
            { key: 'f', content: <Text>{f.field}</Text> },
            { key: 'd', content: <DirectionSelect value={f.direction} onChange={(direction) => setConfig({ ...config, fields: config.fields.map((x, j) => (j === i ? { ...x, direction } : x)) })} /> },
          ],
        }))}
      />
      <Label labelFor="tz">{t('mapping.timeZone')}</Label>
      <Textfield id="tz" value={config.timeZone} onChange={(e) => setConfig({ ...config, timeZone: inputValue(e) })} />
      {at('timeZone')}
      <Label labelFor="eod">{t('mapping.endOfDay')}</Label>
      <Textfield id="eod" value={config.endOfDayTime} onChange={(e) => setConfig({ ...config, endOfDayTime: inputValue(e) })} />
      {at('endOfDayTime')}
      <Label labelFor="del">{t('mapping.deletePolicy')}</Label>
      <Select
        id="del"
        options={(['close', 'delete', 'unlink'] as const).map((p) => ({ label: p, value: p }))}
        value={{ label: config.deletes.task, value: config.deletes.task }}
        onChange={(o: { value: 'close' | 'delete' | 'unlink' }) => setConfig({ ...config, deletes: { ...config.deletes, task: o.value } })}
      />
      {result ? <Text>{result}</Text> : null}
      <Button appearance="primary" onClick={() => void save()}>{t('common.save')}</Button>
    </Stack>
  );
}
