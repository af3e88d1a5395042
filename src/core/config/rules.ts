/**
 * The meaning checks of validateConfig(): each rule returns sentences an administrator can act on. A rule exists
 * for every way a structurally valid config would silently lose, loop or misroute a change.
 */
import { flowsTo, STANDARD_FIELDS, type ConfigProblem, type Direction, type StatusRow, type SyncConfig } from './types';

const CONVERTERS = ['string', 'number', 'date', 'enumeration'];
const B24_STATUSES = ['1', '2', '3', '4', '5', '6', '7'];
/** Statuses no action method can put a task in on demand: 4 needs an assignee's complete under TASK_CONTROL. */
const B24_NOT_SETTABLE: Record<string, string> = {
  '1': 'new (legacy) cannot be set through the action methods',
  '4': 'awaiting control is reached only when an assignee completes a task under TASK_CONTROL',
  '7': 'declined (legacy) cannot be set through the action methods',
};
const UF_NAME = /^UF_[A-Z0-9_]+$/;
const JIRA_CUSTOM = /^customfield_\d+$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const arrow = (d: Direction): string =>
  d === 'both' ? '↔' : d === 'b24-to-jira' ? 'Bitrix24 → Jira' : 'Jira → Bitrix24';
const lower = (s: string): string => s.trim().toLowerCase();

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function semanticProblems(config: SyncConfig): ConfigProblem[] {
  return [
    ...fieldProblems(config),
    ...statusProblems(config.statuses),
    ...priorityProblems(config),
    ...userProblems(config),
    ...settingProblems(config),
  ];
}

function fieldProblems(config: SyncConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  config.fields.forEach((f, i) => {
    const path = `fields.${i}.field`;
    if (!(STANDARD_FIELDS as readonly string[]).includes(f.field)) {
      out.push({
        path,
        message: `Field "${f.field}" is not a field the sync knows; use one of ${STANDARD_FIELDS.join(', ')}.`,
        code: 'config.fieldUnknown',
        params: { field: f.field, known: STANDARD_FIELDS.join(', ') },
      });
    } else if (seen.has(f.field)) {
      out.push({
        path,
        message: `Field "${f.field}" is mapped more than once; keep one row per field.`,
        code: 'config.fieldTwice',
        params: { field: f.field },
      });
    }
    seen.add(f.field);
  });
  config.customFields.forEach((c, i) => {
    const pair = `Custom field pair ${c.b24Field} ⇄ ${c.jiraField}`;
    const pairParams = { b24Field: c.b24Field, jiraField: c.jiraField };
    if (!UF_NAME.test(c.b24Field)) {
      out.push({
        path: `customFields.${i}.b24Field`,
        message: `${pair}: "${c.b24Field}" is not a Bitrix24 user field name such as UF_AUTO_123.`,
        code: 'config.customB24Field',
        params: pairParams,
      });
    }
    if (!JIRA_CUSTOM.test(c.jiraField)) {
      out.push({
        path: `customFields.${i}.jiraField`,
        message: `${pair}: "${c.jiraField}" is not a Jira custom field id such as customfield_10042.`,
        code: 'config.customJiraField',
        params: pairParams,
      });
    }
    if (!CONVERTERS.includes(c.converter)) {
      out.push({
        path: `customFields.${i}.converter`,
        message: `${pair} has converter "${c.converter}", which is not one of ${CONVERTERS.join(', ')}.`,
        code: 'config.customConverter',
        params: { ...pairParams, converter: c.converter },
      });
    }
    if (config.customFields.findIndex((o) => o.b24Field === c.b24Field || o.jiraField === c.jiraField) < i) {
      out.push({
        path: `customFields.${i}`,
        message: `${pair} repeats a field another pair already maps.`,
        code: 'config.customTwice',
        params: pairParams,
      });
    }
  });
  const known = new Set<string>([...STANDARD_FIELDS, ...config.customFields.map((c) => c.b24Field)]);
  for (const name of Object.keys(config.conflicts.perField)) {
    if (!known.has(name)) {
      out.push({
        path: `conflicts.perField.${name}`,
        message: `The conflict policy names field "${name}", which no mapping defines.`,
        code: 'config.conflictField',
        params: { field: name },
      });
    }
  }
  return out;
}

