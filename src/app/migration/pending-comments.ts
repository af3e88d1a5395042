/**
 * Which newly paired entities still owe their existing comments. The mark is set before the entity is created and
 * cleared once its comments are copied, so a page retried after a failure between the two copies them then (the
 * entity is already linked, which alone would make the retry skip it). Comment links keep each copy single.
 */
import type { KeyValueStore } from '../../ports/store';

const TTL_SECONDS = 24 * 3600;
const key = (side: 'b24' | 'jira', id: string): string => `mcomment:${side}:${id.replace(/[^a-zA-Z0-9._-]/g, '_')}`;

export async function owesComments(kv: KeyValueStore, side: 'b24' | 'jira', ids: string[]): Promise<void> {
  for (const id of ids) await kv.set(key(side, id), true, { ttlSeconds: TTL_SECONDS });
}

export async function stillOwesComments(kv: KeyValueStore, side: 'b24' | 'jira', id: string): Promise<boolean> {
  return (await kv.get(key(side, id))) !== undefined;
}

export async function commentsCopied(kv: KeyValueStore, side: 'b24' | 'jira', ids: string[]): Promise<void> {
  for (const id of ids) await kv.delete(key(side, id));
}
