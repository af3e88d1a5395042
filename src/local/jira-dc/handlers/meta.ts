/**
 * Create metadata in the Data Center shape ([REST] "api/2/issue/createmeta/{projectIdOrKey}/issuetypes" and
 * ".../issuetypes/{issueTypeId}", added in Jira 8.4 when the all-in-one `createmeta` was deprecated; it is gone in
 * 9.0): a page `{startAt, maxResults, total, isLast, values}` of issue types, or of the create screen's fields, each
 * with `fieldId`, `required`, `schema` and `allowedValues`. The content is the shared Cloud handler's.
 */
import { jsonResponse } from '../../jira/errors';
import { viaCloud } from '../bridge';
import type { DcHandler } from '../context';

function asValuesPage(listKey: 'issueTypes' | 'fields'): DcHandler {
  const cloud = viaCloud();
  return async (ctx) => {
    const reply = await cloud(ctx);
    if (reply.status !== 200) return reply;
    const page = (await reply.json()) as Record<string, unknown>;
    const values = Array.isArray(page[listKey]) ? (page[listKey] as unknown[]) : [];
    const startAt = Number(page.startAt);
    const total = Number(page.total);
    return jsonResponse(200, {
      maxResults: page.maxResults,
      startAt,
      total,
      isLast: startAt + values.length >= total,
      values,
    });
  };
}

export const createMetaIssueTypes = asValuesPage('issueTypes');
export const createMetaFields = asValuesPage('fields');
