/**
 * The specification of sync, checked after quiescence (see README.md next to this file). Each check returns the
 * sentences of what it found wrong; an empty list means the run honours the invariant.
 */
import {
  FIELDS,
  people,
  readIssue,
  readTask,
  type Canonical,
  type Edit,
  type PairModel,
  type Real,
  type Side,
} from './world';

export interface JournalRecord {
  at: number;
  operation: string;
  outcome: string;
  direction: string;
  fields: string[];
  refused?: string[];
  message?: string;
  taskId?: string;
  issueId?: string;
}

export async function journalOf(real: Real): Promise<JournalRecord[]> {
  return ((await real.w.storedUnder('journal:')) as JournalRecord[]).sort((a, b) => a.at - b.at);
}

const about =
  (p: { taskId: string; issueId: string }) =>
  (e: JournalRecord): boolean =>
    e.taskId === p.taskId || e.issueId === p.issueId;

/**
 * Fields the journal says the target refused or could not take (a failed job, a blocked status walk); on a runtime
 * that cannot match some people (`unmatched`), an assignee the journal says it left unchanged for that reason.
 */
function excused(journal: JournalRecord[], p: PairModel, unmatched = false): Set<string> {
  const out = new Set<string>();
  for (const e of journal.filter(about(p))) {
    for (const f of e.refused ?? []) out.add(f);
    if (unmatched && e.outcome === 'warning' && /^assignee not written/.test(e.message ?? '')) out.add('assignee');
    if (e.outcome === 'failed') for (const f of FIELDS) out.add(f);
    if (e.outcome === 'warning' && /status|transition|approval/i.test(e.message ?? '')) out.add('status');
  }
  return out;
}

/**
 * The last edit people made. Only a journalled conflict may leave another value: every other sync carries a
 * change from the side that changed to the side that did not, so the last change stands.
 */
const later = (a: Edit, b: Edit): Edit => (a.at >= b.at ? a : b);

function conflictsOn(journal: JournalRecord[], p: PairModel, field: string): JournalRecord[] {
  return journal.filter(about(p)).filter((e) => (e.message ?? '').includes(`Conflict on ${field}:`));
}

/**
 * A journalled conflict must be one people made: both sides edited the field after the last journalled write of
 * it (and before the conflict was journalled), on the app's clock.
 */
function genuine(journal: JournalRecord[], p: PairModel, field: string, conflict: JournalRecord): boolean {
  const before = journal.filter(about(p)).filter((e) => e.at < conflict.at && e.fields.includes(field));
  const since = before.at(-1)?.at ?? -Infinity;
  const edited = (side: Side): boolean =>
    p.edits.some((e) => e.side === side && e.field === field && e.at > since && e.at < conflict.at);
  // Linked again with the two sides apart, and this field not written since: the first sync of the new pair has
  // no common base, so the difference is a conflict the person's link made.
  const relinkedApart = p.relinkedAt !== undefined && p.relinkedAt < conflict.at && since < p.relinkedAt;
  return relinkedApart || (edited('b24') && edited('jira'));
}

export async function pairProblems(real: Real, journal: JournalRecord[]): Promise<string[]> {
  const problems: string[] = [];
  for (const p of real.pairs) {
    const name = `pair ${p.taskId}/${p.issueId}`;
    const [task, issue] = [await readTask(real.w, p.taskId), await readIssue(real.w, p.issueId)];
    if (p.deletedOn) {
      problems.push(...(await deletedProblems(real, journal, p, task, issue)));
      continue;
    }
    if (!task || !issue) {
      problems.push(`${name}: a side is gone though nobody deleted it`);
      continue;
    }
    // An unlinked pair's sides are two separate entities now (pairing-invariants.ts checks they stay unlinked).
    if (p.unlinked) continue;
    const skip = excused(journal, p, real.w.unmatchedPeople.length > 0);
    for (const field of FIELDS) {
      for (const c of conflictsOn(journal, p, field))
        if (!genuine(journal, p, field, c))
          problems.push(
            `${name}: journal claims a conflict on ${field} at ${c.at} that nobody made (edits ${JSON.stringify(p.edits)}; journal ${JSON.stringify(journal.filter(about(p)).map((e) => [e.at, e.operation, e.fields, e.message]))})`,
          );
      if (skip.has(field)) continue;
      // A description past Jira's limit is held to the long-text rules (pairing-invariants.ts).
      if (field === 'description' && p.long) continue;
      if (task[field] !== issue[field]) {
        problems.push(
          `${name}: ${field} differs: Bitrix24 ${task[field]} / Jira ${issue[field]} (journal ${JSON.stringify(journal.filter(about(p)).map((e) => [e.operation, e.outcome, e.fields, e.message]))})`,
        );
        continue;
      }
      // Linked again by a person: what either side held then is the pair's new start; only later edits are judged.
      const edits = p.edits.filter((e) => e.field === field && e.at > (p.relinkedAt ?? -Infinity));
      if (edits.length === 0) continue;
      const latest = edits.reduce(later);
      // A value the field held before may be a return to the last synced value, which the three-way merge rightly
      // sees as no change at all (A→B→A): only a value never seen before must stand.
      const seen = [p.initial?.[field], ...edits.filter((e) => e !== latest).map((e) => e.value)];
      if (seen.includes(latest.value)) continue;
      if (task[field] !== latest.value && conflictsOn(journal, p, field).length === 0) {
        problems.push(
          `${name}: ${field} is ${task[field]}, but the latest edit (${latest.side} at ${latest.at}) set ${latest.value} and no conflict is journalled`,
        );
      }
    }
  }
  return problems;
}

