/**
 * Offline events: a portal that cannot call the app keeps its task changes in its offline queue, and the drain
 * (app/intake/offline-drain.ts, run by the service's schedule) brings them to Jira. The portal has no outgoing webhook
 * here, so the drain is the only way a change can arrive. A run that dies between reading the queue and
 * confirming it loses nothing; a record the app cannot read is refused, journalled and marked on the portal.
 */
import { drainOfflineEvents, type OfflineDrainResult } from '../../src/app/intake/offline-drain';
import type { AppDeps } from '../../src/app/deps';
import { composeApp } from '../../src/entry/composition';
import { runInvocation } from '../../src/local/forge/context';
import { defaultSeed } from '../../src/local/seed';
import { actions, createWorld, PEOPLE, type World } from './harness';

const ANNA = PEOPLE.anna.accountId;

const settings = (w: World, call: string, payload: Record<string, unknown> = {}): Promise<unknown> =>
  w.platform.invoke({
    function: 'settings-resolver-fn',
    call,
    payload,
    accountId: ANNA,
    extension: { project: { key: 'DEMO' } },
  });

/** No outgoing webhook: nothing reaches the app unless it reads the queue. */
async function offlinePortal(): Promise<World> {
  const seed = defaultSeed();
  const w = await createWorld({ seed: { ...seed, b24Events: { ...seed.b24Events, events: [] } } });
  const client = w.platform.seed.b24.oauthClient;
  await settings(w, 'saveConnection', {
    mode: 'oauth',
    portal: w.platform.seed.b24.domain,
    clientId: client?.clientId,
    clientSecret: client?.clientSecret,
  });
  await settings(w, 'completeOAuth', { code: w.platform.b24.issueAuthorizationCode(PEOPLE.anna.b24) });
  // The choice the service's Connection tab saves (the Forge app this platform runs refuses it: nothing drains there).
  w.platform.kvs.write('plain', 'connection', { ...(w.platform.kvs.peek('connection') as object), events: 'offline' });
  await settings(w, 'bindEvents');
  return w;
}

/** One scheduled run of the drain inside the app's runtime; `change` alters the Bitrix24 client it uses. */
function drain(
  w: World,
  change: (b24: AppDeps['b24']) => Partial<AppDeps['b24']> = () => ({}),
): Promise<OfflineDrainResult> {
  return runInvocation({ host: w.platform.runtime, functionKey: 'offline-drain' }, () => {
    const deps = composeApp({ handler: 'offline-drain' });
    return drainOfflineEvents({ ...deps, b24: { ...deps.b24, ...change(deps.b24) } });
  });
}

const queued = (w: World) => w.platform.b24.snapshot().offline.all();

async function pairedOffline(w: World): Promise<{ taskId: string; issueId: string }> {
  const a = actions(w);
  const taskId = await a.createTask(PEOPLE.ben.b24, { TITLE: 'Shared work', RESPONSIBLE_ID: PEOPLE.chloe.b24 });
  await w.settle();
  expect(a.linkOfTask(taskId)).toBeUndefined();
  expect(await drain(w)).toMatchObject({ drained: 1, queued: 1, refused: 0 });
  await w.settle();
  const issueId = a.linkOfTask(taskId)?.issueId;
  if (!issueId) throw new Error(`task ${taskId} was not paired`);
  return { taskId, issueId };
}

describe('a portal with offline events', () => {
  it('binds the six task events offline, with no URL and no uninstall handler', async () => {
    const w = await offlinePortal();
    const bound = w.platform.b24.snapshot().handlers.filter((h) => h.kind === 'app');
    expect(bound.map((h) => [h.event, h.offline, h.handler])).toEqual(
      [
        'ONTASKADD',
        'ONTASKUPDATE',
        'ONTASKDELETE',
        'ONTASKCOMMENTADD',
        'ONTASKCOMMENTUPDATE',
        'ONTASKCOMMENTDELETE',
      ].map((e) => [e, true, '']),
    );
  });

  it("brings a person's edit to Jira through the drain, and confirms exactly what it queued", async () => {
    const w = await offlinePortal();
    const { taskId, issueId } = await pairedOffline(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed on the portal' } });
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Renamed again' } });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Shared work');
    // Two edits of one task are one record: the queue keeps the object's last change.
    expect(await drain(w)).toEqual({ drained: 1, queued: 1, refused: 0, pages: 2, more: false });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Renamed again');
    expect(queued(w)).toEqual([]);
    expect(w.platform.kvs.peek('b24-offline-process')).toBeUndefined();
  });

  it('loses nothing when the run dies after the portal reserved the records but before they were confirmed', async () => {
    const w = await offlinePortal();
    const { taskId, issueId } = await pairedOffline(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Reply lost' } });
    const crash = (b24: AppDeps['b24']) => ({
      getOfflineEvents: async (o: { processId: string; limit: number }) => {
        await b24.getOfflineEvents(o);
        throw new Error('the process was killed');
      },
    });
    await expect(drain(w, crash)).rejects.toThrow('the process was killed');
    // Reserved, so hidden from an ordinary read, yet still on the portal under the stored process id.
    expect(queued(w).map((r) => r.processId)).toEqual([w.platform.kvs.peek('b24-offline-process')]);
    expect(await drain(w)).toMatchObject({ drained: 1, queued: 1 });
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Reply lost');
    expect(queued(w)).toEqual([]);
  });

  it('loses nothing and syncs once when the run dies after queueing, before event.offline.clear', async () => {
    const w = await offlinePortal();
    const { taskId, issueId } = await pairedOffline(w);
    await w.b24(PEOPLE.ben.b24, 'tasks.task.update', { taskId, fields: { TITLE: 'Queued, not confirmed' } });
    const crash = () => ({ clearOfflineEvents: async () => Promise.reject(new Error('the process was killed')) });
    await expect(drain(w, crash)).rejects.toThrow('the process was killed');
    w.platform.resetStats();
    await w.settle();
    expect((await actions(w).issue(issueId)).fields.summary).toBe('Queued, not confirmed');
    // The record comes back to the next run; its job re-reads, finds the pair in step, and writes nothing.
    expect(await drain(w)).toMatchObject({ drained: 1 });
    await w.settle();
    expect(queued(w)).toEqual([]);
    expect(w.platform.stats().jira.writes).toBe(1);
  });

  it('refuses a record it cannot read: nothing queued, journalled, marked failed on the portal', async () => {
    const w = await offlinePortal();
    await pairedOffline(w);
    w.platform.b24.queueOfflineRecord('ONTASKUPDATE', { FIELDS_AFTER: { ID: '12; DROP TABLE' } });
    w.platform.b24.queueOfflineRecord('ONCRMDEALUPDATE', { FIELDS: { ID: 7 } });
    expect(await drain(w)).toMatchObject({ drained: 0, queued: 0, refused: 2 });
    await w.settle();
    expect(queued(w).map((r) => [r.eventName, r.error])).toEqual([
      ['ONTASKUPDATE', true],
      ['ONCRMDEALUPDATE', true],
    ]);
    const notes = actions(w)
      .journal()
      .filter((e) => e.operation === 'offline-event');
    expect(notes.map((e) => [e.outcome, e.message?.includes('marked as failed')])).toEqual([
      ['warning', true],
      ['warning', true],
    ]);
    // Marked records stay out of later runs.
    expect(await drain(w)).toMatchObject({ drained: 0, refused: 0, pages: 1 });
  });
});
