/**
 * What a resolver asks before it acts: does the caller hold these Jira permissions, and is this issue theirs to
 * see in this project. Each platform answers for its own callers (Forge asks Jira as the user; the self-hosted
 * service answers for its signed-in admin), and every resolver asks through this one port, so no platform can
 * skip a check by accident.
 */
export type Permission = 'ADMINISTER' | 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS' | 'EDIT_ISSUES';
/**
 * Jira could not be asked (rate-limited, failing, out of reach, or not configured): still a refusal, since a check
 * that cannot be made grants nothing, but worded as what it is, so nobody is told they lack a right they hold.
 */
export const UNCHECKED = 'UNCHECKED';
export type Refusal = Permission | typeof UNCHECKED;

export interface RightsPort {
  /**
   * The first of `permissions` (in the order given) the caller lacks, or null when they hold all. Global when
   * `projectKey` is absent. A check that cannot be made answers UNCHECKED.
   */
  firstMissing(permissions: readonly Permission[], projectKey?: string): Promise<Refusal | null>;
  /** Whether the caller can see the issue, it is the one the context names, and it belongs to `projectKey`. */
  issueInProject(issue: { id: string; key: string }, projectKey: string): Promise<boolean>;
}

export const REFUSALS: Record<Refusal, string> = {
  UNCHECKED:
    "Jira could not be asked whether you may do this (busy, out of reach, or refusing the app's credentials), so nothing was done. Try again in a minute; if it persists, check the connection to Jira.",
  ADMINISTER: 'Only Jira administrators may change the Bitrix24 connection.',
  ADMINISTER_PROJECTS: 'Only administrators of this project may view or change its Bitrix24 sync settings.',
  BROWSE_PROJECTS: 'You do not have permission to see this project.',
  EDIT_ISSUES: 'You may see this issue but not edit it, so you cannot sync, link or unlink it.',
};

export const ISSUE_REFUSAL = 'This issue does not exist in this project, or you may not see it.';
