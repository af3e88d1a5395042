/** JSON views of users, statuses and priorities as Jira REST v3 renders them. */
import type { JiraSeedUser, JiraWorkflow } from '../contracts';
import type { JiraState } from './state';
import { ISSUE_TYPES, PRIORITIES } from './state';
import { STATUS_CATEGORIES } from './workflow';

/** Jira's timestamp format: 2021-01-17T12:34:00.000+0000 (the emulated site runs in UTC). */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const avatarUrls = (id: string): Record<string, string> => {
  const base = `https://avatar-management.services.atlassian.com/default/${encodeURIComponent(id)}`;
  return { '48x48': `${base}/48`, '24x24': `${base}/24`, '16x16': `${base}/16`, '32x32': `${base}/32` };
};

const APP_DISPLAY_NAME = 'Bitrix24 Sync for Jira';

/** `User`/`UserDetails`: emailAddress is left out for people who hide it (profile visibility), and for apps. */
export function userView(state: JiraState, accountId: string): Record<string, unknown> {
  const base = state.seed.baseUrl;
  const self = `${base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
  const user: JiraSeedUser | undefined = state.user(accountId);
  if (user === undefined) {
    return {
      self,
      accountId,
      accountType: 'app',
      displayName: APP_DISPLAY_NAME,
      active: true,
      avatarUrls: avatarUrls(accountId),
      timeZone: 'UTC',
    };
  }
  return {
    self,
    accountId,
    accountType: 'atlassian',
    ...(user.emailHidden === true ? {} : { emailAddress: user.email }),
    avatarUrls: avatarUrls(accountId),
    displayName: user.displayName,
    active: true,
    timeZone: 'UTC',
  };
}

export function userRef(state: JiraState, accountId: string | null): Record<string, unknown> | null {
  return accountId === null ? null : userView(state, accountId);
}

export function statusView(state: JiraState, workflow: JiraWorkflow, statusId: string): Record<string, unknown> {
  const base = state.seed.baseUrl;
  const status = workflow.statuses.find((s) => s.id === statusId);
  if (status === undefined) throw new Error(`workflow has no status ${statusId}`);
  const category = STATUS_CATEGORIES[status.category];
  return {
    self: `${base}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${base}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

export function priorityView(state: JiraState, priorityId: string): Record<string, unknown> {
  const p = PRIORITIES.find((x) => x.id === priorityId);
  if (p === undefined) throw new Error(`no priority ${priorityId}`);
  const base = state.seed.baseUrl;
  return {
    self: `${base}/rest/api/3/priority/${p.id}`,
    iconUrl: `${base}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
    name: p.name,
    id: p.id,
  };
}

export function projectRef(state: JiraState, projectId: string): Record<string, unknown> {
  const project = state.projectByIdOrKey(projectId);
  if (project === undefined) throw new Error(`no project ${projectId}`);
  const base = state.seed.baseUrl;
  return {
    self: `${base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatarUrls(`project-${project.id}`),
  };
}

export function issueTypeView(state: JiraState, issueTypeId: string): Record<string, unknown> {
  const base = state.seed.baseUrl;
  return {
    self: `${base}/rest/api/3/issuetype/${issueTypeId}`,
    id: issueTypeId,
    description: '',
    iconUrl: `${base}/images/icons/issuetypes/${issueTypeId}.svg`,
    name: issueTypeName(issueTypeId),
    subtask: false,
    avatarId: 10300,
    hierarchyLevel: 0,
  };
}

function issueTypeName(id: string): string {
  return ISSUE_TYPES.find((t) => t.id === id)?.name ?? 'Task';
}
