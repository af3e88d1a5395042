/**
 * The status table's meaning checks (part of validateConfig()): each row names a status that exists and can be
 * reached the way it flows, a Jira-only row says where it is written and what the task keeps meanwhile, no source
 * status maps to two targets, and no Jira status the sync moves issues into goes unread.
 */
import { B24_USER_FIELD, flowsTo, type ConfigProblem, type Direction, type StatusRow } from './types';

const B24_STATUSES = ['1', '2', '3', '4', '5', '6', '7'];
/** Statuses no action method can put a task in on demand: 4 needs an assignee's complete under TASK_CONTROL. */
const B24_NOT_SETTABLE: Record<string, string> = {
  '1': 'new (legacy) cannot be set through the action methods',
  '4': 'awaiting control is reached only when an assignee completes a task under TASK_CONTROL',
  '7': 'declined (legacy) cannot be set through the action methods',
};

const arrow = (d: Direction): string =>
  d === 'both' ? '↔' : d === 'b24-to-jira' ? 'Bitrix24 → Jira' : 'Jira → Bitrix24';
const lower = (s: string): string => s.trim().toLowerCase();

export function statusProblems(rows: StatusRow[]): ConfigProblem[] {
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
  if (row.b24Field === undefined || !B24_USER_FIELD.test(row.b24Field)) {
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
