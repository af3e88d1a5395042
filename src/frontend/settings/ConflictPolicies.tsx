/**
 * Conflict policy: what wins when the same field changed differently on both sides since the last sync. One
 * default for every field, and per field either "as default" (no entry kept) or its own policy.
 */
import { DynamicTable, Label, Select, Stack, Text } from '@forge/react';
import { STANDARD_FIELDS, type ConflictPolicy, type SyncConfig } from '../../core/config';
import { RowProblems } from '../shared/problems';
import { useText } from '../shared/text';
import { wordOr } from '../shared/words';
import type { PathProblem } from '../shared/use-call';

const POLICIES: ConflictPolicy[] = ['latest-wins', 'b24-wins', 'jira-wins'];
const AS_DEFAULT = 'default';

type Conflicts = SyncConfig['conflicts'];

interface Props {
  conflicts: Conflicts;
  /** Custom fields are named by their Bitrix24 side, as validateConfig() expects. */
  customFields: string[];
  problems: PathProblem[];
  onChange: (conflicts: Conflicts) => void;
}

export function ConflictPolicies({ conflicts, customFields, problems, onChange }: Props) {
  const t = useText();
  const option = (p: ConflictPolicy) => ({ label: t(`policy.${p}`), value: p });
  const fieldOptions = [
    { label: `${t('policy.asDefault')} (${t(`policy.${conflicts.default}`)})`, value: AS_DEFAULT },
    ...POLICIES.map(option),
  ];
  const setField = (field: string, value: string) => {
    const rest = Object.fromEntries(Object.entries(conflicts.perField).filter(([name]) => name !== field));
    const policy = POLICIES.find((p) => p === value);
    onChange({ ...conflicts, perField: policy ? { ...rest, [field]: policy } : rest });
  };
  // A policy for a field no mapping defines any more stays listed, so its validation problem has a row.
  const fields = [
    ...new Set([...STANDARD_FIELDS, ...customFields.filter((f) => f !== ''), ...Object.keys(conflicts.perField)]),
  ];
  return (
    <Stack space="space.100">
      <Label labelFor="conflict-default">{t('policy.default')}</Label>
      <Select
        inputId="conflict-default"
        options={POLICIES.map(option)}
        value={option(conflicts.default)}
        onChange={(o: { value: ConflictPolicy }) => onChange({ ...conflicts, default: o.value })}
      />
      <RowProblems problems={problems} prefix="conflicts.default" />
      <DynamicTable
        head={{
          cells: [
            { key: 'f', content: t('mapping.field') },
            { key: 'p', content: t('policy.heading') },
          ],
        }}
        rows={fields.map((field) => {
          const own = conflicts.perField[field];
          return {
            key: `conflict-${field}`,
            cells: [
              { key: 'f', content: <Text>{wordOr(t, `field.${field}`, field)}</Text> },
              {
                key: 'p',
                content: (
                  <>
                    <Label labelFor={`conflict-${field}`}>{wordOr(t, `field.${field}`, field)}</Label>
                    <Select
                      inputId={`conflict-${field}`}
                      options={fieldOptions}
                      value={own ? option(own) : fieldOptions[0]}
                      onChange={(o: { value: string }) => setField(field, o.value)}
                    />
                    <RowProblems problems={problems} prefix={`conflicts.perField.${field}`} />
                  </>
                ),
              },
            ],
          };
        })}
      />
    </Stack>
  );
}
