/**
 * What people and time do in the model: edits of every synced field on either side, status moves, comments,
 * deletes and new entities, each after a gap of simulated time (under a second, so same-second conflicts occur);
 * and the platform's side: processing a few pending deliveries, simulated time jumps (the hourly reconciliation
 * included), an explicit reconciliation run. Event duplication, loss, delay, reordering and remote failures come
 * from the run's fault plan, and outages (a remote refusing every call for up to an hour and a half).
 */
import fc from 'fast-check';
import { EditShortenedCopy, LongDescription } from './long-text';
import { ForgeIssueMarker, ForgeTaskMarker, Relink, Unlink } from './pairing';
import { OwnJiraEvent } from './own-events';
import { Replay } from './replay';
import type { RuntimeName } from './runtime';
import {
  ASSIGNEES,
  adfText,
  people,
  PEOPLE,
  readIssue,
  readTask,
  editMark,
  type Field,
  type Real,
  type Side,
} from './world';

type Cmd = fc.AsyncCommand<Real, Real, false>;

const PRIORITIES = ['Low', 'Medium', 'High'] as const;
const PRIORITY_TO_B24: Record<string, string> = { Low: '0', Medium: '1', High: '2' };
/** Statuses people move to in Jira: the ones mapped both ways. */
const JIRA_TARGETS = new Set(['To Do', 'In Progress', 'On Hold', 'Done']);
/** Bitrix24 actions a person takes from each status (complete is left out: TASK_CONTROL holds it at 4). */
const B24_ACTIONS: Record<string, string[]> = {
  '2': ['start', 'defer'],
  '3': ['pause', 'defer'],
  // A deferred task resumes by start (renew reopens only a completed one, as the documentation says).
  '6': ['start'],
  '5': ['renew'],
};

const living = (r: Real, pair: number) => {
  const p = r.pairs[pair % r.pairs.length];
  return p && !p.deletedOn ? p : undefined;
};

function valueFor(r: Real, field: Field, pick: number): string {
  r.counter += 1;
  switch (field) {
    case 'title':
      return `T${r.counter}`;
    case 'description':
      return `D${r.counter}`;
    case 'priority':
      return PRIORITIES[pick % 3] ?? 'Low';
    case 'dueDate':
      return `2027-01-${String((pick % 28) + 1).padStart(2, '0')}`;
    case 'assignee':
      return ASSIGNEES[pick % 3]?.accountId ?? '';
    case 'status':
      return '';
  }
}

function b24Fields(field: Field, value: string): Record<string, unknown> {
  switch (field) {
    case 'title':
      return { TITLE: value };
    case 'description':
      return { DESCRIPTION: value };
    case 'priority':
      return { PRIORITY: PRIORITY_TO_B24[value] };
    case 'dueDate':
      return { DEADLINE: `${value}T18:00:00+01:00` };
    case 'assignee':
      return { RESPONSIBLE_ID: ASSIGNEES.find((p) => p.accountId === value)?.b24 };
    case 'status':
      return {};
  }
}

function jiraFields(field: Field, value: string): Record<string, unknown> {
  switch (field) {
    case 'title':
      return { summary: value };
    case 'description':
      return { description: adfText(value) };
    case 'priority':
      return { priority: { name: value } };
    case 'dueDate':
      return { duedate: value };
    case 'assignee':
      return { assignee: { accountId: value } };
    case 'status':
      return {};
  }
}

