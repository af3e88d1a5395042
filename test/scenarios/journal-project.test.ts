/**
 * A failure is journalled under the project it belongs to, where the Activity tab shows it: a job that fails before
 * it has read which project its entity is in (a task the app may not read) still lands under the paired project,
 * never under a journal no tab lists.
 */
import { actions, createWorld, PEOPLE } from './harness';

describe('a job that fails before its project is known', () => {
  it('is journalled under the paired project, where the activity tab shows it', async () => {
    const w = await createWorld();
    const a = actions(w);
    const b24 = w.platform.b24;
    const handle = b24.handle.bind(b24);
    // The app may not read tasks (a permission withdrawn): the unlinked task's job fails on its first read.
    b24.handle = async (request, caller) =>
      request.url.includes('tasks.task.get') && !request.url.includes(`/rest/${PEOPLE.ben.b24}/`)
        ? new Response(JSON.stringify({ error: 'ACCESS_DENIED', error_description: 'Access denied' }), { status: 403 })
        : handle(request, caller);
    await a.createTask(PEOPLE.ben.b24, { TITLE: 'Unreadable for the app' });
    await w.settle();
    const failed = w.platform.kvs
      .keys()
      .filter((k: string) => k.startsWith('journal:DEMO:'))
      .map((k: string) => w.platform.kvs.peek(k) as { outcome: string; operation: string })
      .filter((e) => e.outcome === 'failed');
    expect(failed.map((e) => e.operation)).toEqual(['task-changed']);
    expect(w.platform.kvs.keys().filter((k: string) => k.startsWith('journal:-:'))).toEqual([]);
  });
});
