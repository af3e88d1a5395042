/**
 * GET /rest/api/3/user/email/bulk: e-mail addresses that profiles hide. The spec types the reply as one
 * `UnrestrictedUserEmail` object while a bulk answer carries one per account, so both shapes are accepted; ids are
 * asked in chunks so the URL stays short.
 */
import { z } from 'zod';
import type { JiraPort } from '../../ports/jira';
import { type JiraRequester, enc, jsonBody } from './request';

/** Account ids per request: 100 ids of ~40 characters keep the URL near 5 KB. */
export const EMAILS_PER_REQUEST = 100;

const entry = z.looseObject({ accountId: z.string(), email: z.string().optional() });
const replySchema = z.union([z.array(entry), entry.transform((e) => [e])]);

export const userEmailEndpoints = (r: JiraRequester): Pick<JiraPort, 'getUserEmails'> => ({
  async getUserEmails(accountIds) {
    const emails = new Map<string, string>();
    const unique = [...new Set(accountIds)];
    for (let i = 0; i < unique.length; i += EMAILS_PER_REQUEST) {
      const query = unique
        .slice(i, i + EMAILS_PER_REQUEST)
        .map((id) => `accountId=${enc(id)}`)
        .join('&');
      const reply = await r.json(
        'get user e-mails',
        `/rest/api/3/user/email/bulk?${query}`,
        jsonBody('GET'),
        replySchema,
      );
      for (const e of reply) if (e.email) emails.set(e.accountId, e.email.toLowerCase());
    }
    return emails;
  },
});
