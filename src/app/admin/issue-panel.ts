/**
 * The issue panel: the linked task as Bitrix24 has it now, when the pair last synced and how, and the actions a
 * developer may take on one issue (sync now, link, unlink, create in Bitrix24).
 */
import { toJobBody, type SyncJob } from '../sync-jobs';
import type { AppDeps } from '../deps';
import { type JournalEntry } from '../store/journal';
import { type PairLink } from '../store/links';
import { AdminError, b24Failure, worded, type Worded } from './admin-errors';
import { linkedByPerson, unlinkPair } from './person-pairing';
import { storesOf } from '../store/stores';

export interface IssueRef {
  issueId: string;
  issueKey: string;
  projectKey: string;
}

export interface LinkedTaskView {
  linked: boolean;
  /** Whether the issue's project is paired with a workgroup (Create in Bitrix24 is offered only then). */
  projectPaired: boolean;
  link?: PairLink;
  task?: { id: string; title: string; status: string; responsible?: string; deadline?: string | null; url?: string };
  taskProblem?: string;
  /** `taskProblem` with its message code, for the panel to word. */
  taskProblemCode?: { code: string; params: Record<string, string> };
  lastSync?: { at: number; outcome: JournalEntry['outcome']; message?: string };
  recent: JournalEntry[];
  /** Whether the caller may edit the issue (the resolver adds it); the panel hides the actions otherwise. */
  canEdit?: boolean;
}

const RECENT = 5;
/** Journal pages scanned for this issue's entries: the panel must answer quickly on busy projects. */
const SCAN_PAGES = 4;

export async function readLinkedTask(deps: AppDeps, issue: IssueRef): Promise<LinkedTaskView> {
  const [link, config, recent] = await Promise.all([
    storesOf(deps).links.byIssue(issue.issueId),
    storesOf(deps).configs.get(issue.projectKey),
    recentEntries(deps, issue),
  ]);
  const newest = recent[0];
  const view: LinkedTaskView = {
    linked: link !== null,
    projectPaired: config !== null,
    recent,
    ...(newest
      ? { lastSync: { at: newest.at, outcome: newest.outcome, ...(newest.message ? { message: newest.message } : {}) } }
      : {}),
  };
  if (!link) return view;
  view.link = link;
  try {
    const task = await deps.b24.getTask(link.taskId);
    if (!task)
      setProblem(
        view,
        worded(`Task ${link.taskId} no longer exists in Bitrix24 or the app may not see it.`, 'panel.taskGone', {
          task: link.taskId,
        }),
      );
    // Whoever may browse the issue sees the task only while it is in the paired workgroup: the app sees more than they may.
    else if (!inPairedGroup(task, config)) setProblem(view, outsideGroup(link.taskId));
    else view.task = await describeTask(deps, task.id, task);
  } catch (error) {
    setProblem(view, b24Failure(error));
  }
  return view;
}

type TaskShape = NonNullable<Awaited<ReturnType<AppDeps['b24']['getTask']>>>;

const inPairedGroup = (task: TaskShape, config: { b24GroupId: string } | null): boolean =>
  config !== null && task.groupId === config.b24GroupId;

function setProblem(view: LinkedTaskView, problem: Worded): void {
  view.taskProblem = problem.message;
  view.taskProblemCode = { code: problem.code, params: problem.params };
}

const outsideGroup = (taskId: string): Worded =>
  worded(
    `Task ${taskId} is not in the Bitrix24 workgroup paired with this project, so it is not shown here and cannot be linked.`,
    'panel.outsideGroup',
    { task: taskId },
  );
const NOT_LINKED = worded('This issue is not linked to a Bitrix24 task.', 'panel.notLinked');
const notPaired = (projectKey: string): Worded =>
  worded(
    `Project ${projectKey} is not paired with a Bitrix24 workgroup; a project administrator can pair it on the settings page.`,
    'panel.projectNotPaired',
    { project: projectKey },
  );

async function describeTask(deps: AppDeps, id: string, task: TaskShape): Promise<NonNullable<LinkedTaskView['task']>> {
  const connection = await storesOf(deps).connection.get();
  const responsible = task.responsibleId ? await deps.b24.getUser(task.responsibleId).catch(() => null) : null;
  return {
    id,
    title: task.title,
    status: task.status,
    ...(responsible ? { responsible: `${responsible.name} ${responsible.lastName}`.trim() } : {}),
    deadline: task.deadline ?? null,
    ...(connection ? { url: taskUrl(connection.domain, id, task) } : {}),
  };
}

/** Group tasks open inside their workgroup; others in the responsible person's task list. */
function taskUrl(domain: string, id: string, task: TaskShape): string {
  const owner =
    task.groupId !== '0' ? `workgroups/group/${task.groupId}` : `company/personal/user/${task.responsibleId}`;
  return `https://${domain}/${owner}/tasks/task/view/${id}/`;
}

