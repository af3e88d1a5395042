/**
 * The migration's endpoints on REST v2. Bulk create takes no transition here, so each created issue's first status
 * hop is its own request after the batch; the search returns no issue properties on Data Center (JRASERVER-62898),
 * so the wanted properties are read per issue, one request each, only when asked for.
 */
import { z } from 'zod';
import { PermanentError, isSyncError } from '../../core/errors';
import type { JiraBulkCreateOutcome, JiraPort, JiraSearchItem } from '../../ports/jira';
import { bulkEndpoints } from '../jira/bulk';
import { SYNC_FIELDS } from '../jira/issues';
import { type JiraRequester, enc, jsonBody } from '../jira/request';
import { commentSchema, issueReadSchema } from '../jira/schemas';
import { parseReply } from '../reply';
import { toDcFields } from './fields';
import { nextToken, offsetOf, searchPageSchema } from './issues';
import { peopleLookup } from './people';
import { issuesToV3 } from './text';

const attachmentsOf = z.object({
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
const commentsOf = z.object({ fields: z.object({ comment: z.object({ comments: z.array(z.unknown()) }).optional() }) });
const propertiesOf = z.object({ properties: z.record(z.string(), z.unknown()).default({}) });

type BulkEndpoints = Pick<JiraPort, 'createIssues' | 'searchIssues'>;

async function firstHops(r: JiraRequester, outcomes: JiraBulkCreateOutcome[], hops: (string | undefined)[]) {
  return Promise.all(
    outcomes.map(async (outcome, index): Promise<JiraBulkCreateOutcome> => {
      const transitionId = hops[index];
      if (!outcome.ok || transitionId === undefined) return outcome;
      const path = `/rest/api/2/issue/${enc(outcome.id)}/transitions`;
      try {
        await r.send('transition issue', path, jsonBody('POST', { transition: { id: transitionId } }));
      } catch (error) {
        // The issue exists: a refused hop leaves it in the initial status, which the next sync pass corrects.
        if (!isSyncError(error) || error.retryable) throw error;
      }
      return outcome;
    }),
  );
}

export const dcBulkEndpoints = (r: JiraRequester): BulkEndpoints => ({
  async createIssues(items) {
    const people = peopleLookup(r);
    const plain = await Promise.all(
      items.map(async (item) => ({
        fields: await toDcFields(item.fields, people),
        ...(item.properties?.length ? { properties: item.properties } : {}),
      })),
    );
    const outcomes = await bulkEndpoints(r, '/rest/api/2').createIssues(plain);
    return firstHops(
      r,
      outcomes,
      items.map((i) => i.transitionId),
    );
  },

  async searchIssues(jql, options) {
    if (options.properties.length > 5)
      throw new PermanentError('invalid-request', 'Jira search issues: at most 5 issue properties', {
        code: 'jira:properties',
      });
    const fields = [
      ...SYNC_FIELDS,
      ...(options.customFields ?? []),
      ...(options.withComments === true ? ['comment'] : []),
      ...(options.withAttachments === true ? ['attachment'] : []),
    ];
    const body = { jql, fields, startAt: offsetOf(options.nextPageToken), maxResults: options.maxResults ?? 100 };
    const page = await r.json('search issues', '/rest/api/2/search', jsonBody('POST', body), searchPageSchema);
    const v3 = await issuesToV3(page.issues, peopleLookup(r), 'search issues');
    const items: JiraSearchItem[] = [];
    for (const raw of v3) items.push(await searchItem(r, raw, options));
    const next = nextToken(page);
    return next === undefined ? { items } : { items, nextPageToken: next };
  },
});

async function searchItem(
  r: JiraRequester,
  raw: unknown,
  options: { properties: string[]; withComments?: boolean; withAttachments?: boolean },
): Promise<JiraSearchItem> {
  const what = 'Jira search issues';
  const { issue } = parseReply(issueReadSchema, raw, what, 'jira:200');
  const properties = options.properties.length === 0 ? {} : await readProperties(r, issue.id, options.properties);
  const item: JiraSearchItem = { issue, properties };
  if (options.withAttachments === true)
    item.attachments = (parseReply(attachmentsOf, raw, what, 'jira:200').fields.attachment ?? []).map((a) => ({
      ...a,
    }));
  if (options.withComments === true) {
    const listed = parseReply(commentsOf, raw, what, 'jira:200').fields.comment?.comments ?? [];
    item.comments = parseReply(z.array(commentSchema(issue.id)), listed, what, 'jira:200');
  }
  return item;
}

async function readProperties(r: JiraRequester, issueId: string, keys: string[]): Promise<Record<string, unknown>> {
  const path = `/rest/api/2/issue/${enc(issueId)}?fields=summary&properties=${keys.map(enc).join(',')}`;
  return (await r.json('get issue properties', path, jsonBody('GET'), propertiesOf)).properties;
}
