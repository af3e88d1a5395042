/**
 * The last failed OAuth token refresh, kept until one works again. Bitrix24 refresh tokens rotate and expire, so a
 * refresh that keeps failing means every sync job fails until someone approves the app again: that must show.
 */
import { z } from 'zod';
import { isSyncError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/store';
import { keys } from '../store/keys';

export interface OAuthRefreshFailure {
  /** The first failure of the current run of failures. */
  since: number;
  lastAt: number;
  /** The error's code (e.g. `b24:invalid_grant`), never its message: messages may quote URLs with secrets. */
  code: string;
}

const schema = z.object({ since: z.number(), lastAt: z.number(), code: z.string() });

export class OAuthRefreshHealth {
  /** `key` tells the sides apart: Bitrix24's by default, `keys.jiraOAuthRefreshFailure()` for the service's Jira OAuth. */
  constructor(
    private readonly kv: KeyValueStore,
    private readonly clock: Clock,
    private readonly key = keys.oauthRefreshFailure(),
  ) {}

  async get(): Promise<OAuthRefreshFailure | null> {
    const parsed = schema.safeParse(await this.kv.get(this.key));
    return parsed.success ? parsed.data : null;
  }

  /** Wired into the Bitrix24 auth adapter (src/entry/composition.ts) and the Jira OAuth transport (adapters/jira-cloud). */
  readonly record = async (outcome: { ok: true } | { ok: false; error: unknown }): Promise<void> => {
    if (outcome.ok) return this.kv.delete(this.key);
    const now = this.clock.now();
    const previous = await this.get();
    const code = isSyncError(outcome.error)
      ? outcome.error.code
      : outcome.error instanceof Error
        ? outcome.error.name
        : 'unknown';
    await this.kv.set(this.key, { since: previous?.since ?? now, lastAt: now, code });
  };
}
