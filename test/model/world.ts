/**
 * The model-based test's world: the real local platform (emulated Jira and Bitrix24, and the app in the local
 * Forge runtime or the self-hosted service, ./runtime.ts) driven by people through the emulators' REST APIs, and
 * the model: every edit people made, with its side, value and time, which the invariants judge the end state against.
 */
import type { FaultPlan } from '../../src/local/contracts';
import { adfText, PEOPLE, people } from './people';
import { forgeWorld, type ModelWorld, type Replayable, type RuntimeName } from './runtime';
import { serviceWorld } from './runtime-service';

export type Side = 'b24' | 'jira';
export const FIELDS = ['title', 'description', 'priority', 'dueDate', 'status', 'assignee'] as const;
export type Field = (typeof FIELDS)[number];

export interface Edit {
  side: Side;
  field: Field;
  value: string;
  /** Simulated time, the clock the app stamps its journal with too; a millisecond of this edit's own (see `editMark`). */
  at: number;
}

/**
 * The millisecond an edit just made owns on the simulated clock: the clock moves 1 ms past the edit (and past
 * any job that ran at the edit's time), marks, and moves 1 ms on, so no job runs at the mark (none runs while
 * people act) and journal entries order against edits exactly.
 */
export function editMark(w: ModelWorld): number {
  w.clock.advance(1);
  const mark = w.clock.now();
  w.clock.advance(1);
  return mark;
}

export interface PairModel {
  taskId: string;
  issueId: string;
  /** How the pair read before the run's edits (both sides agreed). */
  initial?: Canonical;
  /** Set once a person deleted one side: the pair is left alone afterwards. */
  deletedOn?: Side;
  edits: Edit[];
  comments: { side: Side; text: string }[];
  /** Unlinked by a person and not linked again since. */
  unlinked?: boolean;
  /** Unlinked at some time in the run: its comments are left out of the comment checks. */
  everUnlinked?: boolean;
  /** When a person last linked it again: only later edits are judged by the latest-edit rule. */
  relinkedAt?: number;
  /** A Bitrix24 description past Jira's limit (long-text.ts): its first and last words, and the first renamed in Jira. */
  long?: { first: string; end: string; at: number; edited?: string };
}

export interface Real {
  w: ModelWorld;
  pairs: PairModel[];
  /** Entities people created during the run, to be paired exactly once. */
  created: { side: Side; id: string; title: string }[];
  counter: number;
  log: string[];
  /** The run's fault plan, restored after an outage. */
  plan: FaultPlan;
  /** Genuine deliveries of the run (Bitrix24 events; on the service, Jira webhooks and offline records too). */
  deliveries: Replayable[];
}

/** Canonical values both sides are compared in. */
export const PRIORITY_B24_TO_JIRA: Record<string, string> = { '0': 'Low', '1': 'Medium', '2': 'High' };
export const STATUS_B24_TO_JIRA: Record<string, string> = {
  '2': 'To Do',
  '3': 'In Progress',
  '6': 'On Hold',
  '5': 'Done',
  '4': 'In Review',
};
export const ASSIGNEES = [PEOPLE.ben, PEOPLE.chloe, PEOPLE.dmitri] as const;
const B24_TO_ACCOUNT: Record<string, string> = Object.fromEntries(ASSIGNEES.map((p) => [p.b24, p.accountId]));

export type Canonical = Record<Field, string>;

function adfPlain(doc: unknown): string {
  if (doc === null || typeof doc !== 'object') return '';
  const node = doc as { text?: unknown; content?: unknown[] };
  const own = typeof node.text === 'string' ? node.text : '';
  return own + (Array.isArray(node.content) ? node.content.map(adfPlain).join(' ') : '');
}

