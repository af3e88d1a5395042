/**
 * What a resolver asks before it acts: does the caller hold these Jira permissions, and is this issue theirs to
 * see in this project. Each platform answers for its own callers (Forge asks Jira as the user; the self-hosted
 * service answers for its signed-in admin), and every resolver asks through this one port, so no platform can
 * skip a check by accident.
 */
export type Permission = 'ADMINISTER' | 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS' | 'EDIT_ISSUES';

export interface RightsPort {
  /**
   * The first of `permissions` (in the order given) the caller lacks, or null when they hold all. Global when
   * `projectKey` is absent. A check that cannot be made counts the first as missing.
   */
  firstMissing(permissions: readonly Permission[], projectKey?: string): Promise<Permission | null>;
  /** Whether the caller can see the issue, it is the one the context names, and it belongs to `projectKey`. */
  issueInProject(issue: { id: string; key: string }, projectKey: string): Promise<boolean>;
}

export const REFUSALS: Record<Permission, string> = {
  ADMINISTER: 'Only Jira administrators may change the Bitrix24 connection.',
  ADMINISTER_PROJECTS: 'Only administrators of this project may view or change its Bitrix24 sync settings.',
  BROWSE_PROJECTS: 'You do not have permission to see this project.',
  EDIT_ISSUES: 'You may see this issue but not edit it, so you cannot sync, link or unlink it.',
};

export const ISSUE_REFUSAL = 'This issue does not exist in this project, or you may not see it.';