class Edit implements Cmd {
  constructor(
    readonly pair: number,
    readonly side: Side,
    readonly field: Exclude<Field, 'status'>,
    readonly pick: number,
    readonly gapMs: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = living(r, this.pair);
    if (!p) return;
    // Replacing a shortened copy wholesale is judged by long-text.ts's rules, not this command's.
    if (p.long && this.field === 'description' && this.side === 'jira') return;
    r.w.clock.advance(this.gapMs);
    const value = valueFor(r, this.field, this.pick);
    const now = this.side === 'b24' ? await readTask(r.w, p.taskId) : await readIssue(r.w, p.issueId);
    if (!now || now[this.field] === value) return;
    if (this.side === 'b24')
      await r.w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId: p.taskId, fields: b24Fields(this.field, value) });
    else
      await r.w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${p.issueId}`, {
        fields: jiraFields(this.field, value),
      });
    p.edits.push({ side: this.side, field: this.field, value, at: editMark(r.w) });
    if (this.field === 'description') p.long = undefined;
  }
  toString = (): string => `edit(${this.pair}, ${this.side}, ${this.field}, ${this.pick}, +${this.gapMs}ms)`;
}

class Move implements Cmd {
  constructor(
    readonly pair: number,
    readonly side: Side,
    readonly pick: number,
    readonly gapMs: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = living(r, this.pair);
    if (!p) return;
    r.w.clock.advance(this.gapMs);
    if (this.side === 'jira') {
      const t = (await r.w.jira(PEOPLE.chloe.email, 'GET', `/rest/api/3/issue/${p.issueId}/transitions`)) as {
        transitions: { id: string; to: { name: string } }[];
      };
      const options = t.transitions.filter((x) => JIRA_TARGETS.has(x.to.name));
      const chosen = options[this.pick % Math.max(1, options.length)];
      if (!chosen) return;
      await r.w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${p.issueId}/transitions`, {
        transition: { id: chosen.id },
      });
      p.edits.push({ side: 'jira', field: 'status', value: chosen.to.name, at: editMark(r.w) });
      return;
    }
    const task = await people(r.w).b24Task(p.taskId);
    const options = B24_ACTIONS[task.status] ?? [];
    const action = options[this.pick % Math.max(1, options.length)];
    if (!action) return;
    await r.w.b24(PEOPLE.anna.b24, `tasks.task.${action}`, { taskId: p.taskId });
    const after = await readTask(r.w, p.taskId);
    if (after) p.edits.push({ side: 'b24', field: 'status', value: after.status, at: editMark(r.w) });
  }
  toString = (): string => `move(${this.pair}, ${this.side}, ${this.pick}, +${this.gapMs}ms)`;
}

class Comment implements Cmd {
  constructor(
    readonly pair: number,
    readonly side: Side,
    readonly gapMs: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = living(r, this.pair);
    // Comments written while a pair is unlinked are nobody's to mirror; the checks leave such pairs' comments out.
    if (!p || p.everUnlinked) return;
    r.w.clock.advance(this.gapMs);
    r.counter += 1;
    const text = `C${r.counter}`;
    if (this.side === 'b24') await r.w.b24(PEOPLE.anna.b24, 'task.commentitem.add', [p.taskId, { POST_MESSAGE: text }]);
    else await r.w.jira(PEOPLE.chloe.email, 'POST', `/rest/api/3/issue/${p.issueId}/comment`, { body: adfText(text) });
    p.comments.push({ side: this.side, text });
  }
  toString = (): string => `comment(${this.pair}, ${this.side}, +${this.gapMs}ms)`;
}

class Delete implements Cmd {
  constructor(
    readonly pair: number,
    readonly side: Side,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = living(r, this.pair);
    // Keep at least one pair alive, so edits keep meaning something.
    if (!p || p.unlinked || r.pairs.filter((x) => !x.deletedOn).length < 2) return;
    r.w.clock.advance(1000);
    if (this.side === 'b24') await r.w.b24(PEOPLE.anna.b24, 'tasks.task.delete', { taskId: p.taskId });
    else await r.w.jira(PEOPLE.anna.email, 'DELETE', `/rest/api/3/issue/${p.issueId}`);
    p.deletedOn = this.side;
  }
  toString = (): string => `delete(${this.pair}, ${this.side})`;
}

class Create implements Cmd {
  constructor(readonly side: Side) {}
  check = (r: Real): boolean => r.created.length < 2;
  async run(_: Real, r: Real): Promise<void> {
    r.counter += 1;
    const title = `New ${r.counter}`;
    const a = people(r.w);
    const id =
      this.side === 'b24'
        ? await a.createTask(PEOPLE.ben.b24, { TITLE: title, RESPONSIBLE_ID: PEOPLE.chloe.b24 })
        : (await a.createIssue(PEOPLE.chloe.email, { summary: title })).id;
    r.created.push({ side: this.side, id, title });
  }
  toString = (): string => `create(${this.side})`;
}

class Process implements Cmd {
  constructor(readonly steps: number) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    await r.w.platform.settle({ maxSteps: this.steps, horizonMs: 5 * 60_000 });
  }
  toString = (): string => `process(${this.steps})`;
}