const normal = (text: string): string =>
  text
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export async function readTask(w: ModelWorld, taskId: string): Promise<(Canonical & { exists: true }) | null> {
  const r = (await w.b24(PEOPLE.anna.b24, 'tasks.task.list', {
    filter: { ID: taskId },
    select: ['ID', 'TITLE', 'DESCRIPTION', 'STATUS', 'RESPONSIBLE_ID', 'DEADLINE', 'PRIORITY'],
  })) as {
    tasks: {
      title: string;
      description: string;
      status: string;
      responsibleId: string;
      deadline: string | null;
      priority: string;
    }[];
  };
  const t = r.tasks[0];
  if (!t) return null;
  return {
    exists: true,
    title: t.title,
    description: normal(t.description ?? ''),
    priority: PRIORITY_B24_TO_JIRA[t.priority] ?? `b24:${t.priority}`,
    dueDate: t.deadline ? t.deadline.slice(0, 10) : '',
    status: STATUS_B24_TO_JIRA[t.status] ?? `b24:${t.status}`,
    assignee: B24_TO_ACCOUNT[t.responsibleId] ?? `b24:${t.responsibleId}`,
  };
}

export async function readIssue(w: ModelWorld, issueId: string): Promise<(Canonical & { exists: true }) | null> {
  let issue: Awaited<ReturnType<ReturnType<typeof people>['issue']>>;
  try {
    issue = await people(w).issue(issueId);
  } catch (error) {
    // People's reads retry through load faults; only "not found" means the issue is gone.
    if (error instanceof Error && / 404 /.test(error.message)) return null;
    throw error;
  }
  return {
    exists: true,
    title: issue.fields.summary,
    description: normal(adfPlain(issue.fields.description)),
    priority: issue.fields.priority?.name ?? '',
    dueDate: issue.fields.duedate ?? '',
    status: issue.fields.status.name,
    assignee: issue.fields.assignee?.accountId ?? '',
  };
}

/** Both sides of a new world's first pairs: one created in Bitrix24, one in Jira, synced without faults. */
export async function newReal(pairs: number, runtime: RuntimeName = 'forge'): Promise<Real> {
  const w = runtime === 'service' ? await serviceWorld() : await forgeWorld();
  const a = people(w);
  const settle = async (): Promise<void> => {
    const report = await w.settle();
    if (!report.idle) throw new Error(`the ${runtime} runtime did not settle: ${JSON.stringify(report)}`);
  };
  const real: Real = { w, pairs: [], created: [], counter: 0, log: [], plan: {}, deliveries: [] };
  for (let i = 0; i < pairs; i += 1) {
    if (i % 2 === 0) {
      const taskId = await a.createTask(PEOPLE.ben.b24, {
        TITLE: `Pair ${i}`,
        RESPONSIBLE_ID: PEOPLE.chloe.b24,
        PRIORITY: '1',
      });
      await settle();
      const issueId = (await a.linkOfTask(taskId))?.issueId ?? '';
      real.pairs.push({ taskId, issueId, edits: [], comments: [] });
    } else {
      const issue = await a.createIssue(PEOPLE.chloe.email, {
        summary: `Pair ${i}`,
        description: adfText(`Pair ${i}`),
        assignee: { accountId: PEOPLE.chloe.accountId },
      });
      await settle();
      const taskId = (await a.linkOfIssue(issue.id))?.taskId ?? '';
      real.pairs.push({ taskId, issueId: issue.id, edits: [], comments: [] });
    }
  }
  for (const p of real.pairs) if (!p.taskId || !p.issueId) throw new Error('a starting pair was not created');
  for (const p of real.pairs) p.initial = (await readTask(w, p.taskId)) ?? undefined;
  // An installed app has reconciled before: its cursors exist (a first run only looks an hour back).
  await w.reconcile();
  await settle();
  w.platform.resetStats();
  real.deliveries = w.keepDeliveries(200);
  return real;
}

export function applyFaults(real: Real, plan: FaultPlan): void {
  real.w.platform.setFaults(plan);
  real.plan = plan;
  real.log.push(`faults ${JSON.stringify(plan)}`);
}

export { PEOPLE, people, adfText };
