/** The People tab: matched pairs, who is left unmatched on each side, the overrides and the fallback for them. */
import { DynamicTable, Heading, Lozenge, Stack, Text } from '@forge/react';
import type { PeopleReport } from '../../app/admin/people';
import type { Person } from '../../app/admin/people-directory';
import { Loaded } from '../shared/Problem';
import { PeopleOverrides } from './PeopleOverrides';
import { useText } from '../shared/text';
import { useCall } from '../shared/use-call';

export function PeopleTab() {
  const [state, reload] = useCall<PeopleReport>('getPeople');
  return (
    <Loaded state={state} reload={reload}>
      {(report) => <People report={report} reload={reload} />}
    </Loaded>
  );
}

const who = (p: Person) => (p.email ? `${p.name} <${p.email}>` : p.name);

function PersonList({ title, people }: { title: string; people: Person[] }) {
  return (
    <Stack space="space.050">
      <Heading size="small">{`${title} (${people.length})`}</Heading>
      {people.map((p) => (
        <Text key={p.id}>{who(p)}</Text>
      ))}
    </Stack>
  );
}

function People({ report, reload }: { report: PeopleReport; reload: () => void }) {
  const t = useText();
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('people.heading')}</Heading>
      <DynamicTable
        head={{
          cells: [
            { key: 'b24', content: t('common.bitrix24') },
            { key: 'jira', content: 'Jira' },
            { key: 'by', content: t('people.by') },
          ],
        }}
        rows={report.matched.map((m) => ({
          key: m.b24.id,
          cells: [
            { key: 'b24', content: <Text>{who(m.b24)}</Text> },
            { key: 'jira', content: <Text>{who(m.jira)}</Text> },
            {
              key: 'by',
              content: (
                <Lozenge appearance={m.by === 'override' ? 'moved' : 'success'}>
                  {m.by === 'override' ? t('people.override') : t('journal.byEmail')}
                </Lozenge>
              ),
            },
          ],
        }))}
      />
      <PersonList title={t('people.unmatchedB24')} people={report.unmatchedB24} />
      <PersonList title={t('people.unmatchedJira')} people={report.unmatchedJira} />
      <Text>{`${t('people.fallback')}: ${report.fallback.kind === 'leave-unchanged' ? t('people.leaveUnchanged') : `${report.fallback.b24UserId} / ${report.fallback.jiraAccountId}`}`}</Text>
      <PeopleOverrides report={report} onSaved={reload} />
    </Stack>
  );
}
