/**
 * Endpoints that describe the site rather than one issue: users, permissions, statuses, projects.
 */
import { z } from 'zod';
import type { JiraPort } from '../../ports/jira';
import { type JiraRequester, enc, jsonBody, nullIfNotFound } from './request';
import { statusRefSchema, userSchema } from './schemas';

const permissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});
const projectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() });
const projectStatusesSchema = z.array(
  z.object({ id: z.string(), name: z.string(), statuses: z.array(statusRefSchema) }).transform((t) => ({
    issueTypeId: t.id,
    issueTypeName: t.name,
    statuses: t.statuses,
  })),
);

type DirectoryEndpoints = Pick<
  JiraPort,
  'findUsers' | 'getUser' | 'getMyself' | 'getMyPermissions' | 'getProjectStatuses' | 'getProject'
>;

/** `api` is the REST root; Data Center's v2 answers permissions, statuses and projects in the same shape. */
export const directoryEndpoints = (r: JiraRequester, api = '/rest/api/3'): DirectoryEndpoints => ({
  async findUsers(query) {
    const path = `${api}/user/search?query=${enc(query)}&maxResults=50`;
    return r.json('find users', path, jsonBody('GET'), z.array(userSchema));
  },

  async getUser(accountId) {
    return nullIfNotFound(r.json('get user', `${api}/user?accountId=${enc(accountId)}`, jsonBody('GET'), userSchema));
  },

  async getMyself() {
    return r.json('get myself', `${api}/myself`, jsonBody('GET'), userSchema);
  },

  async getMyPermissions(permissions, scope = {}) {
    const query = new URLSearchParams({ permissions: permissions.join(',') });
    if (scope.projectKey !== undefined) query.set('projectKey', scope.projectKey);
    if (scope.issueId !== undefined) query.set('issueId', scope.issueId);
    const reply = await r.json(
      'get my permissions',
      `${api}/mypermissions?${query.toString()}`,
      jsonBody('GET'),
      permissionsSchema,
    );
    return Object.fromEntries(permissions.map((p) => [p, reply.permissions[p]?.havePermission === true]));
  },

  async getProjectStatuses(projectIdOrKey) {
    const path = `${api}/project/${enc(projectIdOrKey)}/statuses`;
    return r.json('get project statuses', path, jsonBody('GET'), projectStatusesSchema);
  },

  async getProject(projectIdOrKey) {
    return nullIfNotFound(
      r.json('get project', `${api}/project/${enc(projectIdOrKey)}`, jsonBody('GET'), projectSchema),
    );
  },
});
