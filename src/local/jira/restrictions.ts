/**
 * Who may see what, beyond project permissions: project roles, groups, issue security levels and comment
 * visibility, as the Jira Cloud REST documentation states them (GET issue / GET comment(s): Browse projects, the
 * issue's security level if one is set, and the comment's role or group if it is restricted).
 *
 * The seed has no role or group tables, so membership follows from what people may do (see src/local/README.md,
 * "Restricted content"): Administrators hold Administer Projects, Developers hold Edit Issues; the app's account
 * is in `atlassian-addons-project-access` and Developers (so the app can read what its admins let it read, and
 * must then decide itself what to hold back); every person is in `jira-software-users`, site admins in
 * `jira-administrators`.
 */
import { permissionsOf } from './permissions';
import type { JiraState, StoredComment, StoredIssue } from './state';

export interface SecurityLevel {
  id: string;
  name: string;
  description: string;
  /** Project roles whose members are in the level. */
  roles: string[];
}

const PROJECT_ROLES = [
  { id: '10002', name: 'Administrators' },
  { id: '10003', name: 'Developers' },
  { id: '10004', name: 'atlassian-addons-project-access' },
] as const;

const GROUPS = [
  { id: '5f1c2a1e-0001-4c1a-9a51-000000000001', name: 'jira-administrators' },
  { id: '5f1c2a1e-0002-4c1a-9a51-000000000002', name: 'jira-software-users' },
  { id: '5f1c2a1e-0003-4c1a-9a51-000000000003', name: 'atlassian-addons-admin' },
] as const;

/** Every project has the same issue security scheme here. */
export const SECURITY_LEVELS: readonly SecurityLevel[] = [
  {
    id: '10100',
    name: 'Staff only',
    description: 'Project administrators (and the app)',
    roles: ['Administrators', 'atlassian-addons-project-access'],
  },
  { id: '10101', name: 'Developers only', description: 'The Developers role', roles: ['Developers'] },
];

export function inRole(state: JiraState, accountId: string, projectKey: string, role: string): boolean {
  const isApp = accountId === state.seed.appAccountId;
  const held = permissionsOf(state, accountId, projectKey);
  switch (role.toLowerCase()) {
    case 'administrators':
      return !isApp && held.has('ADMINISTER_PROJECTS');
    case 'developers':
      return isApp || held.has('EDIT_ISSUES');
    case 'atlassian-addons-project-access':
      return isApp;
    default:
      return false;
  }
}

export function inGroup(state: JiraState, accountId: string, group: string): boolean {
  const isApp = accountId === state.seed.appAccountId;
  const name = GROUPS.find((g) => g.id === group || g.name === group.toLowerCase())?.name;
  switch (name) {
    case 'jira-administrators':
      return (state.user(accountId)?.globalPermissions ?? []).includes('ADMINISTER');
    case 'jira-software-users':
      return !isApp && state.user(accountId) !== undefined;
    case 'atlassian-addons-admin':
      return isApp;
    default:
      return false;
  }
}

/** Issue id → security level id, per emulated site. */
const levels = new WeakMap<JiraState, Map<string, string>>();

export function levelOf(state: JiraState, issueId: string): SecurityLevel | undefined {
  const id = levels.get(state)?.get(issueId);
  return SECURITY_LEVELS.find((l) => l.id === id);
}

export function setLevel(state: JiraState, issueId: string, level: SecurityLevel | null): void {
  const map = levels.get(state) ?? new Map<string, string>();
  levels.set(state, map);
  if (level) map.set(issueId, level.id);
  else map.delete(issueId);
}

export function inLevel(state: JiraState, accountId: string, projectKey: string, level: SecurityLevel): boolean {
  return level.roles.some((role) => inRole(state, accountId, projectKey, role));
}

/** Browse projects on the issue's project, and membership of its security level when it has one. */
export function canSeeIssue(state: JiraState, accountId: string, issue: StoredIssue): boolean {
  const projectKey = state.projectOf(issue).key;
  if (!permissionsOf(state, accountId, projectKey).has('BROWSE_PROJECTS')) return false;
  const level = levelOf(state, issue.id);
  return level === undefined || inLevel(state, accountId, projectKey, level);
}

export function canSeeComment(
  state: JiraState,
  accountId: string,
  comment: StoredComment,
  projectKey: string,
): boolean {
  const v = comment.visibility;
  if (v === undefined) return true;
  if (v.type === 'role')
    return inRole(
      state,
      accountId,
      projectKey,
      v.value ?? PROJECT_ROLES.find((r) => r.id === v.identifier)?.name ?? '',
    );
  return inGroup(state, accountId, v.identifier ?? v.value ?? '');
}
