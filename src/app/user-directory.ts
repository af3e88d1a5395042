/**
 * People across the two systems, matched by e-mail and cached in storage, so a person costs REST calls once,
 * not on every change. Configured overrides win over e-mail matches. A person with no counterpart is remembered
 * (for a day) as unmatched, with a name the journal can show.
 */
import { z } from 'zod';
import type { SyncConfig } from '../core/config';
import type { B24Port } from '../ports/b24';
import type { JiraPort } from '../ports/jira';
import type { KeyValueStore } from '../ports/store';
import { emailsOf, findJiraUserByEmail } from './jira-emails';
import { keys } from './store/keys';

const UNMATCHED_TTL_SECONDS = 24 * 3600;

export type Counterpart = { matched: true; id: string } | { matched: false; name: string };

const cachedSchema = z.union([
  z.object({ matched: z.literal(true), id: z.string(), name: z.string().optional() }),
  z.object({ matched: z.literal(false), name: z.string() }),
]);

export class UserDirectory {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly jira: JiraPort,
    private readonly b24: B24Port,
    private readonly config: SyncConfig,
  ) {}

  /** The Jira account for a Bitrix24 user id. */
  async jiraFor(b24UserId: string): Promise<Counterpart> {
    const override = this.config.users.overrides.find((o) => o.b24UserId === b24UserId);
    if (override) return { matched: true, id: override.jiraAccountId };
    const cached = await this.cached(keys.userByB24(b24UserId));
    if (cached) return cached;
    const user = await this.b24.getUser(b24UserId);
    const name = user ? `${user.name} ${user.lastName}`.trim() : `Bitrix24 user ${b24UserId}`;
    const email = user?.email?.toLowerCase();
    const match = email
      ? await findJiraUserByEmail(this.jira, email, user ? `${user.name} ${user.lastName}`.trim() : '')
      : undefined;
    const result: Counterpart = match ? { matched: true, id: match.accountId } : { matched: false, name };
    await this.remember(keys.userByB24(b24UserId), result);
    if (match) await this.remember(keys.userByJira(match.accountId), { matched: true, id: b24UserId });
    return result;
  }

  /** The Bitrix24 user id for a Jira account. */
  async b24For(accountId: string): Promise<Counterpart> {
    const override = this.config.users.overrides.find((o) => o.jiraAccountId === accountId);
    if (override) return { matched: true, id: override.b24UserId };
    const cached = await this.cached(keys.userByJira(accountId));
    if (cached) return cached;
    const user = await this.jira.getUser(accountId);
    const name = user?.displayName ?? `Jira user ${accountId}`;
    // A hidden e-mail is read through the bulk e-mail endpoint; if that is refused, only an override matches.
    const email = user ? (await emailsOf(this.jira, [user])).get(accountId) : undefined;
    const match = email ? await this.b24.findUserByEmail(email) : null;
    const result: Counterpart = match?.active ? { matched: true, id: match.id } : { matched: false, name };
    await this.remember(keys.userByJira(accountId), result);
    if (result.matched) await this.remember(keys.userByB24(result.id), { matched: true, id: accountId });
    return result;
  }

  private async cached(key: string): Promise<Counterpart | null> {
    const parsed = cachedSchema.safeParse(await this.kv.get(key));
    if (!parsed.success) return null;
    return parsed.data.matched ? { matched: true, id: parsed.data.id } : { matched: false, name: parsed.data.name };
  }

  private async remember(key: string, value: Counterpart): Promise<void> {
    await this.kv.set(key, { ...value }, value.matched ? {} : { ttlSeconds: UNMATCHED_TTL_SECONDS });
  }
}