class Jump implements Cmd {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    await r.w.platform.settle({ advanceMs: this.ms });
  }
  toString = (): string => `jump(${Math.round(this.ms / 1000)}s)`;
}

/** A remote refuses every call of the app for a while (rate-limited throughout), then the run's faults return. */
class Outage implements Cmd {
  constructor(
    readonly side: Side,
    readonly ms: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const plan = r.plan;
    r.w.platform.setFaults({ ...plan, ...(this.side === 'b24' ? { b24RateLimit: 1 } : { jira429: 1 }) });
    await r.w.platform.settle({ advanceMs: this.ms });
    r.w.platform.setFaults(plan);
  }
  toString = (): string => `outage(${this.side}, ${Math.round(this.ms / 60_000)} min)`;
}

class Reconcile implements Cmd {
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    await r.w.reconcile();
  }
  toString = (): string => 'reconcile()';
}

const side = fc.constantFrom<Side>('b24', 'jira');
const pair = fc.nat(3);
const gap = fc.oneof(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 1000, max: 90_000 }));
const field = fc.constantFrom<Exclude<Field, 'status'>>('title', 'description', 'priority', 'dueDate', 'assignee');

/** People unlinking and linking again, forged markers, over-long text and replayed deliveries. */
function pairingAndAbuse(): { weight: number; arbitrary: fc.Arbitrary<Cmd> }[] {
  return [
    { weight: 1, arbitrary: pair.map((p): Cmd => new Unlink(p)) },
    { weight: 1, arbitrary: pair.map((p): Cmd => new Relink(p)) },
    {
      weight: 1,
      arbitrary: fc.tuple(pair, fc.boolean(), pair).map(([v, onNew, t]): Cmd => new ForgeIssueMarker(v, onNew, t)),
    },
    { weight: 1, arbitrary: pair.map((v): Cmd => new ForgeTaskMarker(v)) },
    { weight: 1, arbitrary: fc.tuple(pair, gap).map(([p, g]): Cmd => new LongDescription(p, g)) },
    { weight: 2, arbitrary: fc.tuple(pair, gap).map(([p, g]): Cmd => new EditShortenedCopy(p, g)) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.nat(20), fc.integer({ min: 2, max: 30 })).map(([w, n]): Cmd => new Replay(w, n)),
    },
  ];
}

/** What only the service offers to abuse; Forge's runs leave it out, so their seeds draw the commands they always did. */
function serviceOnly(runtime: RuntimeName): { weight: number; arbitrary: fc.Arbitrary<Cmd> }[] {
  if (runtime !== 'service') return [];
  const kind = fc.constantFrom<'update' | 'comment'>('update', 'comment');
  return [{ weight: 1, arbitrary: fc.tuple(pair, kind).map(([p, k]): Cmd => new OwnJiraEvent(p, k)) }];
}

/** One weighted choice per step: edits most often, deletes and new entities rarely. */
export function commandArbitraries(runtime: RuntimeName = 'forge'): fc.Arbitrary<Cmd>[] {
  const arb = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(pair, side, field, fc.nat(100), gap)
        .map(([p, s, f, pick, g]): Cmd => new Edit(p, s, f, pick, g)),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(pair, side, fc.nat(10), gap).map(([p, s, pick, g]): Cmd => new Move(p, s, pick, g)),
    },
    { weight: 2, arbitrary: fc.tuple(pair, side, gap).map(([p, s, g]): Cmd => new Comment(p, s, g)) },
    { weight: 1, arbitrary: fc.tuple(pair, side).map(([p, s]): Cmd => new Delete(p, s)) },
    { weight: 1, arbitrary: side.map((s): Cmd => new Create(s)) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).map((n): Cmd => new Process(n)) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.integer({ min: 1000, max: 10 * 60_000 }), fc.integer({ min: 30 * 60_000, max: 2 * 3600_000 }))
        .map((ms): Cmd => new Jump(ms)),
    },
    { weight: 1, arbitrary: fc.constant<Cmd>(new Reconcile()) },
    {
      weight: 1,
      arbitrary: fc.tuple(side, fc.integer({ min: 60_000, max: 90 * 60_000 })).map(([s, ms]): Cmd => new Outage(s, ms)),
    },
    ...pairingAndAbuse(),
    ...serviceOnly(runtime),
  );
  return [arb];
}