async function recentEntries(deps: AppDeps, issue: IssueRef): Promise<JournalEntry[]> {
  const journal = storesOf(deps).journal;
  const found: JournalEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < SCAN_PAGES && found.length < RECENT; page += 1) {
    const result = await journal.list(issue.projectKey, { limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...result.entries.filter((e) => e.issueId === issue.issueId));
    cursor = result.cursor;
    if (!cursor) break;
  }
  return found.slice(0, RECENT);
}

async function push(deps: AppDeps, job: SyncJob): Promise<void> {
  await deps.syncQueue.push([toJobBody(job)]);
}

export async function syncIssueNow(deps: AppDeps, issue: IssueRef): Promise<void> {
  const link = await storesOf(deps).links.byIssue(issue.issueId);
  if (!link) throw AdminError.of(NOT_LINKED);
  // A link made before links were checked may name a task outside the pairing: a person must not make it sync.
  const [task, config] = await Promise.all([
    deps.b24.getTask(link.taskId).catch((error: unknown) => {
      throw AdminError.of(b24Failure(error));
    }),
    storesOf(deps).configs.get(issue.projectKey),
  ]);
  if (task && !inPairedGroup(task, config)) throw AdminError.of(outsideGroup(link.taskId));
  await push(deps, { kind: 'pair-sync', taskId: link.taskId, issueId: issue.issueId, origin: 'sync-now' });
}

/** Accepts a task id or a task URL (…/tasks/task/view/123/). */
export function parseTaskReference(input: string): string | null {
  const trimmed = input.trim();
  if (/^\d{1,12}$/.test(trimmed)) return trimmed;
  const match = /\/task\/(?:view|edit)\/(\d{1,12})\/?(?:[?#].*)?$/.exec(trimmed);
  return match?.[1] ?? null;
}

/**
 * Links the issue to a task the person names. The task id is theirs, so it is checked against the project's
 * pairing before anything is written: the task is re-read from Bitrix24 and must be in the paired workgroup, and
 * neither side may already be linked (the resolver has already checked Edit Issues on this very issue).
 */
export async function linkIssueToTask(deps: AppDeps, issue: IssueRef, reference: string): Promise<PairLink> {
  const taskId = parseTaskReference(reference);
  if (!taskId)
    throw new AdminError('Enter a task number (e.g. 123) or a task link copied from Bitrix24.', 'panel.taskReference');
  const config = await storesOf(deps).configs.get(issue.projectKey);
  if (!config) throw AdminError.of(notPaired(issue.projectKey));
  const links = storesOf(deps).links;
  if (await links.byIssue(issue.issueId))
    throw new AdminError('This issue is already linked; unlink it first.', 'panel.unlinkFirst');
  const other = await links.byTask(taskId);
  if (other) {
    throw other.projectKey === issue.projectKey
      ? new AdminError(`Task ${taskId} is already linked to ${other.issueKey}.`, 'panel.taskLinkedTo', {
          task: taskId,
          issue: other.issueKey,
        })
      : new AdminError(`Task ${taskId} is already linked to another issue.`, 'panel.taskLinkedElsewhere', {
          task: taskId,
        });
  }
  let task: TaskShape | null;
  try {
    task = await deps.b24.getTask(taskId);
  } catch (error) {
    throw AdminError.of(b24Failure(error));
  }
  if (!task)
    throw new AdminError(`Task ${taskId} does not exist in Bitrix24 or the app may not see it.`, 'panel.taskMissing', {
      task: taskId,
    });
  if (!inPairedGroup(task, config)) throw AdminError.of(outsideGroup(taskId));
  const link: PairLink = {
    taskId,
    issueId: issue.issueId,
    issueKey: issue.issueKey,
    projectKey: issue.projectKey,
    linkedAt: deps.clock.now(),
  };
  await links.save(link);
  await linkedByPerson(deps, link);
  await push(deps, { kind: 'pair-sync', taskId, issueId: issue.issueId, origin: 'sync-now' });
  return link;
}

export async function unlinkIssue(deps: AppDeps, issue: IssueRef): Promise<void> {
  const links = storesOf(deps).links;
  const link = await links.byIssue(issue.issueId);
  if (!link) throw AdminError.of(NOT_LINKED);
  await unlinkPair(deps, link);
}

export async function createTaskForIssue(deps: AppDeps, issue: IssueRef): Promise<void> {
  const links = storesOf(deps).links;
  if (await links.byIssue(issue.issueId))
    throw new AdminError('This issue is already linked to a Bitrix24 task.', 'panel.alreadyLinked');
  if (!(await storesOf(deps).configs.get(issue.projectKey))) {
    throw AdminError.of(notPaired(issue.projectKey));
  }
  // The person asks for a task: an earlier unlink of this issue no longer holds it apart.
  await links.forgetUnlinked('jira', issue.issueId);
  // Only the issue: the consumer finds no pair and no marker it may take, and creates the task exactly once.
  await push(deps, { kind: 'pair-sync', issueId: issue.issueId, origin: 'sync-now' });
}
