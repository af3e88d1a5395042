/**
 * What people do to the pairing itself, and what an attacker with ordinary rights can do to it: a person unlinks
 * a pair from the issue panel and later links it again; a Jira user writes the app's marker (the issue property)
 * naming a task that is already linked, on an issue of their own or on a linked one; a Bitrix24 user puts a linked
 * issue's id in a new task's XML_ID. The model remembers only what people did; the invariants (pairing-invariants.ts)
 * say what the pairing must then be.
 */
import type fc from 'fast-check';
import { people, editMark, PEOPLE, type PairModel, type Real } from './world';

type Cmd = fc.AsyncCommand<Real, Real, false>;

/**
 * The issue panel's resolver, called as the person the bridge would name (Anna may edit every DEMO issue). Under
 * the run's load faults the permission check itself may fail (and the panel then refuses, failing closed): the
 * person clicks again, as people do, a second later.
 */
async function panel(
  r: Real,
  call: string,
  p: PairModel,
  payload: Record<string, unknown> = {},
): Promise<{ error?: string } & Record<string, unknown>> {
  const issue = await people(r.w).issue(p.issueId);
  const click = async (): Promise<{ error?: string } & Record<string, unknown>> =>
    (await r.w.platform.invoke({
      function: 'issue-resolver-fn',
      call,
      payload,
      accountId: PEOPLE.anna.accountId,
      extension: { project: { key: 'DEMO' }, issue: { id: issue.id, key: issue.key } },
    })) as { error?: string } & Record<string, unknown>;
  let reply = await click();
  for (let i = 0; i < 20 && reply.error !== undefined; i += 1) {
    r.w.clock.advance(1000);
    reply = await click();
  }
  return reply;
}

const pick = (r: Real, pair: number): PairModel | undefined => {
  const p = r.pairs[pair % r.pairs.length];
  return p && !p.deletedOn ? p : undefined;
};

export class Unlink implements Cmd {
  constructor(readonly pair: number) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = pick(r, this.pair);
    if (!p || p.unlinked) return;
    r.w.clock.advance(1000);
    const reply = (await panel(r, 'unlink', p)) as { unlinked?: boolean; error?: string };
    if (reply.unlinked !== true) throw new Error(`unlink was refused: ${JSON.stringify(reply)}`);
    p.unlinked = true;
    p.everUnlinked = true;
    r.log.push(`unlinked ${p.taskId}/${p.issueId}`);
  }
  toString = (): string => `unlink(${this.pair})`;
}

/** The person links the same two again; from then on the pair syncs like any other. */
export class Relink implements Cmd {
  constructor(readonly pair: number) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const p = pick(r, this.pair);
    if (!p || !p.unlinked) return;
    r.w.clock.advance(1000);
    const reply = (await panel(r, 'linkTask', p, { task: p.taskId })) as { link?: unknown; error?: string };
    if (reply.link === undefined) throw new Error(`the link was refused: ${JSON.stringify(reply)}`);
    p.unlinked = false;
    p.relinkedAt = editMark(r.w);
    r.log.push(`linked ${p.taskId}/${p.issueId} again at ${p.relinkedAt}`);
  }
  toString = (): string => `relink(${this.pair})`;
}

/**
 * A Jira user (Chloé, who may edit issues) writes the app's marker naming another pair's task: on a new issue of
 * her own (created with the property in the create, as the REST API allows) or on a linked issue.
 */
export class ForgeIssueMarker implements Cmd {
  constructor(
    readonly victim: number,
    readonly onNew: boolean,
    readonly target: number,
  ) {}
  check = (r: Real): boolean => !this.onNew || r.created.length < 3;
  async run(_: Real, r: Real): Promise<void> {
    const victim = pick(r, this.victim);
    if (!victim) return;
    const marker = { key: 'b24-sync', value: { taskId: victim.taskId } };
    if (this.onNew) {
      r.counter += 1;
      const title = `New ${r.counter}`;
      const body = {
        fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: title },
        properties: [marker],
      };
      const created = (await r.w.jira(PEOPLE.chloe.email, 'POST', '/rest/api/3/issue', body)) as { id: string };
      r.created.push({ side: 'jira', id: created.id, title });
      r.log.push(`issue ${created.id} created with the marker of task ${victim.taskId}`);
      return;
    }
    const target = pick(r, this.target);
    if (!target || target === victim) return;
    await r.w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${target.issueId}/properties/b24-sync`, marker.value);
    r.log.push(`issue ${target.issueId} given the marker of task ${victim.taskId}`);
  }
  toString = (): string => `forgeIssueMarker(${this.victim}, ${this.onNew ? 'new' : `on ${this.target}`})`;
}

/** A Bitrix24 user creates a task whose XML_ID names another pair's issue, as tasks.task.add lets anyone do. */
export class ForgeTaskMarker implements Cmd {
  constructor(readonly victim: number) {}
  check = (r: Real): boolean => r.created.length < 3;
  async run(_: Real, r: Real): Promise<void> {
    const victim = pick(r, this.victim);
    if (!victim) return;
    r.counter += 1;
    const title = `New ${r.counter}`;
    const id = await people(r.w).createTask(PEOPLE.ben.b24, {
      TITLE: title,
      RESPONSIBLE_ID: PEOPLE.chloe.b24,
      XML_ID: victim.issueId,
    });
    r.created.push({ side: 'b24', id, title });
    r.log.push(`task ${id} created with XML_ID ${victim.issueId}`);
  }
  toString = (): string => `forgeTaskMarker(${this.victim})`;
}
