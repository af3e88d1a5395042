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
const issueTypesPage = z.object({
  issueTypes: z.array(z.object({ id: z.string(), name: z.string() })),
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
});
const allowedValue = z
  .object({ id: z.string(), name: z.string().optional(), value: z.string().optional() })
  .passthrough();
const fieldsPage = z.object({
  fields: z.array(
    z.object({
      fieldId: z.string(),
      name: z.string(),
      required: z.boolean(),
      schema: z.object({ type: z.string() }).passthrough().optional(),
      allowedValues: z.array(allowedValue).optional(),
    }),
  ),
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
});

/** Enough pages for any real screen (Jira pages these by 50); a stop, not an expectation. */
const MAX_PAGES = 10;

type MetadataEndpoints = Pick<JiraPort, 'getFields' | 'getCreateFieldMeta'>;

export const metadataEndpoints = (r: JiraRequester): MetadataEndpoints => ({
  async getFields(): Promise<JiraFieldInfo[]> {
    const fields = await r.json('get fields', '/rest/api/3/field', jsonBody('GET'), z.array(fieldSchema));
    return fields.map((f) => ({
      id: f.id,
      name: f.name,
      custom: f.custom === true,
      ...(f.schema ? { type: f.schema.type } : {}),
    }));
  },

  async getCreateFieldMeta(projectKey, issueTypeName): Promise<JiraFieldMeta[]> {
    const base = `/rest/api/3/issue/createmeta/${enc(projectKey)}/issuetypes`;
    let type: { id: string; name: string } | undefined;
    for (let page = 0, startAt = 0; page < MAX_PAGES && type === undefined; page += 1) {
      const reply = await r.json(
        'get create metadata',
        `${base}?startAt=${startAt}&maxResults=50`,
        jsonBody('GET'),
        issueTypesPage,
      );
      type = reply.issueTypes.find((t) => t.name.toLowerCase() === issueTypeName.toLowerCase());
      startAt = reply.startAt + reply.issueTypes.length;
      if (startAt >= reply.total || reply.issueTypes.length === 0) break;
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
        fieldsPage,
      );
      out.push(
        ...reply.fields.map((f) => ({
          id: f.fieldId,
          name: f.name,
          required: f.required,
          ...(f.schema ? { type: f.schema.type } : {}),
          ...(f.allowedValues
            ? { allowedValues: f.allowedValues.map((v) => ({ id: v.id, name: v.name ?? v.value ?? v.id })) }
            : {}),
        })),
      );
      startAt = reply.startAt + reply.fields.length;
      if (startAt >= reply.total || reply.fields.length === 0) break;
    }
    return out;
  },
});
