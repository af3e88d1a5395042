/**
 * Random edits on both sides of a synced pair, planned, applied through the real mapping and read back:
 * the plan converges, a second plan is empty (no echo writes), and concurrent edits of different fields survive.
 */
import fc from 'fast-check';
import type { AdfDoc } from '../../../src/core/adf';
import { fromB24Task, fromJiraIssue } from '../../../src/core/mapping/from-side';
import { b24DescriptionRoundTrip } from '../../../src/core/mapping/project';
import { toB24Fields, toJiraFields } from '../../../src/core/mapping/to-side';
import { planPairSync, type SyncBase } from '../../../src/core/sync/merge';
import type { B24Task } from '../../../src/core/remote/b24';
import type { JiraIssue } from '../../../src/core/remote/jira';
import { aB24Task, aContext, aJiraIssue, doc } from '../builders';
import { applyToB24, applyToJira, JIRA_PEOPLE } from './simulate';

const ctx = aContext();
const SEED = 20251024;

type B24Edit = Partial<Pick<B24Task, 'title' | 'status' | 'priority' | 'responsibleId' | 'deadline' | 'description'>>;
type JiraEdit = Partial<{
  summary: string;
  status: string;
  priority: string;
  assignee: string | null;
  duedate: string | null;
  description: AdfDoc;
}>;

const titles = fc.constantFrom('Fix login', 'Ship it', 'Écrire la doc', 'Починить вход');
const b24Edit: fc.Arbitrary<B24Edit> = fc.record(
  {
    title: titles,
    status: fc.constantFrom('2', '3', '4', '5', '6'),
    priority: fc.constantFrom('0', '1', '2'),
    responsibleId: fc.constantFrom('1', '2', '99'),
    deadline: fc.constantFrom('2025-10-24T23:30:00+02:00', '2025-03-30T00:30:00+01:00', null),
    description: fc.constantFrom('plain words', '[B]bold[/B] move', 'line one\nline two'),
  },
  { requiredKeys: [] },
);
const jiraEdit: fc.Arbitrary<JiraEdit> = fc.record(
  {
    summary: titles,
    status: fc.constantFrom('To Do', 'In Progress', 'In Review', 'On Hold', 'Done', 'QA Testing'),
    priority: fc.constantFrom('Highest', 'High', 'Medium', 'Low', 'Lowest'),
    assignee: fc.constantFrom('acc-ada', 'acc-bob', 'acc-zed', null),
    duedate: fc.constantFrom('2025-10-24', '2025-10-26', null),
    description: fc.constantFrom(
      doc('jira words'),
      doc('two', 'paragraphs'),
      doc('an empty', '', 'paragraph is lost in BBCode'),
    ),
  },
  { requiredKeys: [] },
);

function editJira(issue: JiraIssue, e: JiraEdit): JiraIssue {
  const f = { ...issue.fields };
  if (e.summary !== undefined) f.summary = e.summary;
  if (e.status !== undefined) f.status = { id: e.status, name: e.status };
  if (e.priority !== undefined) f.priority = { id: 'p', name: e.priority };
  if (e.assignee !== undefined)
    f.assignee = e.assignee === null ? null : { accountId: e.assignee, displayName: JIRA_PEOPLE[e.assignee] ?? '' };
  if (e.duedate !== undefined) f.duedate = e.duedate;
  if (e.description !== undefined) f.description = e.description;
  return { ...issue, fields: f };
}

/** A pair in sync: the issue was created from the task, and both were read back. */
function syncedPair(): { task: B24Task; issue: JiraIssue; base: SyncBase } {
  const task = aB24Task({ description: 'start', deadline: '2025-10-20T18:00:00+02:00' });
  const issue = applyToJira(aJiraIssue(), toJiraFields(fromB24Task(task, ctx), ctx));
  return { task, issue, base: { b24: fromB24Task(task, ctx), jira: fromJiraIssue(issue, ctx) } };
}

