/**
 * The two Jira user reads the settings page's user picker makes in the browser (search, and the chosen person by
 * account id), answered with the service's Jira account for the signed-in admin: inside Jira the browser asks Jira
 * itself, here it has no Jira session. Read-only, session required, and only the fields the picker shows.
 */
import type { Hono } from 'hono';
import type { JiraUser } from '../../ports/jira';
import { currentSession, type HttpParts } from './context';

const shown = (user: JiraUser): Record<string, string> => ({
  accountId: user.accountId,
  displayName: user.displayName,
  ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
});

export function userSearchRoutes(http: Hono, parts: HttpParts): void {
  http.get('/jira/rest/api/3/user/search', async (c) => {
    if (!(await currentSession(c, parts))) return c.json({ error: 'Sign in first.' }, 401);
    const query = (c.req.query('query') ?? '').slice(0, 200);
    if (query.trim() === '') return c.json([]);
    const users = await parts.app.deps({ handler: 'user-search' }).jira.findUsers(query);
    return c.json(users.slice(0, 20).map(shown));
  });
  http.get('/jira/rest/api/3/user', async (c) => {
    if (!(await currentSession(c, parts))) return c.json({ error: 'Sign in first.' }, 401);
    const accountId = c.req.query('accountId') ?? '';
    if (!/^[\w:-]{1,128}$/.test(accountId)) return c.json({ errorMessages: ['accountId is not an account id'] }, 400);
    const user = await parts.app.deps({ handler: 'user-search' }).jira.getUser(accountId);
    return user ? c.json(shown(user)) : c.json({ errorMessages: ['no such user'] }, 404);
  });
}
