/**
 * The Mapping tab: the workgroup (only those the Connection tab lists for the project are offered), the status,
 * field, custom-field and priority tables, the conflict policy per field, time zone and end-of-day, and the delete
 * policy; saving is all-or-nothing and every validation problem is listed next to its row (or above Save when no
 * row shows its path).
 */
import { useState } from 'react';
import { Button, DynamicTable, Heading, Label, SectionMessage, Select, Stack, Text, Textfield } from '@forge/react';
import type { MappingView } from '../../app/admin/mapping';
import type { SyncConfig } from '../../core/config';
import { Loaded, Problem as ProblemMessage } from '../shared/Problem';
import { useText } from '../shared/text';
import { call, inputValue, useCall } from '../shared/use-call';
import { ProblemMessages, RowProblems, unclaimed } from '../shared/problems';
import { message as word, wordOr } from '../shared/words';
import { ConflictPolicies } from './ConflictPolicies';
import { CustomFieldTable } from './CustomFieldTable';
import { PriorityTable } from './PriorityTable';
import { RestrictedContent } from './RestrictedContent';
import { DirectionSelect, StatusTable, type Problem } from './StatusTable';

/** Config paths some row of this tab shows its problems under. */
const SHOWN = [
  'b24GroupId',
  'statuses',
  'fields',
  'customFields',
  'priorities',
  'conflicts',
  'timeZone',
  'endOfDayTime',
];

export function MappingTab() {
  const [state, reload] = useCall<MappingView>('getMapping');
  return (
    <Loaded state={state} reload={reload}>
      {(view) => <MappingEditor view={view} />}
    </Loaded>
  );
}

function MappingEditor({ view }: { view: MappingView }) {
  const t = useText();
  const [config, setConfig] = useState<SyncConfig>(view.config);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const at = (path: string) => <RowProblems problems={problems} prefix={path} />;
  const save = async () => {
    const reply = await call<{ ok: true }>('saveMapping', { config });
    setProblems(reply.ok ? [] : reply.problems);
    setResult(reply.ok ? t('common.saved') : word(t, reply.message, reply.code, reply.params));
  };
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('mapping.heading')}</Heading>
      <Label labelFor="group">{t('mapping.group')}</Label>
      <Select
        inputId="group"
        options={view.groups.map((g) => ({ label: g.name, value: g.id }))}
        value={{
          label: view.groups.find((g) => g.id === config.b24GroupId)?.name ?? config.b24GroupId,
          value: config.b24GroupId,
        }}
        onChange={(o: { value: string }) => setConfig({ ...config, b24GroupId: o.value })}
      />
      {view.groupsProblem ? <ProblemMessage message={view.groupsProblem} {...view.groupsProblemCode} /> : null}
      {view.groups.length === 0 && !view.groupsProblem ? <Text>{t('access.noneListed')}</Text> : null}
      {view.groupNotListed ? (
        <SectionMessage appearance="warning">
          <Text>{word(t, view.groupNotListed.message, view.groupNotListed.code, view.groupNotListed.params)}</Text>
        </SectionMessage>
      ) : null}
      {at('b24GroupId')}
      <Heading size="small">{t('mapping.statuses')}</Heading>
      <StatusTable
        rows={config.statuses}
        jiraStatuses={view.jiraStatuses}
        problems={problems}
        onChange={(statuses) => setConfig({ ...config, statuses })}
      />
      <ProblemMessages problems={problems.filter((p) => p.path === 'statuses')} />
      <Heading size="small">{t('mapping.fields')}</Heading>
      <DynamicTable
        head={{
          cells: [
            { key: 'f', content: t('mapping.field') },
            { key: 'd', content: t('mapping.direction') },
          ],
        }}
        rows={config.fields.map((f, i) => ({
          key: f.field,
          cells: [
            {
              key: 'f',
              content: (
                <>
                  <Text>{wordOr(t, `field.${f.field}`, f.field)}</Text>
                  {at(`fields.${i}`)}
                </>
              ),
            },
            {
              key: 'd',
              content: (
                <DirectionSelect
                  inputId={`field-direction-${i}`}
                  value={f.direction}
                  onChange={(direction) =>
                    setConfig({ ...config, fields: config.fields.map((x, j) => (j === i ? { ...x, direction } : x)) })
                  }
                />
              ),
            },
          ],
        }))}
      />
      <Heading size="small">{t('mapping.customFields')}</Heading>
      <CustomFieldTable
        rows={config.customFields}
        jiraFields={view.jiraCustomFields}
        problems={problems}
        onChange={(customFields) => setConfig({ ...config, customFields })}
      />
      <Heading size="small">{t('mapping.priorities')}</Heading>
      <PriorityTable
        rows={config.priorities}
        jiraPriorities={view.jiraPriorities}
        problems={problems}
        onChange={(priorities) => setConfig({ ...config, priorities })}
      />
      <Heading size="small">{t('policy.heading')}</Heading>
      <ConflictPolicies
        conflicts={config.conflicts}
        customFields={config.customFields.map((c) => c.b24Field)}
        problems={problems}
        onChange={(conflicts) => setConfig({ ...config, conflicts })}
      />
      <Label labelFor="tz">{t('mapping.timeZone')}</Label>
      <Textfield id="tz" value={config.timeZone} onChange={(e) => setConfig({ ...config, timeZone: inputValue(e) })} />
      {at('timeZone')}
      <Label labelFor="eod">{t('mapping.endOfDay')}</Label>
      <Textfield
        id="eod"
        value={config.endOfDayTime}
        onChange={(e) => setConfig({ ...config, endOfDayTime: inputValue(e) })}
      />
      {at('endOfDayTime')}
      <Label labelFor="del">{t('mapping.deletePolicy')}</Label>
      <Select
        inputId="del"
        options={(['close', 'delete', 'unlink'] as const).map((p) => ({ label: t(`deletes.${p}`), value: p }))}
        value={{ label: t(`deletes.${config.deletes.task}`), value: config.deletes.task }}
        onChange={(o: { value: 'close' | 'delete' | 'unlink' }) =>
          setConfig({ ...config, deletes: { ...config.deletes, task: o.value } })
        }
      />
      <RestrictedContent config={config} onChange={(restricted) => setConfig({ ...config, restricted })} />
      <ProblemMessages problems={unclaimed(problems, SHOWN)} />
      {result ? <Text>{result}</Text> : null}
      <Button appearance="primary" onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}