function syncOnce(task: B24Task, issue: JiraIssue, base: SyncBase, b24Later: boolean) {
  const plan = planPairSync({
    b24: fromB24Task(task, ctx),
    jira: fromJiraIssue(issue, ctx),
    base,
    ctx,
    b24ChangedAt: b24Later ? '2025-10-02T12:00:00Z' : '2025-10-02T10:00:00Z',
    jiraChangedAt: '2025-10-02T11:00:00Z',
  });
  return {
    plan,
    task: applyToB24(task, toB24Fields(plan.toB24, ctx, { current: task })),
    issue: applyToJira(issue, toJiraFields(plan.toJira, ctx)),
  };
}

const run = <T extends unknown[]>(property: fc.IProperty<T>) => fc.assert(property, { seed: SEED, numRuns: 300 });

describe('the three-way merge under random concurrent edits', () => {
  it('reads back exactly the next base it planned, so planning again writes nothing', () => {
    run(
      fc.property(b24Edit, jiraEdit, fc.boolean(), (be, je, b24Later) => {
        const start = syncedPair();
        const after = syncOnce({ ...start.task, ...be }, editJira(start.issue, je), start.base, b24Later);
        expect(fromB24Task(after.task, ctx)).toEqual(after.plan.nextBase.b24);
        expect(fromJiraIssue(after.issue, ctx)).toEqual(after.plan.nextBase.jira);
        const again = syncOnce(after.task, after.issue, after.plan.nextBase, b24Later);
        expect(again.plan.toJira).toEqual({});
        expect(again.plan.toB24).toEqual({});
      }),
    );
  });

  it('leaves both sides equal on every field that can flow both ways', () => {
    run(
      fc.property(b24Edit, jiraEdit, fc.boolean(), (be, je, b24Later) => {
        const start = syncedPair();
        const after = syncOnce({ ...start.task, ...be }, editJira(start.issue, je), start.base, b24Later);
        const b24 = fromB24Task(after.task, ctx);
        const jira = fromJiraIssue(after.issue, ctx);
        // Descriptions agree up to what BBCode can hold: Jira keeps the richer document it was given or had.
        expect([b24.title, b24.priority, b24.dueDate, b24.description]).toEqual([
          jira.title,
          jira.priority,
          jira.dueDate,
          b24DescriptionRoundTrip(jira.description, ctx),
        ]);
      }),
    );
  });

  it('keeps both edits when each side changed a different field', () => {
    const fields = ['title', 'priority', 'dueDate'] as const;
    run(
      fc.property(fc.constantFrom(...fields), fc.constantFrom(...fields), fc.boolean(), (onB24, onJira, b24Later) => {
        fc.pre(onB24 !== onJira);
        const start = syncedPair();
        const b24Change: B24Edit = {
          title: { title: 'Ship it' },
          priority: { priority: '0' },
          dueDate: { deadline: '2025-03-30T00:30:00+01:00' },
        }[onB24];
        const jiraChange: JiraEdit = {
          title: { summary: 'Починить вход' },
          priority: { priority: 'Highest' },
          dueDate: { duedate: '2025-10-26' },
        }[onJira];
        const after = syncOnce(
          { ...start.task, ...b24Change },
          editJira(start.issue, jiraChange),
          start.base,
          b24Later,
        );
        const expected = {
          title: { title: 'Ship it' },
          priority: { priority: '0' },
          dueDate: { dueDate: '2025-03-30' },
        }[onB24];
        const expectedJira = {
          title: { title: 'Починить вход' },
          priority: { priority: '2' },
          dueDate: { dueDate: '2025-10-26' },
        }[onJira];
        for (const side of [fromB24Task(after.task, ctx), fromJiraIssue(after.issue, ctx)]) {
          expect(side).toMatchObject({ ...expected, ...expectedJira });
        }
        expect(after.plan.conflicts).toEqual([]);
      }),
    );
  });
});
