/**
 * Jira Data Center's users: each has a `key` that never changes (new users get `JIRAUSER<n>` since Jira 8.x, see
 * "User data compatibility", confluence.atlassian.com/enterprise/user-data-compatibility) and a `name`, the login,
 * which an admin may rename; REST v2 addresses people by either ([REST] /user `username`, `key`). The shared Cloud
 * state knows people by account id only, so this directory is the one place the two identities meet.
 */
import type { JiraState } from '../jira/state';

/**
 * Administration → General configuration → "User email visibility": Public, Hidden, Masked or "Logged in users
 * only" (confluence.atlassian.com/adminjiraserver/configuring-jira-application-options-938847824.html). Every
 * REST caller is logged in here, so `loggedIn` answers as `public`.
 */
export type EmailVisibility = 'public' | 'hidden' | 'masked' | 'loggedIn';

export interface DcUser {
  accountId: string;
  key: string;
  name: string;
  displayName: string;
  email: string;
  password?: string;
}

export class DcDirectory {
  private readonly users: DcUser[];
  emailVisibility: EmailVisibility = 'public';

  constructor(private readonly state: JiraState) {
    this.users = state.seed.users.map((u, i) => ({
      accountId: u.accountId,
      key: `JIRAUSER${10100 + i}`,
      name: (u.email.split('@')[0] ?? `user${i}`).toLowerCase(),
      displayName: u.displayName,
      email: u.email,
    }));
  }

  all(): readonly DcUser[] {
    return this.users;
  }

  byAccountId(accountId: string): DcUser | undefined {
    return this.users.find((u) => u.accountId === accountId);
  }

  /** Jira lower-cases user names: logins are case-insensitive. */
  byName(name: string): DcUser | undefined {
    const lower = name.toLowerCase();
    return this.users.find((u) => u.name === lower);
  }

  byKey(key: string): DcUser | undefined {
    return this.users.find((u) => u.key === key);
  }

  /** A name, then a key: what JQL and the `{name}`/`{key}` references accept. */
  byNameOrKey(value: string): DcUser | undefined {
    return this.byName(value) ?? this.byKey(value);
  }

  /** User management → Edit user → Username. The key stays, so anything stored by key still finds the person. */
  rename(oldName: string, newName: string): DcUser {
    const user = this.byName(oldName);
    if (user === undefined) throw new Error(`no user named ${oldName}`);
    if (this.byName(newName) !== undefined) throw new Error(`a user named ${newName} already exists`);
    user.name = newName.toLowerCase();
    return user;
  }

  setPassword(name: string, password: string): void {
    const user = this.byName(name);
    if (user === undefined) throw new Error(`no user named ${name}`);
    user.password = password;
  }

  shownEmail(user: DcUser): string | undefined {
    switch (this.emailVisibility) {
      case 'hidden':
        return undefined;
      case 'masked':
        return user.email.replace('@', ' at ').replace(/\./g, ' dot ');
      default:
        return user.email;
    }
  }

  /** The v2 `User` bean ([REST] /user): `self` names the user by `username`, as Jira 10 prints it. */
  view(accountId: string): Record<string, unknown> {
    const base = this.state.seed.baseUrl;
    const user = this.byAccountId(accountId);
    const name = user?.name ?? 'unknown';
    const email = user === undefined ? undefined : this.shownEmail(user);
    return {
      self: `${base}/rest/api/2/user?username=${encodeURIComponent(name)}`,
      key: user?.key ?? accountId,
      name,
      ...(email === undefined ? {} : { emailAddress: email }),
      avatarUrls: {
        '48x48': `${base}/secure/useravatar?avatarId=10122`,
        '24x24': `${base}/secure/useravatar?size=small&avatarId=10122`,
        '16x16': `${base}/secure/useravatar?size=xsmall&avatarId=10122`,
        '32x32': `${base}/secure/useravatar?size=medium&avatarId=10122`,
      },
      displayName: user?.displayName ?? name,
      active: user !== undefined,
      deleted: false,
      timeZone: 'UTC',
      locale: 'en_US',
    };
  }
}
