/**
 * Jira people's e-mail addresses for matching. Profiles may hide them (`emailAddress` absent): those are asked
 * from `/user/email/bulk` (asApp, scope read:email-address:jira). If the site refuses that call for good (the scope
 * not granted, the endpoint gone), matching goes on with what is visible, exactly as before the scope existed. A
 * passing failure (429, 5xx, network) is thrown so the job is retried: taking the person for unmatched would leave
 * their field unsynced until someone edits it again.
 */
import { errorMessage, isRetryable } from '../core/errors';
import type { JiraUserRef } from '../core/remote/jira';
import type { JiraPort, JiraUser } from '../ports/jira';
import type { Logger } from '../ports/log';

export async function emailsOf(jira: JiraPort, users: JiraUserRef[], log?: Logger): Promise<Map<string, string>> {
  const emails = new Map<string, string>();
  for (const u of users) if (u.emailAddress) emails.set(u.accountId, u.emailAddress.toLowerCase());
  const hidden = users.filter((u) => !u.emailAddress).map((u) => u.accountId);
  if (hidden.length === 0) return emails;
  try {
    for (const [accountId, email] of await jira.getUserEmails(hidden)) emails.set(accountId, email);
  } catch (error) {
    if (isRetryable(error)) throw error;
    log?.warn('hidden Jira e-mail addresses could not be read; matching with the visible ones', {
      error: errorMessage(error),
    });
  }
  return emails;
}

/**
 * The active Jira person with this e-mail. Search finds visible addresses; someone who hides theirs is found by
 * name and confirmed through the bulk e-mail endpoint, never matched on the name alone.
 */
export async function findJiraUserByEmail(
  jira: JiraPort,
  email: string,
  name: string,
  log?: Logger,
): Promise<JiraUser | undefined> {
  const people = (users: JiraUser[]) => users.filter((u) => u.active && u.accountType === 'atlassian');
  const byEmail = people(await jira.findUsers(email));
  const visible = byEmail.find((u) => u.emailAddress?.toLowerCase() === email);
  if (visible) return visible;
  const byName = name.trim() ? people(await jira.findUsers(name.trim())) : [];
  const candidates = [
    ...new Map([...byEmail, ...byName].filter((u) => !u.emailAddress).map((u) => [u.accountId, u])).values(),
  ];
  if (candidates.length === 0) return undefined;
  const emails = await emailsOf(jira, candidates, log);
  return candidates.find((u) => emails.get(u.accountId) === email);
}
