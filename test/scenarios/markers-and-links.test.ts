/**
 * Links are the truth; markers are hints. A marker (the issue property `b24-sync`, a task's XML_ID) may only restore
 * a link the app's own storage lost, and only when it is the one the app wrote; it never takes a task that is linked
 * elsewhere, outside the pair's workgroup, or that a person unlinked. A person's unlink removes the markers and is
 * remembered, so no later edit pairs the two again or creates a twin; a re-link moves the pair for good.
 */
import { readDryRun, startDryRun } from '../../src/app/migration/dry-run';
import { migrationStatus, startMigration } from '../../src/app/migration/start';
import { inApp, whileUnpaired } from '../reconcile/in-app';
import { actions, adfText, createWorld, pairedTask, PEOPLE, type World } from './harness';

const MARKER = 'b24-sync';

type Issue = { id: string; key: string };

/** A person's click in the issue panel (the resolver checks their rights on that issue). */
async function panel(
  w: World,
  call: string,
  issue: Issue,
  payload: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const reply = (await w.platform.invoke({
    function: 'issue-resolver-fn',
    call,
    payload,
    accountId: PEOPLE.chloe.accountId,
    extension: { project: { key: 'DEMO' }, issue },
  })) as Record<string, unknown>;
  await w.settle();
  return reply;
}