async function deletedProblems(
  real: Real,
  journal: JournalRecord[],
  p: PairModel,
  task: Canonical | null,
  issue: Canonical | null,
): Promise<string[]> {
  const name = `pair ${p.taskId}/${p.issueId}`;
  const survivor = p.deletedOn === 'b24' ? issue : task;
  const link = await real.w.stored(p.deletedOn === 'b24' ? `link:jira:${p.issueId}` : `link:b24:${p.taskId}`);
  const out: string[] = [];
  if (link !== undefined) out.push(`${name}: still linked after its ${p.deletedOn} side was deleted`);
  if (!survivor) out.push(`${name}: the surviving side is gone too`);
  else if (survivor.status !== 'Done' && !excused(journal, p).has('status'))
    out.push(`${name}: the survivor was not closed (${survivor.status})`);
  const deletes = journal.filter(about(p)).filter((e) => e.operation === 'delete');
  if (deletes.length !== 1)
    out.push(
      `${name}: expected exactly one delete in the journal, found ${JSON.stringify(deletes)}; all: ${JSON.stringify(journal.filter(about(p)).map((e) => [e.operation, e.outcome, e.message]))}`,
    );
  return out;
}

interface B24Comment {
  POST_MESSAGE: string;
}

export async function commentProblems(real: Real, journal: JournalRecord[]): Promise<string[]> {
  const problems: string[] = [];
  for (const p of real.pairs.filter((x) => !x.deletedOn && !x.everUnlinked)) {
    // A comment may be missing where its copy failed or the other side refused it (journalled as a warning).
    const failed = journal
      .filter(about(p))
      .some((e) => (e.outcome === 'failed' || e.outcome === 'warning') && e.operation.includes('comment'));
    const b24 = ((await real.w.b24('1', 'task.commentitem.getlist', [p.taskId, { ID: 'asc' }])) as B24Comment[]).map(
      (c) => c.POST_MESSAGE,
    );
    const jira = (
      (await real.w.jira('anna.schmidt@example.com', 'GET', `/rest/api/3/issue/${p.issueId}/comment`)) as {
        comments: { body: unknown }[];
      }
    ).comments.map((c) => JSON.stringify(c.body));
    for (const c of p.comments) {
      const there = (c.side === 'b24' ? jira : b24).filter((t) => new RegExp(`\\b${c.text}\\b`).test(t)).length;
      if (there > 1 || (there === 0 && !failed))
        problems.push(
          `pair ${p.taskId}/${p.issueId}: comment ${c.text} from ${c.side} appears ${there} times on the other side`,
        );
    }
    const expected = p.comments.length;
    if (!failed && (b24.length !== expected || jira.length !== expected))
      problems.push(
        `pair ${p.taskId}/${p.issueId}: ${expected} comments written, Bitrix24 has ${b24.length}, Jira ${jira.length}`,
      );
    const mirrored = journal.filter(about(p)).filter((e) => e.operation === 'comment' && e.outcome === 'synced').length;
    if (mirrored > expected)
      problems.push(
        `pair ${p.taskId}/${p.issueId}: the journal records ${mirrored} mirrored comments, people wrote ${expected}`,
      );
  }
  return problems;
}

export async function creationProblems(real: Real, journal: JournalRecord[]): Promise<string[]> {
  const problems: string[] = [];
  const a = people(real.w);
  const tasks = await a.tasksInGroup();
  const issues = { issues: await a.issuesInProject() };
  for (const c of real.created) {
    const failed = journal.some((e) => e.outcome === 'failed' && (e.taskId === c.id || e.issueId === c.id));
    const nTasks = tasks.filter((t) => t.title === c.title).length;
    const nIssues = issues.issues.filter((i) => i.fields.summary === c.title).length;
    if (nTasks > 1 || nIssues > 1)
      problems.push(`${c.side} entity "${c.title}" has duplicates: ${nTasks} tasks, ${nIssues} issues`);
    if (!failed && (nTasks !== 1 || nIssues !== 1))
      problems.push(`${c.side} entity "${c.title}" is not paired: ${nTasks} tasks, ${nIssues} issues`);
  }
  const titles = tasks.map((t) => t.title);
  if (new Set(titles).size !== titles.length) problems.push(`duplicate task titles: ${titles.join(', ')}`);
  return problems;
}
