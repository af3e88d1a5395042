/**
 * The rights of the service's signed-in admin, the only person the service knows until Jira users come with the
 * Data Center work. The resolvers ask through the same port as on Forge, and the answers are honest ones:
 * - ADMINISTER and ADMINISTER_PROJECTS are the install's own: whoever signed in as its admin holds them, because
 *   the admin is who configures this service (Jira is not asked: the service's Jira account is not that person).
 * - BROWSE_PROJECTS and EDIT_ISSUES are Jira's answer for the service's Jira account, which every sync call uses.
 * - Every project-scoped call also needs the project to be visible to that account, so a mistyped or invented
 *   project key is refused as on Forge; a failure to ask is a refusal worded as such (UNCHECKED).
 * - An issue is re-read with the service's account and must belong to the project checked.
 */
import type { AppDeps } from '../app/deps';
import { UNCHECKED, type Permission, type RightsPort } from './app-calls';

const INSTALL_ADMIN: ReadonlySet<Permission> = new Set(['ADMINISTER', 'ADMINISTER_PROJECTS']);

export function adminRights(deps: Pick<AppDeps, 'jira'>): RightsPort {
  return {
    async firstMissing(permissions, projectKey) {
      const first = permissions[0];
      if (first === undefined) return null;
      const fromJira = [
        ...new Set([
          ...(projectKey ? ['BROWSE_PROJECTS' as const] : []),
          ...permissions.filter((p) => !INSTALL_ADMIN.has(p)),
        ]),
      ];
      if (fromJira.length === 0) return null;
      try {
        const granted = await deps.jira.getMyPermissions(fromJira, projectKey ? { projectKey } : undefined);
        if (projectKey && granted.BROWSE_PROJECTS !== true) return first;
        return permissions.find((p) => !INSTALL_ADMIN.has(p) && granted[p] !== true) ?? null;
      } catch {
        return UNCHECKED;
      }
    },
    async issueInProject(issue, projectKey) {
      try {
        const read = await deps.jira.getIssue(issue.id);
        return (
          read !== null &&
          read.issue.id === issue.id &&
          read.issue.key === issue.key &&
          read.issue.fields.project.key === projectKey
        );
      } catch {
        return false;
      }
    },
  };
}
