/**
 * The migration's own Bitrix24 writes come back as id-only ONTASKUPDATE events (Bitrix24 has no "ignore self").
 * The migration knows exactly how many it caused per task, so it records that count before writing, and each such
 * event spends one instead of reading the task. Counting rather than matching content keeps a person's edit made
 * during the run: it fires an event of its own, so whichever of the two events arrives first is dismissed, the
 * other reads the task as usual and finds the edit. A lost echo would leave a count behind and swallow the next
 * edit's event, so counts expire (ECHO_TTL_SECONDS) and hourly reconciliation still compares that task.
 */
import type { KeyValueStore } from '../../ports/store';

const ECHO_TTL_SECONDS = 15 * 60;

const echoKey = (taskId: string): string => `mecho:${taskId.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

export async function expectEchoes(kv: KeyValueStore, taskIds: string[]): Promise<void> {
  for (const taskId of taskIds) {
    const current = await kv.get(echoKey(taskId));
    const count = (typeof current === 'number' ? current : 0) + 1;
    await kv.set(echoKey(taskId), count, { ttlSeconds: ECHO_TTL_SECONDS });
  }
}

/** A write that failed fires no event: its expected echo is taken back. */
export async function forgetEcho(kv: KeyValueStore, taskId: string): Promise<void> {
  await consumeEcho(kv, taskId);
}

/** True when this event is one the migration announced (and is now spent); no REST call either way. */
export async function consumeEcho(kv: KeyValueStore, taskId: string): Promise<boolean> {
  const current = await kv.get(echoKey(taskId));
  if (typeof current !== 'number' || current <= 0) return false;
  if (current === 1) await kv.delete(echoKey(taskId));
  else await kv.set(echoKey(taskId), current - 1, { ttlSeconds: ECHO_TTL_SECONDS });
  return true;
}
