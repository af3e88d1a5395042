/**
 * A description a person nests deeply (lists six levels down) must not make the pair's stored
 * state exceed Forge storage's depth limit: the state keeps descriptions as serialised text, so the pair goes on
 * syncing and no later edit is reverted.
 */
import { MAX_DEPTH } from '../../src/local/forge/kvs-store';
import { actions, createWorld, pairedTask, PEOPLE } from './harness';

/** A bullet list nested `levels` deep, each item with a line of text. */
function nestedList(levels: number): unknown {
  let inner: Record<string, unknown> | null = null;
  for (let level = levels; level >= 1; level -= 1) {
    const paragraph = { type: 'paragraph', content: [{ type: 'text', text: `level ${level}` }] };
    inner = { type: 'bulletList', content: [{ type: 'listItem', content: inner ? [paragraph, inner] : [paragraph] }] };
  }
  return { type: 'doc', version: 1, content: [inner] };
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf));
}

describe('a deeply nested description', () => {
  it('is synced, its pair state stays storable, and later edits on both sides still sync', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    const description = nestedList(8);
    expect(depthOf(description)).toBeGreaterThan(MAX_DEPTH);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { description } });
    await w.settle();
    const a = actions(w);
    expect((await a.b24Task(taskId)).description).toContain('level 8');
    expect(w.platform.kvs.peek(`state:${taskId}-${issueId}`)).toBeDefined();
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);

    w.clock.advance(60_000);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Still in sync' } });
    await w.settle();
    w.clock.advance(60_000);
    await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { priority: { name: 'High' } } });
    await w.settle();
    const [task, issue] = [await a.b24Task(taskId), await a.issue(issueId)];
    expect([task.title, issue.fields.summary]).toEqual(['Still in sync', 'Still in sync']);
    expect(task.priority).toBe('2');
    expect(JSON.stringify(issue.fields.description)).toContain('level 8');
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
  });
});
