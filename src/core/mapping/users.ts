/**
 * People across the two systems: pairs matched by e-mail, then the admin's overrides on top (an override wins
 * over an e-mail match for both of its ids). Unmatched people are never written to the other side as "nobody":
 * callers apply the configured fallback and report the person.
 */
import type { UnmatchedUserFallback, UserOverride } from '../config';
import type { Person, Side } from '../model';

export interface UserPair {
  b24UserId: string;
  jiraAccountId: string;
  name?: string;
}

export interface UnmatchedUserWarning {
  kind: 'unmatched-user';
  side: Side;
  id: string;
  name: string;
}

export class UserMap {
  private readonly byB24 = new Map<string, UserPair>();
  private readonly byJira = new Map<string, UserPair>();

  /** `matched`: pairs found by e-mail; `overrides` from the config replace any pair sharing one of their ids. */
  constructor(matched: readonly UserPair[], overrides: readonly UserOverride[] = []) {
    for (const pair of matched) this.add(pair);
    for (const o of overrides) {
      this.remove(o.b24UserId, o.jiraAccountId);
      this.add({ ...o, name: this.byB24.get(o.b24UserId)?.name });
    }
  }

  private add(pair: UserPair): void {
    this.byB24.set(pair.b24UserId, pair);
    this.byJira.set(pair.jiraAccountId, pair);
  }

  private remove(b24UserId: string, jiraAccountId: string): void {
    const a = this.byB24.get(b24UserId);
    const b = this.byJira.get(jiraAccountId);
    for (const pair of [a, b]) {
      if (!pair) continue;
      this.byB24.delete(pair.b24UserId);
      this.byJira.delete(pair.jiraAccountId);
    }
  }

  jiraFor(b24UserId: string): string | null {
    return this.byB24.get(b24UserId)?.jiraAccountId ?? null;
  }

  b24For(jiraAccountId: string): string | null {
    return this.byJira.get(jiraAccountId)?.b24UserId ?? null;
  }

  fromB24(b24UserId: string, name: string): Person {
    return { b24UserId, jiraAccountId: this.jiraFor(b24UserId), name };
  }

  fromJira(jiraAccountId: string, name: string): Person {
    return { b24UserId: this.b24For(jiraAccountId), jiraAccountId, name };
  }
}

/** Two people are the same when their ids agree; names are display only. */
export function samePerson(a: Person | null, b: Person | null): boolean {
  if (a === null || b === null) return a === b;
  return a.b24UserId === b.b24UserId && a.jiraAccountId === b.jiraAccountId;
}

export type PersonTarget = { id: string } | { skip: UnmatchedUserWarning };

/**
 * The id to write on `to` for `person`, applying the fallback when the person has no account there. Never
 * returns "clear the field" for a person who exists: that is the wiped-assignee bug of other sync tools.
 */
export function personOn(
  to: Side,
  person: Person,
  fallback: UnmatchedUserFallback,
): PersonTarget | { fallback: string; warning: UnmatchedUserWarning } {
  const id = to === 'jira' ? person.jiraAccountId : person.b24UserId;
  if (id !== null) return { id };
  const from: Side = to === 'jira' ? 'b24' : 'jira';
  const warning: UnmatchedUserWarning = {
    kind: 'unmatched-user',
    side: from,
    id: (from === 'b24' ? person.b24UserId : person.jiraAccountId) ?? '',
    name: person.name,
  };
  if (fallback === 'leave-unchanged') return { skip: warning };
  return { fallback: to === 'jira' ? fallback.defaultJiraAccountId : fallback.defaultB24UserId, warning };
}
