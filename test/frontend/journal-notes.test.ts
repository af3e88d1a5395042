/**
 * Every journal code the app can write (NOTE_PARAMS) is worded in both languages from its own parameters only, and a
 * Russian reader of any of them meets no English word but the data; counts take the Russian plural forms.
 */
import { NOTE_PARAMS, type NoteCode } from '../../src/app/store/journal-notes';
import { fill, journalText } from '../../src/frontend/shared/words';
import { englishWords, translator } from '../support/russian';

const en = translator('en-US');
const ru = translator('ru-RU');
const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)(?:[:,][^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}/g)].map((m) => m[1] ?? '');

/** Sample values: data in Latin letters the English check is told about, and, for a parameter that is a word, each word. */
const SIDES = ['b24', 'jira'];
const WORDS: Partial<Record<NoteCode, Record<string, string[]>>> = {
  conflict: {
    winner: SIDES,
    policy: ['latest-wins', 'b24-wins', 'jira-wins'],
    field: ['title', 'assignee', 'UF_CRM_BUDGET'],
  },
  skipped: { to: SIDES, field: ['title', 'status', 'dueDate', 'UF_CRM_BUDGET'] },
  titleShortened: { to: SIDES, limit: ['1', '255'] },
  controlsRemoved: { to: SIDES, field: ['title', 'description'] },
  bidiRemoved: { to: SIDES, field: ['title', 'description'] },
  refusedByJira: { canonical: ['title', 'assignee'] },
  refusedBy: { side: SIDES },
  'comment.restricted': { kind: ['role', 'group'] },
  'migration.page': { side: SIDES },
  'status.awaitsCreator': { target: ['2', '5'] },
};
const SKIPS = [
  'emptyInB24',
  'noAccount',
  'noMapping',
  'notInList',
  'noStatusRow',
  'noPriorityRow',
  'outOfB24Range',
  'invisibleTitle',
];
const FAILURES = ['b24.network', 'b24.rejected', 'jira.rate-limited', 'jira.rejected', 'jobFailed'];
const dataValue = (name: string): string => `Data${name}`;
const numeric = new Set([
  'limit',
  'hops',
  'attempts',
  'size',
  'cap',
  'page',
  'listed',
  'toPair',
  'paired',
  'id',
  'task',
  'status',
  'comment',
  'group',
]);

function samples(code: NoteCode): Record<string, string>[] {
  const base = Object.fromEntries(NOTE_PARAMS[code].map((p) => [p, numeric.has(p) ? '21' : dataValue(p)]));
  const variants: Record<string, string>[] = [base];
  for (const [name, values] of Object.entries(WORDS[code] ?? {}))
    for (const v of values) variants.push({ ...base, [name]: v });
  if (code === 'skipped')
    return SKIPS.flatMap((why) =>
      variants.map((v) => ({
        ...v,
        why,
        name: 'DataName',
        value: 'DataValue',
        status: 'DataStatus',
        priority: 'DataPriority',
        date: '0001-01-01',
        min: '1000-01-01',
        max: '9999-12-31',
      })),
    );
  if (code === 'failed' || code === 'gaveUp') return FAILURES.map((reason) => ({ ...base, reason, code: 'DataCode' }));
  return variants;
}

describe('journal notes in words', () => {
  it.each(Object.keys(NOTE_PARAMS) as NoteCode[])('%s is worded in both languages from its own parameters', (code) => {
    for (const t of [en, ru]) {
      const template = t(`notes.${code}`);
      expect({ code, template }).not.toEqual({ code, template: `notes.${code}` });
      const open = code === 'skipped' || code === 'failed' || code === 'gaveUp';
      if (!open)
        expect({
          code,
          unknown: placeholders(template).filter((p) => !(NOTE_PARAMS[code] as readonly string[]).includes(p)),
        }).toEqual({ code, unknown: [] });
    }
  });

  it.each(Object.keys(NOTE_PARAMS) as NoteCode[])(
    '%s reads in Russian with no English word and no placeholder left',
    (code) => {
      for (const params of samples(code)) {
        const text = fill(ru, ru(`notes.${code}`), params);
        expect({
          code,
          params,
          text,
          english: englishWords(
            text,
            Object.values(params).filter((v) => v.startsWith('Data')),
          ),
          left: /[{}]/.test(text),
        }).toEqual({ code, params, text, english: [], left: false });
      }
    },
  );

  it('words an entry by its notes, and an entry written before notes by its stored message', () => {
    const entry = {
      message: 'Conflict on title: changed on both sides; Jira wins (latest-wins).',
      notes: [
        {
          code: 'conflict',
          params: { field: 'title', winner: 'jira', policy: 'latest-wins' },
          message: 'Conflict on title: changed on both sides; Jira wins (latest-wins).',
        },
      ],
    };
    expect(journalText(en, entry)).toBe(entry.message);
    expect(journalText(ru, entry)).toBe(
      'Конфликт в поле «Название»: изменено в обеих системах; победил Jira (правило: более позднее изменение).',
    );
    expect(journalText(ru, { message: 'Status In Review is unreachable' })).toBe('Status In Review is unreachable');
    expect(
      journalText(ru, { ...entry, notes: [{ code: 'from.a.newer.version', params: {}, message: 'Something new.' }] }),
    ).toBe('Something new.');
  });

  it.each([
    [1, 'после 1 перехода'],
    [2, 'после 2 переходов'],
    [5, 'после 5 переходов'],
    [21, 'после 21 перехода'],
  ])('counts %i hops in the Russian plural form: %s', (hops, words) => {
    expect(fill(ru, ru('notes.status.hopBudget'), { target: 'Done', hops: String(hops), current: 'To Do' })).toContain(
      words,
    );
  });

  it.each([
    [1, '1 задача синхронизации завершилась', 'последний 1 день'],
    [3, '3 задачи синхронизации завершились', 'последние 3 дня'],
    [7, '7 задач синхронизации завершились', 'последние 7 дней'],
    [21, '21 задача синхронизации завершилась', 'последний 21 день'],
  ])('counts %i gave-up jobs in the Russian plural form', (count, jobs, days) => {
    const text = fill(ru, ru('health.jobsGaveUp'), { count: String(count), days: String(count), projects: 'DEMO' });
    expect(text).toContain(jobs);
    expect(text).toContain(days);
  });

  it('counts one job in the English singular', () => {
    expect(fill(en, en('health.jobsGaveUp'), { count: '1', days: '7', projects: 'DEMO' })).toBe(
      '1 sync job gave up in the last 7 days (DEMO).',
    );
  });
});
