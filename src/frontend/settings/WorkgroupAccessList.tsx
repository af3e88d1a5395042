/**
 * The Connection tab's list of which workgroups may be paired with which projects (Jira administrators; the
 * resolver checks again). One row per workgroup, chosen from the portal's workgroups, with the project keys it may
 * pair with or `*` for any; saving is all-or-nothing and each problem shows under its row.
 */
import { useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  HelperMessage,
  Inline,
  Label,
  Select,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import type { WorkgroupAccessView } from '../../app/admin/workgroup-access';
import { Loaded, Problem } from '../shared/Problem';
import { ProblemMessages, RowProblems, unclaimed } from '../shared/problems';
import { useText } from '../shared/text';
import { call, inputValue, useCall, type PathProblem } from '../shared/use-call';
import { message as word } from '../shared/words';

interface Row {
  groupId: string;
  /** As typed: keys separated by commas. */
  projects: string;
}

const rowsOf = (view: WorkgroupAccessView): Row[] =>
  view.entries.map((e) => ({ groupId: e.groupId, projects: e.projects.join(', ') }));
const payloadOf = (rows: Row[]) => ({
  entries: rows
    .filter((r) => r.groupId !== '')
    .map((r) => ({
      groupId: r.groupId,
      projects: r.projects
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    })),
});

export function WorkgroupAccessList() {
  const [state, reload] = useCall<WorkgroupAccessView>('getWorkgroupAccess');
  return (
    <Loaded state={state} reload={reload}>
      {(view) => <AccessEditor view={view} />}
    </Loaded>
  );
}

function AccessEditor({ view }: { view: WorkgroupAccessView }) {
  const t = useText();
  const [current, setCurrent] = useState(view);
  const [rows, setRows] = useState<Row[]>(rowsOf(view));
  const [problems, setProblems] = useState<PathProblem[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const names = new Map([
    ...current.entries.map((e): [string, string] => [e.groupId, e.groupName]),
    ...current.groups.map((g): [string, string] => [g.id, g.name]),
  ]);
  const edit = (i: number, change: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const save = async () => {
    const reply = await call<WorkgroupAccessView>('saveWorkgroupAccess', payloadOf(rows));
    setProblems(reply.ok ? [] : reply.problems);
    setResult(reply.ok ? t('common.saved') : word(t, reply.message, reply.code, reply.params));
    if (reply.ok) {
      setCurrent(reply.data);
      setRows(rowsOf(reply.data));
    }
  };
  return (
    <Stack space="space.100">
      <Heading size="small">{t('access.heading')}</Heading>
      <Text>{t('access.explain')}</Text>
      {current.groupsProblem ? (
        <Problem
          message={current.groupsProblem.message}
          code={current.groupsProblem.code}
          params={current.groupsProblem.params}
        />
      ) : null}
      {rows.length === 0 ? <Text>{t('access.empty')}</Text> : null}
      <DynamicTable
        head={{
          cells: [
            { key: 'g', content: t('access.group') },
            { key: 'p', content: t('access.projects') },
            { key: 'x', content: '' },
          ],
        }}
        rows={rows.map((r, i) => ({
          key: `row-${i}`,
          cells: [
            {
              key: 'g',
              content: (
                <>
                  <Label labelFor={`access-group-${i}`}>{t('access.group')}</Label>
                  <Select
                    inputId={`access-group-${i}`}
                    placeholder={t('access.pickGroup')}
                    options={current.groups.map((g) => ({ label: g.name, value: g.id }))}
                    value={r.groupId ? { label: names.get(r.groupId) ?? r.groupId, value: r.groupId } : null}
                    onChange={(o: { value: string }) => edit(i, { groupId: o.value })}
                  />
                  <RowProblems problems={problems} prefix={`entries.${i}.groupId`} />
                </>
              ),
            },
            {
              key: 'p',
              content: (
                <>
                  <Label labelFor={`access-projects-${i}`}>{t('access.projects')}</Label>
                  <Textfield
                    id={`access-projects-${i}`}
                    value={r.projects}
                    onChange={(e) => edit(i, { projects: inputValue(e) })}
                  />
                  <RowProblems problems={problems} prefix={`entries.${i}.projects`} />
                </>
              ),
            },
            {
              key: 'x',
              content: <Button onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('common.remove')}</Button>,
            },
          ],
        }))}
      />
      <HelperMessage>{t('access.projectsHint')}</HelperMessage>
      <ProblemMessages
        problems={unclaimed(
          problems,
          rows.map((_, i) => `entries.${i}`),
        )}
      />
      {result ? <Text>{result}</Text> : null}
      <Inline space="space.100">
        <Button onClick={() => setRows([...rows, { groupId: '', projects: '' }])}>{t('access.add')}</Button>
        <Button appearance="primary" onClick={() => void save()}>
          {t('access.save')}
        </Button>
      </Inline>
    </Stack>
  );
}
