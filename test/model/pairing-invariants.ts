/**
 * The invariants of the pairing and of long text (README.md next to this file, 8–10):
 * a pair set by a person changes only by a person; no entity appears that nobody made; text longer than the
 * other side's limit is never shortened on its own side, and the other side's copy is a true prefix of it.
 */
import { type JournalRecord } from './invariants';
import { people, readIssue, readTask, type PairModel, type Real } from './world';

const about =
  (p: { taskId: string; issueId: string }) =>
  (e: JournalRecord): boolean =>
    e.taskId === p.taskId || e.issueId === p.issueId;

/** Every pair is linked exactly as people left it: to its own partner, or (after a person's unlink) to nothing. */
export async function linkProblems(real: Real): Promise<string[]> {
  const out: string[] = [];
  for (const p of real.pairs.filter((x) => !x.deletedOn)) {
    const byTask = (await real.w.stored(`link:b24:${p.taskId}`)) as { issueId?: string } | undefined;
    const byIssue = (await real.w.stored(`link:jira:${p.issueId}`)) as { taskId?: string } | undefined;
    const name = `pair ${p.taskId}/${p.issueId}`;
    if (p.unlinked) {
      if (byTask !== undefined)
        out.push(`${name}: a person unlinked it, yet task ${p.taskId} is linked to issue ${byTask.issueId}`);
      if (byIssue !== undefined)
        out.push(`${name}: a person unlinked it, yet issue ${p.issueId} is linked to task ${byIssue.taskId}`);
      continue;
    }
    if (byTask?.issueId !== p.issueId)
      out.push(`${name}: task ${p.taskId} is linked to ${JSON.stringify(byTask?.issueId)}, not to its own issue`);
    if (byIssue?.taskId !== p.taskId)
      out.push(`${name}: issue ${p.issueId} is linked to ${JSON.stringify(byIssue?.taskId)}, not to its own task`);
  }
  return out;
}

/** Every task and issue is one of the run's pairs or one that people created: an unlink or a marker made no twin. */
export async function strangerProblems(real: Real): Promise<string[]> {
  const tasks = await people(real.w).tasksInGroup();
  const issues = { issues: await people(real.w).issuesInProject() };
  const titles = new Set(real.created.map((c) => c.title));
  const out: string[] = [];
  for (const t of tasks)
    if (!real.pairs.some((p) => p.taskId === t.id) && !titles.has(t.title))
      out.push(`task ${t.id} "${t.title}" was made by nobody`);
  for (const i of issues.issues)
    if (!real.pairs.some((p) => p.issueId === i.id) && !titles.has(i.fields.summary))
      out.push(`issue ${i.id} "${i.fields.summary}" was made by nobody`);
  return out;
}

const word = (w: string): RegExp => new RegExp(`(^|\\s)${w}(\\s|$)`);

/** The journal said why the description did not travel (refused, failed, or held with what to do). */
function descriptionExcused(journal: JournalRecord[], p: PairModel): boolean {
  return journal
    .filter(about(p))
    .filter((e) => p.long !== undefined && e.at >= p.long.at)
    .some(
      (e) =>
        e.outcome === 'failed' ||
        (e.refused ?? []).includes('description') ||
        (e.outcome !== 'synced' && /description/i.test(e.message ?? '')),
    );
}

export async function longTextProblems(real: Real, journal: JournalRecord[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of real.pairs.filter((x) => x.long && !x.deletedOn && !x.unlinked)) {
    const long = p.long;
    const [task, issue] = [await readTask(real.w, p.taskId), await readIssue(real.w, p.issueId)];
    if (!long || !task || !issue) continue;
    const name = `pair ${p.taskId}/${p.issueId} (journal ${JSON.stringify(journal.filter(about(p)).map((e) => [e.at, e.operation, e.outcome, e.fields, e.refused, e.message]))})`;
    if (!word(long.end).test(task.description))
      out.push(`${name}: the Bitrix24 description lost its end (${long.end}): it was shortened on its own side`);
    if (/Truncated|⚠/.test(task.description))
      out.push(`${name}: the truncation notice landed in the Bitrix24 description`);
    const excused = descriptionExcused(journal, p);
    const copy = (issue.description.split('⚠')[0] ?? '').trim();
    if (!excused && (copy.length === 0 || !task.description.startsWith(copy)))
      out.push(
        `${name}: Jira's copy is not a prefix of the Bitrix24 text (Jira starts "${copy.slice(0, 60)}", Bitrix24 "${task.description.slice(0, 60)}")`,
      );
    if (long.edited && !excused) {
      if (!word(long.edited).test(task.description) || word(long.first).test(task.description))
        out.push(
          `${name}: the Jira edit ${long.first} → ${long.edited} of the shortened copy is not in the Bitrix24 text, and the journal says nothing of it`,
        );
    }
  }
  return out;
}
