/**
 * Issue endpoints: read, create, edit, delete, transitions, issue properties and JQL search.
 */
import { z } from 'zod';
import type { JiraTransition } from '../../core/remote/jira';
import type { JiraPort } from '../../ports/jira';
import { type JiraRequester, enc, jsonBody, nullIfNotFound } from './request';
import { issueReadSchema, issueSchema, transitionSchema } from './schemas';

/** The fields the mapping reads; asking for fewer keeps Jira's points-based quota cost down. */
export const SYNC_FIELDS = [
  'summary',
  'description',
  'assignee',
  'reporter',
  'priority',
  'status',
  'duedate',
  'project',
  'issuetype',
  'created',
  'updated',
  // Restricted issues are held back unless the mapping says otherwise: every member of the workgroup would read them.
  'security',
];

const fieldList = (customFields: string[] = []): string => [...SYNC_FIELDS, ...customFields].join(',');

const createdSchema = z.object({ id: z.string(), key: z.string() });
const transitionsSchema = z.object({ transitions: z.array(transitionSchema) });
const propertySchema = z.object({ key: z.string(), value: z.unknown() });
const searchSchema = z.object({ issues: z.array(issueSchema), nextPageToken: z.string().nullish() });

type IssueEndpoints = Pick<
  JiraPort,
  | 'getIssue'
  | 'createIssue'
  | 'updateIssue'
  | 'deleteIssue'
  | 'getTransitions'
  | 'doTransition'
  | 'getIssueProperty'
  | 'setIssueProperty'
  | 'deleteIssueProperty'
  | 'searchJql'
>;

export const issueEndpoints = (r: JiraRequester): IssueEndpoints => ({
  async getIssue(issueIdOrKey, options = {}) {
    const query = new URLSearchParams({ fields: fieldList(options.customFields) });
    if (options.withTransitions === true) query.set('expand', 'transitions');
    if (options.properties !== undefined && options.properties.length > 0)
      query.set('properties', options.properties.join(','));
    const path = `/rest/api/3/issue/${enc(issueIdOrKey)}?${query.toString()}`;
    return nullIfNotFound(r.json('get issue', path, jsonBody('GET'), issueReadSchema));
  },

  async createIssue(fields, properties) {
    const body = properties === undefined || properties.length === 0 ? { fields } : { fields, properties };
    return r.json('create issue', '/rest/api/3/issue', jsonBody('POST', body), createdSchema);
  },

  async updateIssue(issueIdOrKey, fields) {
    await r.send('edit issue', `/rest/api/3/issue/${enc(issueIdOrKey)}`, jsonBody('PUT', { fields }));
  },

  async deleteIssue(issueIdOrKey, options = {}) {
    const subtasks = options.deleteSubtasks === true ? '?deleteSubtasks=true' : '';
    await r.send('delete issue', `/rest/api/3/issue/${enc(issueIdOrKey)}${subtasks}`, jsonBody('DELETE'));
  },

  async getTransitions(issueIdOrKey): Promise<JiraTransition[]> {
    const path = `/rest/api/3/issue/${enc(issueIdOrKey)}/transitions?expand=transitions.fields`;
    return (await r.json('get transitions', path, jsonBody('GET'), transitionsSchema)).transitions;
  },

  async doTransition(issueIdOrKey, transitionId, fields) {
    const body =
      fields === undefined ? { transition: { id: transitionId } } : { transition: { id: transitionId }, fields };
    await r.send('transition issue', `/rest/api/3/issue/${enc(issueIdOrKey)}/transitions`, jsonBody('POST', body));
  },

  async getIssueProperty(issueIdOrKey, key) {
    const path = `/rest/api/3/issue/${enc(issueIdOrKey)}/properties/${enc(key)}`;
    const property = await nullIfNotFound(r.json('get issue property', path, jsonBody('GET'), propertySchema));
    return property === null ? undefined : property.value;
  },

  async setIssueProperty(issueIdOrKey, key, value) {
    await r.send(
      'set issue property',
      `/rest/api/3/issue/${enc(issueIdOrKey)}/properties/${enc(key)}`,
      jsonBody('PUT', value),
    );
  },

  async deleteIssueProperty(issueIdOrKey, key) {
    await nullIfNotFound(
      r.send(
        'delete issue property',
        `/rest/api/3/issue/${enc(issueIdOrKey)}/properties/${enc(key)}`,
        jsonBody('DELETE'),
      ),
    );
  },

  async searchJql(jql, options = {}) {
    const body = {
      jql,
      fields: [...SYNC_FIELDS, ...(options.customFields ?? [])],
      maxResults: options.maxResults ?? 50,
      ...(options.nextPageToken === undefined ? {} : { nextPageToken: options.nextPageToken }),
      ...(options.reconcileIssues === undefined ? {} : { reconcileIssues: options.reconcileIssues }),
    };
    const page = await r.json('search issues', '/rest/api/3/search/jql', jsonBody('POST', body), searchSchema);
    return page.nextPageToken == null
      ? { issues: page.issues }
      : { issues: page.issues, nextPageToken: page.nextPageToken };
  },
});