async function markerOn(w: World, issueId: string): Promise<unknown> {
  try {
    return (
      (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}/properties/${MARKER}`)) as {
        value: unknown;
      }
    ).value;
  } catch {
    return undefined;
  }
}

const keyOf = async (w: World, issueId: string): Promise<Issue> => ({
  id: issueId,
  key: (await actions(w).issue(issueId)).key,
});

const notesOf = (w: World): { code: string; params: Record<string, string> }[] =>
  actions(w)
    .journal()
    .flatMap((e) => (e as { notes?: { code: string; params: Record<string, string> }[] }).notes ?? []);

async function renameIssue(w: World, issueId: string, summary: string): Promise<void> {
  await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary } });
  await w.settle();
}

async function renameTask(w: World, taskId: string, title: string): Promise<void> {
  await w.b24(PEOPLE.anna.b24, 'tasks.task.update', { taskId, fields: { TITLE: title } });
  await w.settle();
}

describe('a marker a Jira user writes', () => {
  it("naming another pair's task, on a new issue, takes nothing: the issue gets its own task and the journal says why", async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    const x = (await w.jira(PEOPLE.chloe.email, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'DEMO' },
        issuetype: { name: 'Task' },
        summary: 'Hijacked title',
        description: adfText('Overwritten'),
      },
      properties: [{ key: MARKER, value: { taskId } }],
    })) as Issue;
    await w.settle();

    expect(a.linkOfTask(taskId)?.issueId).toBe(issueId);
    expect((await a.b24Task(taskId)).title).toBe('Shared work');
    const own = a.linkOfIssue(x.id)?.taskId;
    expect(own).toBeDefined();
    expect(own).not.toBe(taskId);
    expect(notesOf(w)).toContainEqual(
      expect.objectContaining({
        code: 'marker.linkedElsewhere',
        params: expect.objectContaining({ task: taskId }) as unknown,
      }),
    );
  });

  it("copied from the pair's own issue onto another, and the issue edited, still takes nothing", async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    const copied = await markerOn(w, issueId);
    expect(copied).toMatchObject({ taskId });
    let x: Issue = { id: '', key: '' };
    await whileUnpaired(w, async () => {
      x = await a.createIssue(PEOPLE.chloe.email, { summary: 'Quiet issue' });
      await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${x.id}/properties/${MARKER}`, copied);
    });
    await renameIssue(w, x.id, 'Now take the task');

    expect(a.linkOfTask(taskId)?.issueId).toBe(issueId);
    expect((await a.b24Task(taskId)).title).toBe('Shared work');
    expect(a.linkOfIssue(x.id)?.taskId).not.toBe(taskId);
  });

  it('naming a task nobody has linked pairs nothing unless the app wrote it; nothing is created in its stead', async () => {
    const w = await createWorld();
    const a = actions(w);
    let lonely = '';
    let x: Issue = { id: '', key: '' };
    await whileUnpaired(w, async () => {
      // Made while the workgroup was not paired: the app never heard of it, so no issue was made for it.
      lonely = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Private plans', DESCRIPTION: 'Not for Jira' });
      x = await a.createIssue(PEOPLE.chloe.email, { summary: 'Show me the plans' });
      await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${x.id}/properties/${MARKER}`, { taskId: lonely });
    });
    const tasksBefore = (await a.tasksInGroup()).length;
    await renameIssue(w, x.id, 'Show me the plans, please');

    expect(a.linkOfIssue(x.id)).toBeUndefined();
    expect(a.linkOfTask(lonely)).toBeUndefined();
    expect((await a.b24Task(lonely)).title).toBe('Private plans');
    expect((await a.tasksInGroup()).length).toBe(tasksBefore);
    expect(notesOf(w)).toContainEqual(
      expect.objectContaining({ code: 'marker.unbound', params: expect.objectContaining({ task: lonely }) as unknown }),
    );
  });

  it('naming a task in another workgroup is ignored and journalled: the issue gets a task of its own workgroup', async () => {
    const w = await createWorld();
    const a = actions(w);
    const elsewhere = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Legacy secret', GROUP_ID: '2' });
    await w.settle();
    const x = (await w.jira(PEOPLE.chloe.email, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Bring the legacy task' },
      properties: [{ key: MARKER, value: { taskId: elsewhere } }],
    })) as Issue;
    await w.settle();

    expect(a.linkOfTask(elsewhere)).toBeUndefined();
    const own = await a.taskOfIssue(x.id);
    expect(own.groupId).toBe('1');
    expect(own.title).toBe('Bring the legacy task');
    expect(notesOf(w)).toContainEqual(
      expect.objectContaining({
        code: 'marker.outsideScope',
        params: expect.objectContaining({ task: elsewhere }) as unknown,
      }),
    );
  });
});

describe("a task's XML_ID a Bitrix24 person writes", () => {
  it('naming a linked issue takes nothing: the task gets an issue of its own', async () => {
    const w = await createWorld();
    const a = actions(w);
    const issue = await a.createIssue(PEOPLE.dmitri.email, { summary: 'From Jira' });
    await w.settle();
    const taskId = a.linkOfIssue(issue.id)?.taskId ?? '';
    const forged = await a.createTask(PEOPLE.dmitri.b24, { TITLE: 'Mine now', XML_ID: issue.id });
    await w.settle();
    await renameIssue(w, issue.id, 'From Jira, renamed');

    expect(a.linkOfIssue(issue.id)?.taskId).toBe(taskId);
    expect((await a.b24Task(taskId)).title).toBe('From Jira, renamed');
    expect((await a.b24Task(forged)).title).toBe('Mine now');
    expect(a.linkOfTask(forged)?.issueId).not.toBe(issue.id);
  });

  it('naming an issue the app has not paired yet is not taken as the task the app made for it', async () => {
    const w = await createWorld();
    const a = actions(w);
    // Before the app has made the issue's task, Ben makes one in Bitrix24 that claims the issue, with the creator the
    // app writes as (any Bitrix24 person may name another creator).
    const issue = await a.createIssue(PEOPLE.ben.email, { summary: 'Claimed in advance' });
    w.clock.advance(1000);
    const forged = (await w.b24(PEOPLE.ben.b24, 'tasks.task.add', {
      fields: {
        TITLE: "Not the app's task",
        GROUP_ID: '1',
        RESPONSIBLE_ID: PEOPLE.ben.b24,
        CREATED_BY: PEOPLE.anna.b24,
        XML_ID: issue.id,
      },
    })) as { task: { id: string } };
    await w.settle();

    const paired = a.linkOfIssue(issue.id)?.taskId;
    expect(paired).toBeDefined();
    expect(paired).not.toBe(forged.task.id);
    expect((await a.b24Task(paired ?? '')).title).toBe('Claimed in advance');
    expect((await a.b24Task(forged.task.id)).title).toBe("Not the app's task");
  });
});

describe("a person's unlink", () => {
  it('removes both markers, and no later edit of either side pairs them again or makes a twin', async () => {
    const w = await createWorld();
    const a = actions(w);
    const fromB24 = await pairedTask(w);
    const fromJira = await a.createIssue(PEOPLE.dmitri.email, { summary: 'Made in Jira' });
    await w.settle();
    const jiraTask = a.linkOfIssue(fromJira.id)?.taskId ?? '';
    expect((await a.b24Task(jiraTask)).xmlId).toBe(fromJira.id);

    expect(await panel(w, 'unlink', await keyOf(w, fromB24.issueId))).toEqual({ unlinked: true });
    expect(await panel(w, 'unlink', fromJira)).toEqual({ unlinked: true });
    expect(await markerOn(w, fromB24.issueId)).toBeUndefined();
    // Bitrix24 answers a cleared XML_ID as an empty string.
    expect((await a.b24Task(jiraTask)).xmlId ?? '').toBe('');
    const counts = { issues: (await a.issuesInProject()).length, tasks: (await a.tasksInGroup()).length };

    await renameIssue(w, fromB24.issueId, 'Issue edited after the unlink');
    await renameTask(w, fromB24.taskId, 'Task edited after the unlink');
    await renameIssue(w, fromJira.id, 'Jira issue edited after the unlink');
    await renameTask(w, jiraTask, 'Jira task edited after the unlink');
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();

    for (const id of [fromB24.issueId, fromJira.id]) expect(a.linkOfIssue(id)).toBeUndefined();
    for (const id of [fromB24.taskId, jiraTask]) expect(a.linkOfTask(id)).toBeUndefined();
    expect({ issues: (await a.issuesInProject()).length, tasks: (await a.tasksInGroup()).length }).toEqual(counts);
    expect((await a.b24Task(fromB24.taskId)).title).toBe('Task edited after the unlink');
    expect((await a.issue(fromB24.issueId)).fields.summary).toBe('Issue edited after the unlink');
    const unlinked = a.journal().filter((e) => e.operation === 'unlink');
    expect(unlinked.map((e) => e.taskId).sort()).toEqual([fromB24.taskId, jiraTask].sort());
  });

  it('outlives a migration: neither side is paired again nor given a twin', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    await panel(w, 'unlink', await keyOf(w, issueId));
    const counts = { issues: (await a.issuesInProject()).length, tasks: (await a.tasksInGroup()).length };

    await inApp(w, (deps) => startDryRun(deps, 'DEMO'));
    await w.settle();
    expect(await inApp(w, (deps) => readDryRun(deps, 'DEMO'))).toMatchObject({
      prediction: { scope: { issuesToCreate: 0, tasksToCreate: 0 } },
    });
    await inApp(w, (deps) => startMigration(deps, 'DEMO'));
    await w.settle();

    expect(await inApp(w, (deps) => migrationStatus(deps, 'DEMO'))).toMatchObject({ state: 'done' });
    expect(a.linkOfTask(taskId)).toBeUndefined();
    expect(a.linkOfIssue(issueId)).toBeUndefined();
    expect({ issues: (await a.issuesInProject()).length, tasks: (await a.tasksInGroup()).length }).toEqual(counts);
  });

  it('is undone only by a person: "Create task" then makes a new task for the issue', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    const issue = await keyOf(w, issueId);
    await panel(w, 'unlink', issue);
    expect(await panel(w, 'createInB24', issue)).toEqual({ queued: true });
    const fresh = a.linkOfIssue(issueId)?.taskId;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(taskId);
    expect(a.linkOfTask(taskId)).toBeUndefined();
  });
});

describe('a re-link', () => {
  it("moves the task to the other issue for good: the old issue's edits never take it back", async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    const old = await keyOf(w, issueId);
    let other: Issue = { id: '', key: '' };
    await whileUnpaired(w, async () => {
      other = await a.createIssue(PEOPLE.chloe.email, { summary: 'The right issue' });
    });
    await panel(w, 'unlink', old);
    expect(await panel(w, 'linkTask', other, { task: taskId })).toMatchObject({ link: { taskId, issueId: other.id } });

    await renameIssue(w, old.id, 'The wrong issue, edited');
    await w.platform.runtime.runScheduled('reconcile');
    await w.settle();

    expect(a.linkOfTask(taskId)?.issueId).toBe(other.id);
    expect(a.linkOfIssue(old.id)).toBeUndefined();
    expect((await a.b24Task(taskId)).title).not.toBe('The wrong issue, edited');
    const entries = a
      .journal()
      .filter((e) => e.taskId === taskId && (e.operation === 'unlink' || e.operation === 'link'));
    expect(entries.map((e) => [e.operation, e.issueId]).sort()).toEqual([
      ['link', other.id],
      ['unlink', old.id],
    ]);
  });
});

describe('a link the storage lost', () => {
  it("is made once when Bitrix24's reply to the task's add is lost: the retry finds the app's task by XML_ID", async () => {
    const w = await createWorld();
    const a = actions(w);
    const original = w.platform.b24.handle.bind(w.platform.b24);
    let lost = 0;
    // The add lands, then the connection drops before the reply: only the app's own add, only once.
    w.platform.b24.handle = async (request, caller) => {
      const response = await original(request, caller);
      if (lost === 0 && /\/tasks\.task\.add(\.json)?$/.test(new URL(request.url).pathname)) {
        lost += 1;
        throw new TypeError('fetch failed: the connection was reset');
      }
      return response;
    };
    const issue = await a.createIssue(PEOPLE.ben.email, { summary: 'Only one task, please' });
    await w.settle();

    expect(lost).toBe(1);
    const tasks = await a.tasksInGroup();
    expect(tasks).toHaveLength(1);
    expect(a.linkOfIssue(issue.id)?.taskId).toBe(tasks[0]?.id);
    // The task's own add event, arriving before the retry, must not give the app's task an issue of its own.
    expect((await a.issuesInProject()).map((i) => i.id)).toEqual([issue.id]);
    expect(a.linkOfTask(tasks[0]?.id ?? '')?.issueId).toBe(issue.id);
    expect(w.platform.kvs.keys().filter((k) => k.startsWith('msent:'))).toEqual([]);
  });

  it('is not restored from a copy of its marker: with two issues carrying it, only a person can tell', async () => {
    const w = await createWorld();
    const a = actions(w);
    const { taskId, issueId } = await pairedTask(w);
    let x: Issue = { id: '', key: '' };
    await whileUnpaired(w, async () => {
      x = await a.createIssue(PEOPLE.chloe.email, { summary: 'Copycat' });
      await w.jira(
        PEOPLE.chloe.email,
        'PUT',
        `/rest/api/3/issue/${x.id}/properties/${MARKER}`,
        await markerOn(w, issueId),
      );
    });
    await inApp(w, async (deps) => {
      for (const key of [`link:b24:${taskId}`, `link:jira:${issueId}`]) await deps.kv.delete(key);
    });
    await renameIssue(w, x.id, 'Copycat takes the task');

    expect(a.linkOfTask(taskId)).toBeUndefined();
    expect(a.linkOfIssue(x.id)).toBeUndefined();
    expect((await a.b24Task(taskId)).title).toBe('Shared work');
    expect(notesOf(w)).toContainEqual(
      expect.objectContaining({
        code: 'marker.ambiguous',
        params: expect.objectContaining({ task: taskId, issue: x.key }) as unknown,
      }),
    );
  });

  it("is restored by the app's own marker, from either side's edit", async () => {
    const w = await createWorld();
    const a = actions(w);
    const first = await pairedTask(w);
    const second = await pairedTask(w, { TITLE: 'Second shared work' });
    for (const p of [first, second]) {
      await inApp(w, async (deps) => {
        for (const key of [`link:b24:${p.taskId}`, `link:jira:${p.issueId}`]) await deps.kv.delete(key);
      });
    }
    const issues = (await a.issuesInProject()).length;
    const tasks = (await a.tasksInGroup()).length;

    await renameIssue(w, first.issueId, 'Edited in Jira after the loss');
    await renameTask(w, second.taskId, 'Edited in Bitrix24 after the loss');

    expect(a.linkOfIssue(first.issueId)?.taskId).toBe(first.taskId);
    expect(a.linkOfTask(second.taskId)?.issueId).toBe(second.issueId);
    expect((await a.b24Task(first.taskId)).title).toBe('Edited in Jira after the loss');
    expect((await a.issue(second.issueId)).fields.summary).toBe('Edited in Bitrix24 after the loss');
    expect({ issues: (await a.issuesInProject()).length, tasks: (await a.tasksInGroup()).length }).toEqual({
      issues,
      tasks,
    });
  });
});
