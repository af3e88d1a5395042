/**
 * What a project's screens accept: the site's fields (`GET /field`) and the create metadata of one issue type
 * (`GET /issue/createmeta/{project}/issuetypes[/{id}]`, paged), which also lists the priorities the project's
 * priority scheme allows. The deprecated `GET /priority` is not used.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JiraFieldInfo, JiraFieldMeta, JiraPort } from '../../ports/jira';
import { type JiraRequester, enc, jsonBody } from './request';

const fieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().optional(),
  schema: z.object({ type: z.string(), custom: z.string().optional() }).passthrough().optional(),
});
const issueTypeSchema = z.object({ id: z.string(), name: z.string() });
const allowedValue = z
  .object({ id: z.string(), name: z.string().optional(), value: z.string().optional() })
  .passthrough();
const fieldMetaSchema = z.object({
  fieldId: z.string(),
  name: z.string(),
  required: z.boolean(),
  schema: z.object({ type: z.string() }).passthrough().optional(),
  allowedValues: z.array(allowedValue).optional(),
});

/**
 * Where a create-metadata page keeps its items: Cloud names the list (`issueTypes`, `fields`), Data Center 8.4+
 * calls both `values`; the paging around them is the same.
 */
export interface CreateMetaLists {
  issueTypes: string;
  fields: string;
}

const CLOUD_LISTS: CreateMetaLists = { issueTypes: 'issueTypes', fields: 'fields' };

const metaPage = <T extends z.ZodType>(listKey: string, item: T) =>
  z
    .object({ [listKey]: z.array(item), startAt: z.number(), maxResults: z.number(), total: z.number() })
    .transform((p) => ({ items: p[listKey] as z.infer<T>[], startAt: p.startAt as number, total: p.total as number }));

/** Enough pages for any real screen (Jira pages these by 50); a stop, not an expectation. */
const MAX_PAGES = 10;

type MetadataEndpoints = Pick<JiraPort, 'getFields' | 'getCreateFieldMeta'>;

/** `api` is the REST root; Data Center's v2 `/field` has the same shape (its create metadata does not). */
export const metadataEndpoints = (
  r: JiraRequester,
  api = '/rest/api/3',
  lists: CreateMetaLists = CLOUD_LISTS,
): MetadataEndpoints => ({
  async getFields(): Promise<JiraFieldInfo[]> {
    const fields = await r.json('get fields', `${api}/field`, jsonBody('GET'), z.array(fieldSchema));
    return fields.map((f) => ({
      id: f.id,
      name: f.name,
      custom: f.custom === true,
      ...(f.schema ? { type: f.schema.type } : {}),
    }));
  },

  async getCreateFieldMeta(projectKey, issueTypeName): Promise<JiraFieldMeta[]> {
    const base = `${api}/issue/createmeta/${enc(projectKey)}/issuetypes`;
    let type: { id: string; name: string } | undefined;
    for (let page = 0, startAt = 0; page < MAX_PAGES && type === undefined; page += 1) {
      const reply = await r.json(
        'get create metadata',
        `${base}?startAt=${startAt}&maxResults=50`,
        jsonBody('GET'),
        metaPage(lists.issueTypes, issueTypeSchema),
      );
      type = reply.items.find((t) => t.name.toLowerCase() === issueTypeName.toLowerCase());
      startAt = reply.startAt + reply.items.length;
      if (startAt >= reply.total || reply.items.length === 0) break;
    }
    if (type === undefined)
      throw new PermanentError(
        'not-found',
        `Jira project ${projectKey} has no issue type "${issueTypeName}" you may create`,
        { code: 'jira:no-issue-type' },
      );
    const out: JiraFieldMeta[] = [];
    for (let page = 0, startAt = 0; page < MAX_PAGES; page += 1) {
      const reply = await r.json(
        'get create metadata',
        `${base}/${enc(type.id)}?startAt=${startAt}&maxResults=50`,
        jsonBody('GET'),
        metaPage(lists.fields, fieldMetaSchema),
      );
      out.push(
        ...reply.items.map((f) => ({
          id: f.fieldId,
          name: f.name,
          required: f.required,
          ...(f.schema ? { type: f.schema.type } : {}),
          ...(f.allowedValues
            ? { allowedValues: f.allowedValues.map((v) => ({ id: v.id, name: v.name ?? v.value ?? v.id })) }
            : {}),
        })),
      );
      startAt = reply.startAt + reply.items.length;
      if (startAt >= reply.total || reply.items.length === 0) break;
    }
    return out;
  },
});
