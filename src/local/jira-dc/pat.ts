/**
 * Personal access tokens, from "Using Personal Access Tokens" (confluence.atlassian.com/enterprise/
 * using-personal-access-tokens-1026032365.html, Jira 8.14 and later): a token carries its owner's permissions, is
 * shown once when created, may expire after a set number of days ("Once the token expires, you can't reactivate
 * it"), and may be revoked. REST: POST/GET /rest/pat/latest/tokens, DELETE /rest/pat/latest/tokens/{id}.
 */
import { randomBytes } from 'node:crypto';

export interface PatRecord {
  id: number;
  name: string;
  accountId: string;
  createdAt: number;
  expiringAt?: number;
  lastAccessedAt?: number;
}

export type PatLookup = { accountId: string; record: PatRecord } | 'expired' | 'unknown';

const DAY_MS = 24 * 3600 * 1000;

export class PatStore {
  private readonly byToken = new Map<string, PatRecord>();
  private nextId = 1;

  issue(
    accountId: string,
    name: string,
    now: number,
    expirationDays?: number,
  ): { record: PatRecord; rawToken: string } {
    // Real tokens are 44 base64 characters; only the length matters to a client, never the content.
    const rawToken = randomBytes(33).toString('base64');
    const record: PatRecord = {
      id: this.nextId++,
      name,
      accountId,
      createdAt: now,
      ...(expirationDays === undefined ? {} : { expiringAt: now + expirationDays * DAY_MS }),
    };
    this.byToken.set(rawToken, record);
    return { record, rawToken };
  }

  lookup(rawToken: string, now: number): PatLookup {
    const record = this.byToken.get(rawToken);
    if (record === undefined) return 'unknown';
    if (record.expiringAt !== undefined && now >= record.expiringAt) return 'expired';
    record.lastAccessedAt = now;
    return { accountId: record.accountId, record };
  }

  of(accountId: string): PatRecord[] {
    return [...this.byToken.values()].filter((r) => r.accountId === accountId);
  }

  /** Revoked tokens are gone at once: the next request with one is anonymous-with-bad-credentials (401). */
  revoke(id: number): boolean {
    for (const [token, record] of this.byToken) {
      if (record.id !== id) continue;
      this.byToken.delete(token);
      return true;
    }
    return false;
  }

  owner(id: number): string | undefined {
    return [...this.byToken.values()].find((r) => r.id === id)?.accountId;
  }
}
