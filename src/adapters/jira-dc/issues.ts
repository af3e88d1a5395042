/**
 * Issue endpoints on REST v2: read, create, edit, delete, transitions, issue properties and JQL search. Search
 * pages by offset (`startAt`/`total`); the port's page token is that offset as text, opaque to the app. Data
 * Center has no `reconcileIssues`: its index is written in the request on a single node, and the app's creation
 * lock covers a cluster's lag.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JiraPort } from '../../ports/jira';
import { SYNC_FIELDS } from '../jira/issues';
import { type JiraRequester, enc, jsonBody, nullIfNotFound } from '../jira/request';
import { issueReadSchema, issueSchema, transitionSchema } from '../jira/schemas';
import { parseReply } from '../reply';
import { toDcFields } from './fields';
import { peopleLookup } from './people';
import { issuesToV3 } from './text';

const V2 = '/rest/api/2';
const createdSchema = z.object({ id: z.string(), key: z.string() });
const transitionsSchema = z.object({ transitions: z.array(transitionSchema) });
const propertySchema = z.object({ key: z.string(), value: z.unknown() });
export const searchPageSchema = z.object({
  startAt: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  issues: z.array(z.unknown()),
});

/** The offset a page token stands for; anything else did not come from this adapter. */
export const offsetOf = (token: string | undefined): number => {
  if (token === undefined) return 0;
  if (!/^\d+$/.test(token))
    throw new PermanentError('invalid-request', `Jira Data Center search: "${token}" is not a page offset`, {
      code: 'jira:page-token',
    });
  return Number(token);
};

export const nextToken = (page: z.infer<typeof searchPageSchema>): string | undefined => {
  const next = page.startAt + page.issues.length;
  return page.issues.length === 0 || next >= page.total ? undefined : String(next);
};

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

const propertyPath = (issue: string, key: string): string => `${V2}/issue/${enc(issue)}/properties/${enc(key)}`;

export const dcIssueEndpoints = (r: JiraRequester): IssueEndpoints => ({
  async getIssue(issueIdOrKey, options = {}) {
    const query = new URLSearchParams({ fields: [...SYNC_FIELDS, ...(options.customFields ?? [])].join(',') });
    if (options.withTransitions === true) query.set('expand', 'transitions');
    if (options.properties !== undefined && options.properties.length > 0)
      query.set('properties', options.properties.join(','));
    const path = `${V2}/issue/${enc(issueIdOrKey)}?${query.toString()}`;
    const raw = await nullIfNotFound(r.json('get issue', path, jsonBody('GET'), z.unknown()));
    if (raw === null) return null;
    const [v3] = await issuesToV3([raw], peopleLookup(r), 'get issue');
    return parseReply(issueReadSchema, v3, 'Jira get issue', 'jira:200');
  },

  async createIssue(fields, properties) {
    const body = { fields: await toDcFields(fields, peopleLookup(r)), ...(properties?.length ? { properties } : {}) };
    return r.json('create issue', `${V2}/issue`, jsonBody('POST', body), createdSchema);
  },

  async updateIssue(issueIdOrKey, fields) {
    const body = { fields: await toDcFields(fields, peopleLookup(r)) };
    await r.send('edit issue', `${V2}/issue/${enc(issueIdOrKey)}`, jsonBody('PUT', body));
  },

  async deleteIssue(issueIdOrKey, options = {}) {
    const subtasks = options.deleteSubtasks === true ? '?deleteSubtasks=true' : '';
    await r.send('delete issue', `${V2}/issue/${enc(issueIdOrKey)}${subtasks}`, jsonBody('DELETE'));
  },

  async getTransitions(issueIdOrKey) {
    const path = `${V2}/issue/${enc(issueIdOrKey)}/transitions?expand=transitions.fields`;
    return (await r.json('get transitions', path, jsonBody('GET'), transitionsSchema)).transitions;
  },

  async doTransition(issueIdOrKey, transitionId, fields) {
    const body = {
      transition: { id: transitionId },
      ...(fields === undefined ? {} : { fields: await toDcFields(fields, peopleLookup(r)) }),
    };
    await r.send('transition issue', `${V2}/issue/${enc(issueIdOrKey)}/transitions`, jsonBody('POST', body));
  },

  async getIssueProperty(issueIdOrKey, key) {
    const read = r.json('get issue property', propertyPath(issueIdOrKey, key), jsonBody('GET'), propertySchema);
    const property = await nullIfNotFound(read);
    return property === null ? undefined : property.value;
  },

  async setIssueProperty(issueIdOrKey, key, value) {
    await r.send('set issue property', propertyPath(issueIdOrKey, key), jsonBody('PUT', value));
  },

  async deleteIssueProperty(issueIdOrKey, key) {
    await nullIfNotFound(r.send('delete issue property', propertyPath(issueIdOrKey, key), jsonBody('DELETE')));
  },

  async searchJql(jql, options = {}) {
    const body = {
      jql,
      fields: [...SYNC_FIELDS, ...(options.customFields ?? [])],
      startAt: offsetOf(options.nextPageToken),
      maxResults: options.maxResults ?? 50,
    };
    const page = await r.json('search issues', `${V2}/search`, jsonBody('POST', body), searchPageSchema);
    const v3 = await issuesToV3(page.issues, peopleLookup(r), 'search issues');
    const issues = parseReply(z.array(issueSchema), v3, 'Jira search issues', 'jira:200');
    const next = nextToken(page);
    return next === undefined ? { issues } : { issues, nextPageToken: next };
  },
});
