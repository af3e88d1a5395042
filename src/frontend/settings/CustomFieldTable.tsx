/**
 * Custom-field pairs: a Bitrix24 user field (UF_*) against a Jira custom field, the converter that carries the
 * value across and a direction. The Jira field is picked from the custom fields the project's create screen carries
 * (a field off the screen would be refused by Jira); a saved field no longer there stays shown, marked. The
 * Bitrix24 name is typed; validateConfig() explains a malformed name beside its row.
 */
import { Button, DynamicTable, Label, Select, Text, Textfield } from '@forge/react';
import type { CustomConverter, CustomFieldMapping } from '../../core/config';
import { RowProblems } from '../shared/problems';
import { useText } from '../shared/text';
import { inputValue, type PathProblem } from '../shared/use-call';
import { DirectionSelect } from './StatusTable';

const CONVERTERS: CustomConverter[] = ['string', 'number', 'date', 'enumeration'];

interface Props {
  rows: CustomFieldMapping[];
  /** Custom fields on the project's screen, from `GET /field` and the create metadata. */
  jiraFields: { id: string; name: string }[];
  problems: PathProblem[];
  onChange: (rows: CustomFieldMapping[]) => void;
}

export function CustomFieldTable({ rows, jiraFields, problems, onChange }: Props) {
  const t = useText();
  const fieldOption = (id: string) => {
    const known = jiraFields.find((f) => f.id === id);
    return { label: known ? `${known.name} (${id})` : `${id} — ${t('mapping.notOnScreen')}`, value: id };
  };
  const fieldOptions = (current: string) => [
    ...jiraFields.map((f) => fieldOption(f.id)),
    ...(current !== '' && !jiraFields.some((f) => f.id === current) ? [fieldOption(current)] : []),
  ];
  const update = (i: number, patch: Partial<CustomFieldMapping>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const converter = (c: CustomConverter) => ({ label: t(`converter.${c}`), value: c });
  return (
    <>
      <DynamicTable
        head={{
          cells: ['b24Field', 'direction', 'jiraField', 'converter', 'x'].map((k) => ({
            key: k,
            content: k === 'x' ? '' : t(`mapping.${k}`),
          })),
        }}
        emptyView={<Text>{t('mapping.noCustomFields')}</Text>}
        rows={rows.map((row, i) => ({
          key: `custom-${i}`,
          cells: [
            {
              key: 'b24Field',
              content: (
                <>
                  <Label labelFor={`b24Field-${i}`}>{t('mapping.b24Field')}</Label>
                  <Textfield
                    id={`b24Field-${i}`}
                    name={`b24Field-${i}`}
                    placeholder="UF_AUTO_123"
                    value={row.b24Field}
                    onChange={(e) => update(i, { b24Field: inputValue(e).trim().toUpperCase() })}
                  />
                </>
              ),
            },
            {
              key: 'direction',
              content: (
                <DirectionSelect
                  inputId={`custom-direction-${i}`}
                  value={row.direction}
                  onChange={(direction) => update(i, { direction })}
                />
              ),
            },
            {
              key: 'jiraField',
              content: (
                <>
                  <Label labelFor={`jiraField-${i}`}>{t('mapping.jiraField')}</Label>
                  <Select
                    inputId={`jiraField-${i}`}
                    placeholder={t('mapping.pickJiraField')}
                    options={fieldOptions(row.jiraField)}
                    value={row.jiraField === '' ? undefined : fieldOption(row.jiraField)}
                    onChange={(o: { value: string }) => update(i, { jiraField: o.value })}
                  />
                </>
              ),
            },
            {
              key: 'converter',
              content: (
                <>
                  <Label labelFor={`converter-${i}`}>{t('mapping.converter')}</Label>
                  <Select
                    inputId={`converter-${i}`}
                    options={CONVERTERS.map(converter)}
                    value={converter(row.converter)}
                    onChange={(o: { value: CustomConverter }) => update(i, { converter: o.value })}
                  />
                  <RowProblems problems={problems} prefix={`customFields.${i}`} />
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
        onClick={() => onChange([...rows, { b24Field: '', jiraField: '', converter: 'string', direction: 'both' }])}
      >
        {t('mapping.addCustomField')}
      </Button>
    </>
  );
}
