/**
 * Every problem the config rules produce carries a message code that both languages word, with every `{name}` of
 * the wording filled from the problem's parameters: a Russian page never falls back to the English sentence.
 */
import english from '../../src/frontend/i18n/en-US.json';
import russian from '../../src/frontend/i18n/ru-RU.json';
import { validateConfig, type ConfigProblem, type SyncConfig } from '../../src/core/config';
import { message } from '../../src/frontend/shared/words';
import { aConfig } from '../core/builders';

type Tree = { [key: string]: string | Tree };
const lookup =
  (tree: Tree) =>
  (key: string): string => {
    const found = key
      .split('.')
      .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
    return typeof found === 'string' ? found : key;
  };

/** One config per rule, each broken in one way. */
function brokenConfigs(): unknown[] {
  const base = aConfig();
  const status = (row: Partial<SyncConfig['statuses'][number]>) => ({
    b24Status: '2',
    jiraStatus: 'To Do',
    direction: 'both' as const,
    ...row,
  });
  return [
    { ...base, timeZone: 42 },
    aConfig({
      fields: [
        { field: 'colour' as never, direction: 'both' },
        { field: 'title', direction: 'both' },
        { field: 'title', direction: 'both' },
      ],
    }),
    aConfig({
      customFields: [
        { b24Field: 'budget', jiraField: 'cf', converter: 'money' as never, direction: 'both' },
        { b24Field: 'budget', jiraField: 'cf2', converter: 'string', direction: 'both' },
      ],
    }),
    aConfig({ conflicts: { default: 'latest-wins', perField: { UF_GONE: 'b24-wins' } } }),
    aConfig({
      statuses: [
        status({ b24Status: '9' }),
        status({ b24Status: '1', jiraStatus: 'New' }),
        status({ b24Status: '4', jiraStatus: 'Review' }),
        status({ b24Status: '7', jiraStatus: 'Declined' }),
        status({ b24Status: null, jiraStatus: 'QA', direction: 'both' }),
        status({ b24Status: '3', jiraStatus: 'To Do' }),
        status({ b24Status: '2', jiraStatus: 'Doing' }),
        status({ b24Status: '5', jiraStatus: 'Done', direction: 'b24-to-jira' }),
        status({ b24Status: '6', jiraStatus: 'Hold' }),
        status({ b24Status: '6', jiraStatus: 'Paused' }),
      ],
    }),
    aConfig({
      priorities: [
        { b24Priority: '2', jiraPriority: 'High', direction: 'both' },
        { b24Priority: '1', jiraPriority: 'High', direction: 'both' },
        { b24Priority: '1', jiraPriority: 'Medium', direction: 'both' },
      ],
    }),
    aConfig({
      users: {
        ...aConfig().users,
        overrides: [
          { b24UserId: '1', jiraAccountId: 'a' },
          { b24UserId: '1', jiraAccountId: 'a' },
        ],
      },
    }),
    aConfig({ timeZone: 'Mars/Olympus', endOfDayTime: '25:00' }),
  ];
}

const problems: ConfigProblem[] = brokenConfigs().flatMap((c) => {
  const result = validateConfig(c);
  return result.ok ? [] : result.problems;
});

describe('config problems in words', () => {
  it('cover every config code the languages word', () => {
    const worded = Object.keys((english as unknown as { errors: { config: Tree } }).errors.config);
    const produced = new Set(problems.map((p) => p.code?.split('.')[1]));
    expect(worded.filter((code) => !produced.has(code))).toEqual([]);
  });

  it.each([
    ['en-US', english as unknown as Tree],
    ['ru-RU', russian as unknown as Tree],
  ])('%s words every problem with every parameter filled', (_locale, tree) => {
    const t = lookup(tree);
    for (const p of problems) {
      expect({ path: p.path, code: p.code }).toEqual({ path: p.path, code: expect.stringMatching(/^config\./) });
      const worded = message(t, '<english fallback>', p.code, p.params);
      expect({ code: p.code, worded }).toEqual({
        code: p.code,
        worded: expect.not.stringMatching(/[{}]|<english fallback>/),
      });
    }
  });
});
