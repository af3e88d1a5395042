/**
 * The admin page's resolver calls: `POST /api/resolve/<page>/<call>` with JSON `{ payload, extension }`, where
 * `extension` is what the Forge module context would carry (the project, the issue). Only a signed-in admin's
 * browser gets through: the session cookie (SameSite=Strict) and the session's CSRF token in a header, JSON
 * only. The call then runs exactly as on Forge, with the admin's rights (../admin-rights.ts).
 */
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { z } from 'zod';
import { RESOLVER_DEFINITIONS, type ResolverHost } from '../app-calls';
import { CSRF_HEADER, csrfMatches, currentSession, type HttpParts } from './context';

const bodySchema = z.object({
  payload: z.unknown().optional(),
  extension: z.record(z.string(), z.unknown()).optional(),
});

export function resolveRoutes(http: Hono, parts: HttpParts): void {
  const host = (deps: ReturnType<HttpParts['app']['deps']>): ResolverHost => ({
    rights: parts.rights(deps),
    compose: () => deps,
    eventUrl: () => Promise.resolve(new URL('/events/b24', parts.options.publicUrl).toString()),
    transport: parts.app.b24Transport,
  });
  // Forge stops a resolver after 25 s; the page then says the call failed, and so it does here.
  const tooLong = (): HTTPException =>
    new HTTPException(504, { res: Response.json({ error: 'The call took too long; try again.' }, { status: 504 }) });
  const limit = timeout(parts.options.resolverTimeoutMs, tooLong);
  http.post('/api/resolve/:page/:call', limit, async (c) => {
    const session = await currentSession(c, parts);
    if (!session) return c.json({ error: 'Sign in first.' }, 401);
    if (!csrfMatches(session, c.req.header(CSRF_HEADER)))
      return c.json({ error: 'The request lacks the page token; reload the page.' }, 403);
    if (!/^application\/json(;|$)/i.test(c.req.header('content-type') ?? ''))
      return c.json({ error: 'Send JSON (Content-Type: application/json).' }, 415);
    const page = c.req.param('page');
    const calls = page === 'settings' || page === 'issue' ? RESOLVER_DEFINITIONS[page] : undefined;
    const call = calls && Object.hasOwn(calls, c.req.param('call')) ? calls[c.req.param('call')] : undefined;
    if (!call) return c.json({ error: `There is no call ${page}/${c.req.param('call')}.` }, 404);
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return c.json({ error: 'The body is not JSON.' }, 400);
    }
    const body = bodySchema.safeParse(json);
    if (!body.success) return c.json({ error: 'The body must be an object of payload and extension.' }, 400);
    const deps = parts.app.deps({ resolver: `${page}/${c.req.param('call')}` });
    const context = { accountId: `service-admin:${session.username}`, extension: body.data.extension ?? {} };
    return c.json((await call({ context, payload: body.data.payload ?? {} }, host(deps))) ?? null);
  });
}
