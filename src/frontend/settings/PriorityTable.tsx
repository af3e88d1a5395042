/**
 * The priority table: Bitrix24's three priorities against the priorities the project's create screen allows (its
 * priority scheme, from the create metadata), a direction per row, rows added and removed freely (Highest and Lowest
 * usually flow Jira → Bitrix24 only); problems show beside their row.
 */
import { Button, DynamicTable, Label, Select } from '@forge/react';
import type { PriorityRow } from '../../core/config';
import { RowProblems } from '../shared/problems';
import { useText } from '../shared/text';
import type { PathProblem } from '../shared/use-call';
import { DirectionSelect } from './StatusTable';

const B24_PRIORITIES: PriorityRow['b24Priority'][] = ['2', '1', '0'];

interface Props {
  rows: PriorityRow[];
  /** From the project's create metadata; a saved name the scheme no longer offers stays listed. */
  jiraPriorities: { name: string }[];
  problems: PathProblem[];
  onChange: (rows: PriorityRow[]) => void;
}

export function PriorityTable({ rows, jiraPriorities, problems, onChange }: Props) {
  const t = useText();
  const update = (i: number, patch: Partial<PriorityRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const names = [...new Set([...jiraPriorities.map((p) => p.name), ...rows.map((r) => r.jiraPriority)])];
  const b24Option = (p: PriorityRow['b24Priority']) => ({ label: t(`b24priority.${p}`), value: p });
  return (
    <>
      <DynamicTable
        head={{
          cells: [
            { key: 'b24', content: t('mapping.b24Priority') },
            { key: 'dir', content: t('mapping.direction') },
            { key: 'jira', content: t('mapping.jiraPriority') },
            { key: 'x', content: '' },
          ],
        }}
        rows={rows.map((row, i) => ({
          key: `priority-${i}`,
          cells: [
            {
              key: 'b24',
              content: (
                <>
                  <Label labelFor={`priority-b24-${i}`}>{t('mapping.b24Priority')}</Label>
                  <Select
                    inputId={`priority-b24-${i}`}
                    options={B24_PRIORITIES.map(b24Option)}
                    value={b24Option(row.b24Priority)}
                    onChange={(o: { value: PriorityRow['b24Priority'] }) => update(i, { b24Priority: o.value })}
                  />
                </>
              ),
            },
            {
              key: 'dir',
              content: (
                <DirectionSelect
                  inputId={`priority-direction-${i}`}
                  value={row.direction}
                  onChange={(direction) => update(i, { direction })}
                />
              ),
            },
            {
              key: 'jira',
              content: (
                <>
                  <Label labelFor={`priority-jira-${i}`}>{t('mapping.jiraPriority')}</Label>
                  <Select
                    inputId={`priority-jira-${i}`}
                    options={names.map((n) => ({ label: n, value: n }))}
                    value={{ label: row.jiraPriority, value: row.jiraPriority }}
                    onChange={(o: { value: string }) => update(i, { jiraPriority: o.value })}
                  />
                  <RowProblems problems={problems} prefix={`priorities.${i}`} />
                </>
              ),
            },
            {
              key: 'x',
              content: (
                <Button appearance="subtle" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </Button>
              ),
            },
          ],
        }))}
      />
      <Button
        onClick={() => onChange([...rows, { b24Priority: '1', jiraPriority: names[0] ?? 'Medium', direction: 'both' }])}
      >
        {t('mapping.addPriority')}
      </Button>
    </>
  );
}
