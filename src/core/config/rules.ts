/**
 * The meaning checks of validateConfig(): each rule returns sentences an administrator can act on. A rule exists
 * for every way a structurally valid config would silently lose, loop or misroute a change. The status table's
 * rules, the largest set, are status-rules.ts; the fields', priorities', people's and settings' are here.
 */
import { statusProblems } from './status-rules';
import { B24_USER_FIELD, flowsTo, STANDARD_FIELDS, type ConfigProblem, type SyncConfig } from './types';

const CONVERTERS = ['string', 'number', 'date', 'enumeration'];
const JIRA_CUSTOM = /^customfield_\d+$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

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
  return [...standardFieldProblems(config), ...customFieldProblems(config), ...conflictFieldProblems(config)];
}

function standardFieldProblems(config: SyncConfig): ConfigProblem[] {
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
  return out;
}

function customFieldProblems(config: SyncConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  config.customFields.forEach((c, i) => {
    const pair = `Custom field pair ${c.b24Field} ⇄ ${c.jiraField}`;
    const pairParams = { b24Field: c.b24Field, jiraField: c.jiraField };
    if (!B24_USER_FIELD.test(c.b24Field)) {
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
  return out;
}

/** A per-field conflict policy for a field no mapping defines would never apply: the administrator meant another. */
function conflictFieldProblems(config: SyncConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
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
