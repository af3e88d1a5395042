/** Jira permission keys the emulator knows, and who holds them (from the seed). */
import type { JiraState } from './state';

type Permission = { id: string; name: string; type: 'GLOBAL' | 'PROJECT' };

export const PERMISSIONS: Record<string, Permission> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL' },
  SYSTEM_ADMIN: { id: '44', name: 'Jira System Administrators', type: 'GLOBAL' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', type: 'GLOBAL' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', type: 'PROJECT' },
  CREATE_ATTACHMENTS: { id: '19', name: 'Create Attachments', type: 'PROJECT' },
  MODIFY_REPORTER: { id: '30', name: 'Modify Reporter', type: 'PROJECT' },
  EDIT_ALL_COMMENTS: { id: '34', name: 'Edit All Comments', type: 'PROJECT' },
  EDIT_OWN_COMMENTS: { id: '35', name: 'Edit Own Comments', type: 'PROJECT' },
  DELETE_ALL_COMMENTS: { id: '36', name: 'Delete All Comments', type: 'PROJECT' },
  DELETE_OWN_COMMENTS: { id: '37', name: 'Delete Own Comments', type: 'PROJECT' },
  DELETE_ALL_ATTACHMENTS: { id: '38', name: 'Delete All Attachments', type: 'PROJECT' },
  DELETE_OWN_ATTACHMENTS: { id: '39', name: 'Delete Own Attachments', type: 'PROJECT' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT' },
};

/** The app holds every project permission (its add-on role) and USER_PICKER, but is no site or project admin. */
const APP_PERMISSIONS = Object.entries(PERMISSIONS)
  .filter(([key, p]) => (p.type === 'PROJECT' && key !== 'ADMINISTER_PROJECTS') || key === 'USER_PICKER')
  .map(([key]) => key);

export function permissionsOf(state: JiraState, accountId: string, projectKey: string | undefined): Set<string> {
  if (accountId === state.seed.appAccountId)
    return new Set([...(state.seed.appPermissions ?? APP_PERMISSIONS), 'USER_PICKER']);
  const user = state.user(accountId);
  const held = new Set(user?.globalPermissions ?? []);
  const byProject = user?.projectPermissions ?? {};
  const projects = projectKey === undefined ? Object.keys(byProject) : [projectKey];
  for (const key of projects) for (const p of byProject[key] ?? []) held.add(p);
  return held;
}

/** One project permission (or a global one) held by `accountId` in `projectKey`. */
export function can(state: JiraState, accountId: string, projectKey: string, permission: string): boolean {
  return permissionsOf(state, accountId, projectKey).has(permission);
}
