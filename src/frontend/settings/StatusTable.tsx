/**
 * The status table: one row per status-table entry, with the project's real Jira statuses to choose from and a
 * direction per row; a validation problem is shown next to the row it concerns.
 */
import { DynamicTable, ErrorMessage, Label, Select, Text } from '@forge/react';
import type { Direction, StatusRow } from '../../core/config';
import { ProblemMessages } from '../shared/problems';
import { useText } from '../shared/text';
import type { PathProblem } from '../shared/use-call';

export type Problem = PathProblem;

const DIRECTIONS: Direction[] = ['both', 'b24-to-jira', 'jira-to-b24'];
const ARROWS: Record<Direction, string> = {
  both: '↔',
  'b24-to-jira': 'Bitrix24 → Jira',
  'jira-to-b24': 'Jira → Bitrix24',
};

/** A direction picker named by a Label (UI Kit's Select is named through `inputId` + `Label labelFor`). */
export function DirectionSelect({
  inputId,
  value,
  onChange,
}: {
  inputId: string;
  value: Direction;
  onChange: (d: Direction) => void;
}) {
  const t = useText();
  return (
    <>
      <Label labelFor={inputId}>{t('mapping.direction')}</Label>
      <Select
        inputId={inputId}
        options={DIRECTIONS.map((d) => ({ label: ARROWS[d], value: d }))}
        value={{ label: ARROWS[value], value }}
        onChange={(option: { value: Direction }) => onChange(option.value)}
      />
    </>
  );
}

export function StatusTable(props: {
  rows: StatusRow[];
  jiraStatuses: { name: string }[];
  problems: Problem[];
  onChange: (rows: StatusRow[]) => void;
}) {
  const t = useText();
  const known = new Set(props.jiraStatuses.map((s) => s.name.toLowerCase()));
  const update = (i: number, patch: Partial<StatusRow>) =>
    props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const rowProblems = (i: number) =>
    props.problems.filter((p) => p.path === `statuses.${i}` || p.path.startsWith(`statuses.${i}.`));
  return (
    <DynamicTable
      head={{
        cells: [
          { key: 'b24', content: t('mapping.b24Status') },
          { key: 'dir', content: t('mapping.direction') },
          { key: 'jira', content: t('mapping.jiraStatus') },
        ],
      }}
      rows={props.rows.map((row, i) => ({
        key: `status-${i}`,
        cells: [
          {
            key: 'b24',
            content: <Text>{row.b24Status ? t(`b24status.${row.b24Status}`) : `— (${row.b24Field ?? ''})`}</Text>,
          },
          {
            key: 'dir',
            content: (
              <DirectionSelect
                inputId={`status-direction-${i}`}
                value={row.direction}
                onChange={(direction) => update(i, { direction })}
              />
            ),
          },
          {
            key: 'jira',
            content: (
              <>
                <Label labelFor={`status-jira-${i}`}>{t('mapping.jiraStatus')}</Label>
                <Select
                  inputId={`status-jira-${i}`}
                  options={props.jiraStatuses.map((s) => ({ label: s.name, value: s.name }))}
                  value={{ label: row.jiraStatus, value: row.jiraStatus }}
                  onChange={(option: { value: string }) => update(i, { jiraStatus: option.value })}
                />
                {!known.has(row.jiraStatus.toLowerCase()) ? (
                  <ErrorMessage>{`${row.jiraStatus}: ${t('mapping.notInWorkflow')}`}</ErrorMessage>
                ) : null}
                <ProblemMessages problems={rowProblems(i)} />
              </>
            ),
          },
        ],
      }))}
    />
  );
}
