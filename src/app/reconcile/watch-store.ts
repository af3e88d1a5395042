/**
 * What the five-minute watch remembers between ticks: the newest Bitrix24 change it has seen (in Bitrix24's own
 * clock, so the next look asks from there) and when it last looked and found something, for the health notices.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from '../store/keys';
import { versionsSchema, type Versions } from './versions';

export interface WatchState {
  /** CHANGED_DATE of the newest change seen, as an instant; absent until the first look. */
  mark?: number;
  /**
   * Tasks changed exactly at `mark`, with their version (versions.ts): a later change in that same second keeps
   * CHANGED_DATE, and only the version tells it apart from the change already seen.
   */
  markVersions: Versions;
  /** App clock: the last tick that looked at Bitrix24. */
  checkedAt?: number;
  /** App clock: the last look that found a change and started the reconcile scan. */
  foundAt?: number;
}

const schema = z.object({
  mark: z.number().optional(),
  // A state saved before versions were kept has none: its tasks at the mark count as changed once.
  markVersions: versionsSchema.default({}),
  checkedAt: z.number().optional(),
  foundAt: z.number().optional(),
});

export class WatchStore {
  constructor(private readonly kv: KeyValueStore) {}

  async get(): Promise<WatchState> {
    const parsed = schema.safeParse(await this.kv.get(keys.b24Watch()));
    return parsed.success ? parsed.data : { markVersions: {} };
  }

  async save(state: WatchState): Promise<void> {
    await this.kv.set(keys.b24Watch(), {
      markVersions: state.markVersions,
      ...(state.mark === undefined ? {} : { mark: state.mark }),
      ...(state.checkedAt === undefined ? {} : { checkedAt: state.checkedAt }),
      ...(state.foundAt === undefined ? {} : { foundAt: state.foundAt }),
    });
  }
}
