/**
 * Text longer than the other side can hold: a Bitrix24 description past Jira's 32,767-character document limit,
 * so Jira holds a shortened copy; then a Jira person edits a word at the start of that copy. The full text must
 * survive on Bitrix24 with the word changed (text is never shortened on its own side), and the shortened copy's
 * notice must never land in the task.
 */
import type fc from 'fast-check';
import { editMark, PEOPLE, type PairModel, type Real } from './world';

type Cmd = fc.AsyncCommand<Real, Real, false>;

/** About 39,000 characters in 300 paragraphs, each named, the last one the text's end mark. */
export function longText(n: number): string {
  const filler = 'the manager wrote the whole plan down here in one go, with every step and every name in it';
  const paragraphs = Array.from({ length: 300 }, (_, i) => `W${n}p${i} ${filler}`);
  return [...paragraphs, `END${n}`].join('\n\n');
}

const pick = (r: Real, pair: number): PairModel | undefined => {
  const p = r.pairs[pair % r.pairs.length];
  return p && !p.deletedOn && !p.unlinked ? p : undefined;
};

export class LongDescription implements Cmd {
  constructor(
    readonly pair: number,
    readonly gapMs: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = pick(r, this.pair);
    if (!p) return;
    r.w.clock.advance(this.gapMs);
    r.counter += 1;
    const text = longText(r.counter);
    await r.w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId: p.taskId, fields: { DESCRIPTION: text } });
    const at = editMark(r.w);
    p.long = { first: `W${r.counter}p0`, end: `END${r.counter}`, at };
    p.edits.push({ side: 'b24', field: 'description', value: text, at });
  }
  toString = (): string => `longDescription(${this.pair}, +${this.gapMs}ms)`;
}

interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
}

/** Renames the first word of the shortened copy in place, leaving the rest of Jira's document as it is. */
function renameFirst(doc: AdfNode, from: string, to: string): boolean {
  if (typeof doc.text === 'string' && doc.text.includes(from)) {
    doc.text = doc.text.replace(from, to);
    return true;
  }
  return (doc.content ?? []).some((child) => renameFirst(child, from, to));
}

async function jiraDescription(r: Real, issueId: string): Promise<AdfNode | null> {
  const issue = (await r.w.jira(PEOPLE.chloe.email, 'GET', `/rest/api/3/issue/${issueId}?fields=description`)) as {
    fields: { description: AdfNode | null };
  };
  return issue.fields.description;
}

export class EditShortenedCopy implements Cmd {
  constructor(
    readonly pair: number,
    readonly gapMs: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = pick(r, this.pair);
    if (!p?.long || p.long.edited) return;
    r.w.clock.advance(this.gapMs);
    const renamed = p.long.first.replace(/^W/, 'V');
    // A person edits the copy once they see it: what is due in the next minutes runs first, as if they waited.
    let doc = await jiraDescription(r, p.issueId);
    if (!doc || !renameFirst(doc, p.long.first, renamed)) {
      await r.w.platform.settle({ maxSteps: 30, horizonMs: 5 * 60_000 });
      doc = await jiraDescription(r, p.issueId);
      if (!doc || !renameFirst(doc, p.long.first, renamed)) return;
    }
    await r.w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${p.issueId}`, { fields: { description: doc } });
    p.long = { ...p.long, edited: renamed, at: editMark(r.w) };
    r.log.push(`edited ${p.long.first} to ${renamed} in Jira's shortened copy of ${p.issueId}`);
  }
  toString = (): string => `editShortenedCopy(${this.pair}, +${this.gapMs}ms)`;
}
