/**
 * The Bitrix24 intake against in-memory ports: a verified delivery becomes one queued job; the app's own writes
 * (the add of a task it paired, the updates the migration counted) are answered without a push, and only as many
 * times as they were announced, so a person's edit of the same task still queues.
 */
import { receiveB24Event, type IncomingDelivery } from '../../../src/app/intake/b24-event';
import { ConnectionStore } from '../../../src/app/store/connection';
import { LinkStore } from '../../../src/app/store/links';
import { OwnWrites } from '../../../src/app/sync/echo';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

const PORTAL = { domain: 'acme.bitrix24.com', memberId: 'm-1', token: 'app-token' };

function delivery(event: string, taskId: string, ts = 1_765_108_800): IncomingDelivery {
  const body = new URLSearchParams({
    event,
    ts: String(ts),
    'data[FIELDS_AFTER][ID]': taskId,
    'data[FIELDS_BEFORE]': 'undefined',
    'auth[domain]': PORTAL.domain,
    'auth[member_id]': PORTAL.memberId,
    'auth[application_token]': PORTAL.token,
  }).toString();
  return { method: 'POST', contentType: 'application/x-www-form-urlencoded', body };
}

async function connected(): Promise<MemoryDeps> {
  const deps = memoryDeps();
  const connection = new ConnectionStore(deps.kv, deps.secrets);
  await connection.save({ domain: PORTAL.domain, memberId: PORTAL.memberId, authMode: 'webhook', connectedAt: 0 });
  await connection.setApplicationToken(PORTAL.token);
  return deps;
}

const paired = (deps: MemoryDeps, taskId: string): Promise<void> =>
  new LinkStore(deps.kv).save({ taskId, issueId: '10001', issueKey: 'DEMO-1', projectKey: 'DEMO', linkedAt: 0 });

describe('a Bitrix24 task event at intake', () => {
  it('queues the job of a verified update', async () => {
    const deps = await connected();
    expect(await receiveB24Event(delivery('ONTASKUPDATE', '41'), deps)).toEqual({ status: 200, message: 'queued' });
    expect(deps.syncQueue.jobs()).toEqual([{ kind: 'task-changed', taskId: '41' }]);
  });

  it('refuses a delivery whose token is not the portal’s, and queues nothing', async () => {
    const deps = await connected();
    const forged = delivery('ONTASKUPDATE', '41');
    const result = await receiveB24Event({ ...forged, body: forged.body.replace(PORTAL.token, 'guessed') }, deps);
    expect(result.status).toBe(401);
    expect(deps.syncQueue.jobs()).toEqual([]);
  });
});

describe("the app's own Bitrix24 writes at intake", () => {
  it('answers the add event of a task that is already paired without a push', async () => {
    const deps = await connected();
    await paired(deps, '41');
    expect(await receiveB24Event(delivery('ONTASKADD', '41'), deps)).toEqual({
      status: 200,
      message: "the app's own write",
    });
    expect(deps.syncQueue.jobs()).toEqual([]);
  });

  it('queues the add event of a task without a link: the router decides once the link may exist', async () => {
    const deps = await connected();
    expect((await receiveB24Event(delivery('ONTASKADD', '41'), deps)).message).toBe('queued');
  });

  it('screens each update the migration announced once, then queues a person’s edit', async () => {
    const deps = await connected();
    await paired(deps, '41');
    await new OwnWrites(deps.kv).expectMigrationMarks(['41']);
    expect((await receiveB24Event(delivery('ONTASKUPDATE', '41', 1), deps)).message).toBe("the app's own write");
    expect((await receiveB24Event(delivery('ONTASKUPDATE', '41', 2), deps)).message).toBe('queued');
    expect(deps.syncQueue.jobs()).toEqual([{ kind: 'task-changed', taskId: '41' }]);
  });
});
