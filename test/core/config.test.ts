import { defaultConfig, validateConfig, type SyncConfig } from '../../src/core/config';
import { aConfig } from './builders';

function problemsOf(config: unknown): string[] {
  const result = validateConfig(config);
  return result.ok ? [] : result.problems.map((p) => p.message);
}

const withRows = (statuses: SyncConfig['statuses']): SyncConfig => aConfig({ statuses });

describe('defaultConfig', () => {
  it('is valid as shipped, with the tables of design §6', () => {
    const config = defaultConfig('DEMO', '1');
    expect(validateConfig(config)).toEqual({ ok: true, config });
    expect(config.statuses.map((r) => [r.b24Status, r.jiraStatus, r.direction])).toEqual([
      ['2', 'To Do', 'both'],
      ['3', 'In Progress', 'both'],
      ['4', 'In Review', 'b24-to-jira'],
      ['6', 'On Hold', 'both'],
      ['5', 'Done', 'both'],
      [null, 'QA Testing', 'jira-to-b24'],
    ]);
    expect(
      config.priorities.filter((r) => r.direction === 'jira-to-b24').map((r) => [r.jiraPriority, r.b24Priority]),
    ).toEqual([
      ['Highest', '2'],
      ['Lowest', '0'],
    ]);
    expect(config.fields.find((f) => f.field === 'reporter')?.direction).toBe('b24-to-jira');
    expect(config.conflicts.default).toBe('latest-wins');
    expect(config.users.unmatched).toBe('leave-unchanged');
  });

  it('takes overrides such as the portal time zone', () => {
    expect(defaultConfig('DEMO', '1', { timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
  });
});

describe('validateConfig', () => {
  it('refuses a structurally wrong config with the path in the sentence', () => {
    const problems = problemsOf({ ...aConfig(), projectKey: 'demo', attachmentMaxBytes: -1 });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^projectKey must be a Jira project key/),
        expect.stringMatching(/^attachmentMaxBytes/),
      ]),
    );
  });

  it('refuses something that is not a config at all', () => {
    expect(validateConfig('nope').ok).toBe(false);
  });

  it('names a field the sync does not know', () => {
    const config = aConfig({ fields: [...aConfig().fields, { field: 'storyPoints' as 'title', direction: 'both' }] });
    expect(problemsOf(config)).toEqual([
      'Field "storyPoints" is not a field the sync knows; use one of title, description, assignee, reporter, dueDate, priority, status.',
    ]);
  });

  it('names a field mapped twice', () => {
    const config = aConfig({ fields: [...aConfig().fields, { field: 'title', direction: 'b24-to-jira' }] });
    expect(problemsOf(config)).toEqual(['Field "title" is mapped more than once; keep one row per field.']);
  });

  it('names a custom field pair with a bad converter', () => {
    const config = aConfig({
      customFields: [
        { b24Field: 'UF_AUTO_1', jiraField: 'customfield_10042', converter: 'boolean' as 'string', direction: 'both' },
      ],
    });
    expect(problemsOf(config)).toEqual([
      'Custom field pair UF_AUTO_1 ⇄ customfield_10042 has converter "boolean", which is not one of string, number, date, enumeration.',
    ]);
  });

  it('names custom field ids that are not field ids on either side', () => {
    const config = aConfig({
      customFields: [{ b24Field: 'ufAuto1', jiraField: 'Story points', converter: 'number', direction: 'both' }],
    });
    expect(problemsOf(config)).toEqual([
      'Custom field pair ufAuto1 ⇄ Story points: "ufAuto1" is not a Bitrix24 user field name such as UF_AUTO_123.',
      'Custom field pair ufAuto1 ⇄ Story points: "Story points" is not a Jira custom field id such as customfield_10042.',
    ]);
  });

  it('names a conflict policy for an unknown field', () => {
    const config = aConfig({ conflicts: { default: 'latest-wins', perField: { labels: 'jira-wins' } } });
    expect(problemsOf(config)).toEqual(['The conflict policy names field "labels", which no mapping defines.']);
  });

  it('names two B24 statuses mapped ↔ to the same Jira status', () => {
    const config = withRows([
      { b24Status: '2', jiraStatus: 'To Do', direction: 'both' },
      { b24Status: '6', jiraStatus: 'to do', direction: 'both' },
      { b24Status: '5', jiraStatus: 'Done', direction: 'both' },
    ]);
    expect(problemsOf(config)).toEqual([
      'Bitrix24 statuses 2 and 6 are both mapped ↔ to Jira status "to do", so a move to "to do" in Jira has two possible Bitrix24 statuses.',
    ]);
  });

  it('allows several B24 statuses onto one Jira status when only one comes back', () => {
    const config = withRows([
      { b24Status: '2', jiraStatus: 'To Do', direction: 'both' },
      { b24Status: '6', jiraStatus: 'To Do', direction: 'b24-to-jira' },
    ]);
    expect(problemsOf(config)).toEqual([]);
  });

  it('names one B24 status mapped to two Jira statuses', () => {
    const config = withRows([
      { b24Status: '3', jiraStatus: 'In Progress', direction: 'both' },
      { b24Status: '3', jiraStatus: 'Doing', direction: 'b24-to-jira' },
      { b24Status: '2', jiraStatus: 'Doing', direction: 'jira-to-b24' },
    ]);
    expect(problemsOf(config)).toEqual([
      'Jira statuses "In Progress" and "Doing" are both mapped from Bitrix24 status 3, so a move to 3 in Bitrix24 has two possible Jira statuses.',
    ]);
  });

  it('names a Jira status that no row maps back to Bitrix24 (unreachable)', () => {
    const config = withRows([
      { b24Status: '2', jiraStatus: 'To Do', direction: 'both' },
      { b24Status: '6', jiraStatus: 'On Hold', direction: 'b24-to-jira' },
    ]);
    expect(problemsOf(config)).toEqual([
      'Jira status "On Hold" is unreachable from Jira: no row maps it to Bitrix24, so moving an issue to it would never move the task; make the row ↔ or add a Jira → Bitrix24 row.',
    ]);
  });

  it('names a row that would make the sync set awaiting control, which only B24 itself can', () => {
    const config = withRows([{ b24Status: '4', jiraStatus: 'In Review', direction: 'both' }]);
    expect(problemsOf(config)).toEqual([
      'Bitrix24 status 4 cannot be reached from Jira (awaiting control is reached only when an assignee completes a task under TASK_CONTROL); make the row "In Review" Bitrix24 → Jira.',
    ]);
  });

  it('names a B24 status code that does not exist', () => {
    expect(problemsOf(withRows([{ b24Status: '9', jiraStatus: 'X', direction: 'both' }]))).toEqual([
      'Bitrix24 status "9" does not exist; use 2 pending, 3 in progress, 4 awaiting control, 5 completed or 6 deferred.',
    ]);
  });

  it('names a Jira-only status that points the wrong way or has nowhere to be written', () => {
    const config = withRows([{ b24Status: null, jiraStatus: 'QA Testing', direction: 'both' }]);
    expect(problemsOf(config)).toEqual([
      'Jira status "QA Testing" has no Bitrix24 status, so it cannot be reached from Bitrix24; set its direction to Jira → Bitrix24.',
      'Jira-only status "QA Testing" needs a Bitrix24 user field (such as UF_JIRA_STATUS) to be written to.',
      'Jira-only status "QA Testing" needs the Bitrix24 status the task keeps meanwhile (2, 3 or 6).',
    ]);
  });

  it('names a Jira priority mapped to two B24 priorities', () => {
    const config = aConfig({
      priorities: [
        { b24Priority: '2', jiraPriority: 'High', direction: 'both' },
        { b24Priority: '1', jiraPriority: 'high', direction: 'jira-to-b24' },
      ],
    });
    expect(problemsOf(config)).toEqual(['Jira priority "high" is mapped to both Bitrix24 priorities 2 and 1.']);
  });

  it('names a B24 priority mapped to two Jira priorities', () => {
    const config = aConfig({
      priorities: [
        { b24Priority: '2', jiraPriority: 'High', direction: 'both' },
        { b24Priority: '2', jiraPriority: 'Highest', direction: 'both' },
      ],
    });
    expect(problemsOf(config)).toEqual([
      'Bitrix24 priority 2 is mapped to both Jira priorities "High" and "Highest"; keep one ↔ row and make the others Jira → Bitrix24.',
    ]);
  });

  it('names a user mapped twice on either side', () => {
    const config = aConfig({
      users: {
        overrides: [
          { b24UserId: '1', jiraAccountId: 'acc-1' },
          { b24UserId: '1', jiraAccountId: 'acc-2' },
          { b24UserId: '3', jiraAccountId: 'acc-2' },
        ],
        unmatched: 'leave-unchanged',
      },
    });
    expect(problemsOf(config)).toEqual([
      'Bitrix24 user 1 is mapped twice; a person can have only one Jira account.',
      'Jira account acc-2 is mapped twice; a person can have only one Bitrix24 user.',
    ]);
  });

  it('names an invalid time zone and an invalid end-of-day time', () => {
    expect(problemsOf(aConfig({ timeZone: 'Mars/Olympus', endOfDayTime: '24:00' }))).toEqual([
      '"Mars/Olympus" is not an IANA time zone such as Europe/Berlin.',
      'End-of-day time "24:00" is not a time of day written HH:MM, such as 18:00.',
    ]);
  });

  it('returns every problem at once, each with its path', () => {
    const result = validateConfig(aConfig({ timeZone: 'Nowhere', endOfDayTime: '7pm' }));
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['timeZone', 'endOfDayTime']);
  });

  it('survives a JSON round trip, as stored in KVS', () => {
    const config = aConfig({
      users: { overrides: [], unmatched: { defaultB24UserId: '1', defaultJiraAccountId: 'acc-ada' } },
    });
    expect(validateConfig(JSON.parse(JSON.stringify(config)))).toEqual({ ok: true, config });
  });
});
