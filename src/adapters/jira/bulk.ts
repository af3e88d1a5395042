/**
 * The migration's bulk endpoints: `POST /issue/bulk` (≤ 50 issues, each with its marker property and first status
 * hop) and `/search/jql` with issue properties and comments. Jira answers a bulk create 201 when any element was
 * created and 400 when none was; either way each refused element is named by `failedElementNumber`.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JiraBulkCreateOutcome, JiraPort } from '../../ports/jira';
import { parseReply } from '../reply';
import { type JiraRequester, jsonBody } from './request';
import { commentSchema, issueReadSchema } from './schemas';
import { SYNC_FIELDS } from './issues';

const MAX_BULK_CREATE = 50;

const elementErrorSchema = z.object({
  status: z.number().optional(),
  failedElementNumber: z.number().int().min(0),
  elementErrors: z
    .object({
      errorMessages: z.array(z.string()).default([]),
      errors: z.record(z.string(), z.string()).default({}),
    })
    .default({ errorMessages: [], errors: {} }),
});

const bulkReplySchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string() })),
  errors: z.array(elementErrorSchema).default([]),
});

const searchPageSchema = z.object({ issues: z.array(z.unknown()), nextPageToken: z.string().nullish() });
const commentFieldSchema = z.object({
  fields: z.object({ comment: z.object({ comments: z.array(z.unknown()) }).optional() }),
});
const attachmentFieldSchema = z.object({
  fields: z.object({
    attachment: z
      .array(
        z.object({
          id: z.string(),
          filename: z.string().min(1),
          size: z.number().int().nonnegative(),
          mimeType: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

type BulkEndpoints = Pick<JiraPort, 'createIssues' | 'searchIssues'>;

const describe = (e: z.infer<typeof elementErrorSchema>): string =>
  [...e.elementErrors.errorMessages, ...Object.entries(e.elementErrors.errors).map(([f, m]) => `${f}: ${m}`)].join(
    '; ',
  ) || 'refused';

/** Jira lists the created issues in request order, skipping the refused elements. */
function outcomes(count: number, reply: z.infer<typeof bulkReplySchema>): JiraBulkCreateOutcome[] {
  const failed = new Map(reply.errors.map((e) => [e.failedElementNumber, e]));
  const created = [...reply.issues];
  return Array.from({ length: count }, (_, index): JiraBulkCreateOutcome => {
    const error = failed.get(index);
    if (error !== undefined)
      return {
        ok: false,
        status: error.status ?? 400,
        message: describe(error),
        fieldErrors: error.elementErrors.errors,
      };
    const issue = created.shift();
    if (issue === undefined)
      throw new PermanentError('invalid-request', 'Jira bulk create answered fewer issues than it created', {
        code: 'jira:bulk-reply',
      });
    return { ok: true, id: issue.id, key: issue.key };
  });
}

/** `api` is the REST root: Data Center's v2 bulk create takes and answers the same shape. */
export const bulkEndpoints = (r: JiraRequester, api = '/rest/api/3'): BulkEndpoints => ({
  async createIssues(items) {
    if (items.length === 0) return [];
    if (items.length > MAX_BULK_CREATE)
      throw new PermanentError(
        'invalid-request',
        `Jira bulk create: ${items.length} issues, at most ${MAX_BULK_CREATE}`,
        { code: 'jira:bulk-size' },
      );
    const issueUpdates = items.map((item) => ({
      fields: item.fields,
      ...(item.properties?.length ? { properties: item.properties } : {}),
      ...(item.transitionId === undefined ? {} : { transition: { id: item.transitionId } }),
    }));
    try {
      return outcomes(
        items.length,
        await r.json('bulk create issues', `${api}/issue/bulk`, jsonBody('POST', { issueUpdates }), bulkReplySchema),
      );
    } catch (error) {
      // 400 = every element refused: each is retried on its own, where the single path names the field.
      if (!(error instanceof PermanentError) || error.code !== 'jira:400') throw error;
      return items.map(() => ({ ok: false as const, status: 400, message: error.message, fieldErrors: {} }));
    }
  },

  async searchIssues(jql, options) {
    const fields = [
      ...SYNC_FIELDS,
      ...(options.customFields ?? []),
      ...(options.withComments === true ? ['comment'] : []),
      ...(options.withAttachments === true ? ['attachment'] : []),
    ];
    const body = {
      jql,
      fields,
      properties: options.properties,
      maxResults: options.maxResults ?? 100,
      ...(options.nextPageToken === undefined ? {} : { nextPageToken: options.nextPageToken }),
      ...(options.reconcileIssues === undefined ? {} : { reconcileIssues: options.reconcileIssues }),
    };
    const page = await r.json('search issues', '/rest/api/3/search/jql', jsonBody('POST', body), searchPageSchema);
    const items = page.issues.map((raw) => {
      const read = parseReply(issueReadSchema, raw, 'Jira search issues', 'jira:200');
      const attachments =
        options.withAttachments === true
          ? {
              attachments: (
                parseReply(attachmentFieldSchema, raw, 'Jira search issues', 'jira:200').fields.attachment ?? []
              ).map((a) => ({ ...a })),
            }
          : {};
      if (options.withComments !== true) return { issue: read.issue, properties: read.properties, ...attachments };
      const listed =
        parseReply(commentFieldSchema, raw, 'Jira search issues', 'jira:200').fields.comment?.comments ?? [];
      const comments = parseReply(z.array(commentSchema(read.issue.id)), listed, 'Jira search issues', 'jira:200');
      return { issue: read.issue, properties: read.properties, comments, ...attachments };
    });
    return page.nextPageToken == null ? { items } : { items, nextPageToken: page.nextPageToken };
  },
});
