/**
 * The dry run's counters: what one entity adds to the record (a person or a status that will not map, its comments
 * and files), and the prediction of the run's calls once every page is counted. The page readers (dry-run-pages.ts)
 * decide which entity is counted how.
 */
import type { SyncConfig } from '../../core/config';
import { jiraStatusTarget, b24StatusTarget, readB24Status, readJiraStatus } from '../../core/mapping/status';
import { predictMigration } from '../../core/migration/cost';
import type { B24Task } from '../../core/remote/b24';
import type { JiraIssue } from '../../core/remote/jira';
import type { UserDirectory } from '../user-directory';
import type { DryRun } from './dry-run-store';

/** What counting an entity reads: the pairing's status mapping, and the people directory for the run. */
export interface Counting {
  config: SyncConfig;
  people: UserDirectory;
}

export function countFiles(run: DryRun, side: 'task' | 'issue', n: number): DryRun {
  if (n === 0) return run;
  const c = run.comments;
  return {
    ...run,
    comments: side === 'task' ? { ...c, taskFiles: c.taskFiles + n } : { ...c, issueFiles: c.issueFiles + n },
  };
}

export function countComments(run: DryRun, side: 'task' | 'issue', n: number): DryRun {
  if (n === 0) return run;
  const c = run.comments;
  return {
    ...run,
    comments:
      side === 'task'
        ? { ...c, tasksWithComments: c.tasksWithComments + 1, taskComments: c.taskComments + n }
        : { ...c, issueComments: c.issueComments + n },
  };
}

/** A task that will get a new issue: will its people and its status reach Jira? */
export async function taskToCreateFor(scan: Counting, run: DryRun, task: B24Task): Promise<DryRun> {
  let next = run;
  for (const id of new Set([task.responsibleId, task.createdBy].filter((p) => p !== '' && p !== '0'))) {
    next = await countPerson(next, `b24:${id}`, 'b24', async () => scan.people.jiraFor(id));
  }
  const status = readB24Status(task.status, task.userFields, scan.config.statuses);
  return jiraStatusTarget(status, scan.config.statuses) === null ? countStatus(next, 'b24', task.status) : next;
}

/** An issue that will get a new task: will its people and its status reach Bitrix24? */
export async function taskToMakeFor(scan: Counting, run: DryRun, issue: JiraIssue): Promise<DryRun> {
  let next = run;
  const people = [issue.fields.assignee, issue.fields.reporter].filter((p) => p !== null);
  for (const accountId of new Set(people.map((p) => p.accountId))) {
    next = await countPerson(next, `jira:${accountId}`, 'jira', async () => scan.people.b24For(accountId));
  }
  const status = readJiraStatus(issue.fields.status.name, scan.config.statuses);
  return b24StatusTarget(status, scan.config.statuses) === null
    ? countStatus(next, 'jira', issue.fields.status.name)
    : next;
}

/** Each person is looked up once per dry run (the directory caches what it learns for the run itself). */
async function countPerson(
  run: DryRun,
  key: string,
  side: 'b24' | 'jira',
  lookUp: () => Promise<{ matched: true; id: string } | { matched: false; name: string }>,
): Promise<DryRun> {
  const known = run.people[key];
  if (known) return { ...run, people: { ...run.people, [key]: { ...known, count: known.count + 1 } } };
  const found = await lookUp();
  const name = found.matched ? found.id : found.name;
  return { ...run, people: { ...run.people, [key]: { side, name, count: 1, matched: found.matched } } };
}

function countStatus(run: DryRun, side: 'b24' | 'jira', name: string): DryRun {
  const key = `${side}-status:${name}`;
  const count = (run.statuses[key]?.count ?? 0) + 1;
  return { ...run, statuses: { ...run.statuses, [key]: { side, name, count } } };
}

/** The run's calls follow from the counts (src/core/migration/cost.ts). */
export function finish(run: DryRun, now: number): DryRun {
  const scope = {
    tasks: run.tasks.total,
    issues: run.issues.total,
    issuesToCreate: run.tasks.total - run.tasks.linked - run.tasks.namedByIssueMarker - run.tasks.markedByXmlId,
    tasksToCreate: run.issues.total - run.issues.linked - run.issues.byMarker,
    pairedByMarker: run.issues.marked + run.tasks.markedByXmlId,
  };
  const predicted = predictMigration({
    tasks: scope.issuesToCreate,
    issues: scope.tasksToCreate,
    pairedTasks: scope.tasks - scope.issuesToCreate,
    pairedIssues: scope.issues - scope.tasksToCreate,
    ...run.comments,
    handedOver: scope.pairedByMarker,
    unmatchedPeople: {
      b24: Object.values(run.people).filter((p) => !p.matched && p.side === 'b24').length,
      jira: Object.values(run.people).filter((p) => !p.matched && p.side === 'jira').length,
    },
  });
  return {
    ...run,
    state: 'done',
    finishedAt: now,
    cursor: null,
    prediction: { scope, calls: predicted.calls, seconds: predicted.seconds },
  };
}
