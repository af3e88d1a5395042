/**
 * Write intents (loop-prevention layer 3): what a side will read as once our write lands. An event whose state
 * matches an intent is our own echo, even when it overtakes the pair-state update. Intents expire quickly:
 * an echo arrives within seconds or minutes, never hours.
 */
import { z } from 'zod';
import type { WriteIntent } from '../../core/sync/echo';
import type { Side } from '../../core/model';
import type { KeyValueStore } from '../../ports/store';
import { keys } from './keys';

const INTENT_TTL_SECONDS = 15 * 60;

const intentSchema = z.object({ side: z.enum(['b24', 'jira']), fields: z.array(z.string()), hash: z.string() });

export class IntentStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(side: Side, id: string): Promise<WriteIntent | null> {
    const parsed = intentSchema.safeParse(await this.kv.get(keys.intent(side, id)));
    return parsed.success ? (parsed.data as WriteIntent) : null;
  }

  async put(id: string, intent: WriteIntent): Promise<void> {
    await this.kv.set(
      keys.intent(intent.side, id),
      { side: intent.side, fields: [...intent.fields], hash: intent.hash },
      { ttlSeconds: INTENT_TTL_SECONDS },
    );
  }

  /** An intent is good for one echo: once matched it is gone, so a later read is judged on its own. */
  async remove(side: Side, id: string): Promise<void> {
    await this.kv.delete(keys.intent(side, id));
  }

  /** A comment we are about to post: its echo event is recognised by the content fingerprint. */
  async putComment(side: Side, parentId: string, fingerprint: string): Promise<void> {
    await this.kv.set(keys.commentIntent(side, parentId, fingerprint), true, { ttlSeconds: INTENT_TTL_SECONDS });
  }

  async dropComment(side: Side, parentId: string, fingerprint: string): Promise<void> {
    await this.kv.delete(keys.commentIntent(side, parentId, fingerprint));
  }

  /** True once for the echo of a comment we posted; a second comment with the same text is a person's. */
  async takeComment(side: Side, parentId: string, fingerprint: string): Promise<boolean> {
    const key = keys.commentIntent(side, parentId, fingerprint);
    if ((await this.kv.get(key)) === undefined) return false;
    await this.kv.delete(key);
    return true;
  }
}