function statusProblems(rows: StatusRow[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  rows.forEach((row, i) => {
    const path = `statuses.${i}`;
    if (row.b24Status === null) {
      out.push(...jiraOnlyRowProblems(row, path));
      return;
    }
    if (!B24_STATUSES.includes(row.b24Status)) {
      out.push({
        path: `${path}.b24Status`,
        message: `Bitrix24 status "${row.b24Status}" does not exist; use 2 pending, 3 in progress, 4 awaiting control, 5 completed or 6 deferred.`,
        code: 'config.b24StatusUnknown',
        params: { status: row.b24Status },
      });
      return;
    }
    const why = B24_NOT_SETTABLE[row.b24Status];
    if (why !== undefined && flowsTo(row.direction, 'b24')) {
      out.push({
        path: `${path}.direction`,
        message: `Bitrix24 status ${row.b24Status} cannot be reached from Jira (${why}); make the row "${row.jiraStatus}" Bitrix24 → Jira.`,
        code: `config.statusNotSettable.${row.b24Status}`,
        params: { status: row.b24Status, jiraStatus: row.jiraStatus },
      });
    }
  });
  out.push(...ambiguity(rows, 'b24'), ...ambiguity(rows, 'jira'), ...unreachableJiraStatuses(rows));
  return out;
}

function jiraOnlyRowProblems(row: StatusRow, path: string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (row.direction !== 'jira-to-b24') {
    out.push({
      path: `${path}.direction`,
      message: `Jira status "${row.jiraStatus}" has no Bitrix24 status, so it cannot be reached from Bitrix24; set its direction to Jira → Bitrix24.`,
      code: 'config.jiraOnlyDirection',
      params: { jiraStatus: row.jiraStatus },
    });
  }
  if (row.b24Field === undefined || !UF_NAME.test(row.b24Field)) {
    out.push({
      path: `${path}.b24Field`,
      message: `Jira-only status "${row.jiraStatus}" needs a Bitrix24 user field (such as UF_JIRA_STATUS) to be written to.`,
      code: 'config.jiraOnlyField',
      params: { jiraStatus: row.jiraStatus },
    });
  }
  if (row.holdB24Status === undefined || !['2', '3', '6'].includes(row.holdB24Status)) {
    out.push({
      path: `${path}.holdB24Status`,
      message: `Jira-only status "${row.jiraStatus}" needs the Bitrix24 status the task keeps meanwhile (2, 3 or 6).`,
      code: 'config.jiraOnlyHold',
      params: { jiraStatus: row.jiraStatus },
    });
  }
  return out;
}

/** Two rows that write different values for the same source value: the sync could not choose. */
function ambiguity(rows: StatusRow[], to: 'b24' | 'jira'): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const targets = new Map<string, string>();
  rows.forEach((row, i) => {
    if (row.b24Status === null || !flowsTo(row.direction, to)) return;
    const source = to === 'b24' ? lower(row.jiraStatus) : row.b24Status;
    const target = to === 'b24' ? row.b24Status : row.jiraStatus;
    const previous = targets.get(source);
    if (previous !== undefined && lower(previous) !== lower(target)) {
      out.push({
        path: `statuses.${i}`,
        message:
          to === 'b24'
            ? `Bitrix24 statuses ${previous} and ${target} are both mapped ${arrow(row.direction)} to Jira status "${row.jiraStatus}", so a move to "${row.jiraStatus}" in Jira has two possible Bitrix24 statuses.`
            : `Jira statuses "${previous}" and "${target}" are both mapped from Bitrix24 status ${row.b24Status}, so a move to ${row.b24Status} in Bitrix24 has two possible Jira statuses.`,
        code: to === 'b24' ? 'config.statusTwoB24' : 'config.statusTwoJira',
        params: {
          previous,
          target,
          direction: arrow(row.direction),
          jiraStatus: row.jiraStatus,
          status: row.b24Status,
        },
      });
    }
    targets.set(source, target);
  });
  return out;
}

