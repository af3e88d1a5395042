/**
 * The People tab's editable part: manual overrides (a Bitrix24 user from the portal's list, a Jira user from the
 * UI Kit UserPicker) and the fallback for people nobody matched. Saved together through savePeople, which checks
 * them with validateConfig() like the Mapping tab.
 */
import { useState } from 'react';
import { Button, DynamicTable, Heading, Label, Select, Stack, Text, UserPicker } from '@forge/react';
import type { PeopleFallback, PeopleOverride, PeopleReport } from '../../app/admin/people';
import type { Person } from '../../app/admin/people-directory';
import { ProblemMessages, RowProblems, unclaimed } from '../shared/problems';
import { useText } from '../shared/text';
import { message as word } from '../shared/words';
import { call, type PathProblem } from '../shared/use-call';

type Draft = { b24UserId: string; jiraAccountId: string };
const EMPTY: Draft = { b24UserId: '', jiraAccountId: '' };

/** UI Kit's Select takes no aria-label: its input is named by a Label pointing at `inputId`. */
function B24UserSelect({
  people,
  value,
  label,
  placeholder,
  inputId,
  onChange,
}: {
  people: Person[];
  value: string;
  label: string;
  placeholder: string;
  inputId: string;
  onChange: (id: string) => void;
}) {
  const option = (p: Person) => ({ label: p.email ? `${p.name} <${p.email}>` : p.name, value: p.id });
  const chosen = people.find((p) => p.id === value);
  return (
    <Stack space="space.050">
      <Label labelFor={inputId}>{label}</Label>
      <Select
        inputId={inputId}
        placeholder={placeholder}
        options={people.map(option)}
        value={chosen ? option(chosen) : null}
        onChange={(o: { value: string }) => onChange(o.value)}
      />
    </Stack>
  );
}

function PairEditor({
  people,
  draft,
  onChange,
  names,
}: {
  people: Person[];
  draft: Draft;
  onChange: (d: Draft) => void;
  names: string;
}) {
  const t = useText();
  return (
    <Stack space="space.050">
      <B24UserSelect
        people={people}
        label={t('people.b24User')}
        placeholder={t('people.pickB24')}
        inputId={`${names}-b24`}
        value={draft.b24UserId}
        onChange={(b24UserId) => onChange({ ...draft, b24UserId })}
      />
      {/* UserPicker keeps its own selection (defaultValue is read once): a new key shows a cleared or changed draft. */}
      <UserPicker
        key={`${names}-${draft.jiraAccountId || 'none'}`}
        label={t('people.jiraUser')}
        name={`${names}-jira`}
        placeholder={t('people.pickJira')}
        {...(draft.jiraAccountId ? { defaultValue: draft.jiraAccountId } : {})}
        onChange={(user) => onChange({ ...draft, jiraAccountId: user.id })}
      />
    </Stack>
  );
}

export function PeopleOverrides({ report, onSaved }: { report: PeopleReport; onSaved: () => void }) {
  const t = useText();
  const b24People = [
    ...new Map([...report.matched.map((m) => m.b24), ...report.unmatchedB24].map((p) => [p.id, p])).values(),
  ];
  const jiraName = new Map(report.matched.map((m) => [m.jira.id, m.jira.name]));
  const b24Name = new Map(b24People.map((p) => [p.id, p.name]));
  const [overrides, setOverrides] = useState<PeopleOverride[]>(report.overrides);
  const [fallback, setFallback] = useState<PeopleFallback>(report.fallback);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<PathProblem[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const add = () => {
    if (!draft.b24UserId || !draft.jiraAccountId) return setResult(t('people.incomplete'));
    setOverrides([...overrides, draft]);
    setDraft(EMPTY);
    setResult(null);
  };
  const save = async () => {
    const reply = await call<{ ok: true }>('savePeople', { overrides, fallback });
    setProblems(reply.ok ? [] : reply.problems);
    setResult(reply.ok ? t('common.saved') : word(t, reply.message, reply.code, reply.params));
    if (reply.ok) onSaved();
  };
  const fallbackOption = (kind: PeopleFallback['kind']) => ({
    label: t(kind === 'leave-unchanged' ? 'people.leaveUnchanged' : 'people.defaultUsers'),
    value: kind,
  });
  const defaults: Draft = fallback.kind === 'default-user' ? fallback : EMPTY;
  return (
    <Stack space="space.150">
      <Heading size="small">{t('people.overrides')}</Heading>
      <DynamicTable
        head={{
          cells: [
            { key: 'b24', content: t('people.b24User') },
            { key: 'jira', content: t('people.jiraUser') },
            { key: 'x', content: '' },
          ],
        }}
        emptyView={<Text>{t('people.noOverrides')}</Text>}
        rows={overrides.map((o, i) => ({
          key: `override-${o.b24UserId}`,
          cells: [
            { key: 'b24', content: <Text>{b24Name.get(o.b24UserId) ?? `#${o.b24UserId}`}</Text> },
            {
              key: 'jira',
              content: (
                <>
                  <Text>{jiraName.get(o.jiraAccountId) ?? o.jiraAccountId}</Text>
                  <RowProblems problems={problems} prefix={`overrides.${i}`} />
                  <RowProblems problems={problems} prefix={`users.overrides.${i}`} />
                </>
              ),
            },
            {
              key: 'x',
              content: (
                <Button appearance="subtle" onClick={() => setOverrides(overrides.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </Button>
              ),
            },
          ],
        }))}
      />
      <PairEditor people={b24People} draft={draft} names="override" onChange={setDraft} />
      <Button onClick={add}>{t('people.addOverride')}</Button>
      <Label labelFor="fallback">{t('people.fallback')}</Label>
      <Select
        inputId="fallback"
        options={(['leave-unchanged', 'default-user'] as const).map(fallbackOption)}
        value={fallbackOption(fallback.kind)}
        onChange={(o: { value: PeopleFallback['kind'] }) =>
          setFallback(
            o.value === 'leave-unchanged' ? { kind: 'leave-unchanged' } : { kind: 'default-user', ...defaults },
          )
        }
      />
      {fallback.kind === 'default-user' ? (
        <PairEditor
          people={b24People}
          draft={defaults}
          names="fallback"
          onChange={(d) => setFallback({ kind: 'default-user', ...d })}
        />
      ) : null}
      <ProblemMessages problems={unclaimed(problems, ['overrides', 'users.overrides'])} />
      {result ? <Text>{result}</Text> : null}
      <Button appearance="primary" onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}
