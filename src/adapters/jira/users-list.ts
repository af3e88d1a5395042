/**
 * GET /rest/api/3/users/search ("Get all users"): every account of the site, page by page. Unlike `/user/search`,
 * which stops at the thousandth match, it reaches everyone; the spec limits a page to 1000 accounts.
 */
import { z } from 'zod';
import type { JiraPort } from '../../ports/jira';
import { type JiraRequester, jsonBody } from './request';
import { userSchema } from './schemas';

export const MAX_USERS_PER_PAGE = 1000;

export const userListEndpoints = (r: JiraRequester): Pick<JiraPort, 'listUsers'> => ({
  async listUsers(startAt, maxResults) {
    const query = new URLSearchParams({
      startAt: String(startAt),
      maxResults: String(Math.min(maxResults, MAX_USERS_PER_PAGE)),
    });
    return r.json('list users', `/rest/api/3/users/search?${query.toString()}`, jsonBody('GET'), z.array(userSchema));
  },
});