/**
 * A Jira status the sync moves issues into but never reads back: a person who moves an issue there changes
 * nothing in Bitrix24, silently. Status 4 is exempt: only Bitrix24's own control step can enter it.
 */
function unreachableJiraStatuses(rows: StatusRow[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  rows.forEach((row, i) => {
    if (row.b24Status === null || row.b24Status === '4' || row.direction !== 'b24-to-jira') return;
    const back = rows.some((r) => lower(r.jiraStatus) === lower(row.jiraStatus) && flowsTo(r.direction, 'b24'));
    if (!back) {
      out.push({
        path: `statuses.${i}.direction`,
        message: `Jira status "${row.jiraStatus}" is unreachable from Jira: no row maps it to Bitrix24, so moving an issue to it would never move the task; make the row ↔ or add a Jira → Bitrix24 row.`,
        code: 'config.jiraStatusUnreachable',
        params: { jiraStatus: row.jiraStatus },
      });
    }
  });
  return out;
}

function priorityProblems(config: SyncConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const toB24 = new Map<string, string>();
  const toJira = new Map<string, string>();
  config.priorities.forEach((row, i) => {
    const name = lower(row.jiraPriority);
    const b24 = flowsTo(row.direction, 'b24') ? toB24.get(name) : undefined;
    if (b24 !== undefined && b24 !== row.b24Priority) {
      out.push({
        path: `priorities.${i}`,
        message: `Jira priority "${row.jiraPriority}" is mapped to both Bitrix24 priorities ${b24} and ${row.b24Priority}.`,
        code: 'config.priorityTwoB24',
        params: { jiraPriority: row.jiraPriority, first: b24, second: row.b24Priority },
      });
    }
    const jira = flowsTo(row.direction, 'jira') ? toJira.get(row.b24Priority) : undefined;
    if (jira !== undefined && lower(jira) !== name) {
      out.push({
        path: `priorities.${i}`,
        message: `Bitrix24 priority ${row.b24Priority} is mapped to both Jira priorities "${jira}" and "${row.jiraPriority}"; keep one ↔ row and make the others Jira → Bitrix24.`,
        code: 'config.priorityTwoJira',
        params: { b24Priority: row.b24Priority, first: jira, second: row.jiraPriority },
      });
    }
    if (flowsTo(row.direction, 'b24')) toB24.set(name, row.b24Priority);
    if (flowsTo(row.direction, 'jira')) toJira.set(row.b24Priority, row.jiraPriority);
  });
  return out;
}

function userProblems(config: SyncConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  config.users.overrides.forEach((o, i) => {
    const earlier = config.users.overrides.slice(0, i);
    if (earlier.some((e) => e.b24UserId === o.b24UserId)) {
      out.push({
        path: `users.overrides.${i}`,
        message: `Bitrix24 user ${o.b24UserId} is mapped twice; a person can have only one Jira account.`,
        code: 'config.b24UserTwice',
        params: { user: o.b24UserId },
      });
    }
    if (earlier.some((e) => e.jiraAccountId === o.jiraAccountId)) {
      out.push({
        path: `users.overrides.${i}`,
        message: `Jira account ${o.jiraAccountId} is mapped twice; a person can have only one Bitrix24 user.`,
        code: 'config.jiraUserTwice',
        params: { user: o.jiraAccountId },
      });
    }
  });
  return out;
}

function settingProblems(config: SyncConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!isValidTimeZone(config.timeZone)) {
    out.push({
      path: 'timeZone',
      message: `"${config.timeZone}" is not an IANA time zone such as Europe/Berlin.`,
      code: 'config.timeZone',
      params: { value: config.timeZone },
    });
  }
  if (!TIME.test(config.endOfDayTime)) {
    out.push({
      path: 'endOfDayTime',
      message: `End-of-day time "${config.endOfDayTime}" is not a time of day written HH:MM, such as 18:00.`,
      code: 'config.endOfDay',
      params: { value: config.endOfDayTime },
    });
  }
  return out;
}
