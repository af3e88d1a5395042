/**
 * The service's HTTP surface on Hono. Routes are plain functions of the request (`app.request()` runs them in
 * tests without a port); ../main.ts serves them with @hono/node-server.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { adminPageRoutes } from './admin-page';
import type { HttpParts } from './context';
import { eventRoutes } from './events';
import { healthRoutes } from './health';
import { resolveRoutes } from './resolve';
import { signInRoutes } from './sign-in';
import { userSearchRoutes } from './user-search';

export type { HttpParts } from './context';

export function createHttpApp(parts: HttpParts): Hono {
  const http = new Hono();
  // Bitrix24 events have their own, smaller limit (./events.ts); everything else stops at the configured one.
  const limit = bodyLimit({
    maxSize: parts.options.bodyLimitBytes,
    onError: (c) => c.json({ error: `The request body is larger than ${parts.options.bodyLimitBytes} bytes.` }, 413),
  });
  http.use('/api/*', limit);
  http.use('/setup', limit);
  http.use('/login', limit);
  http.use('/logout', limit);
  http.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
  });
  eventRoutes(http, parts);
  healthRoutes(http, parts);
  signInRoutes(http, parts);
  resolveRoutes(http, parts);
  adminPageRoutes(http, parts);
  userSearchRoutes(http, parts);
  http.notFound((c) => c.json({ error: `Nothing at ${c.req.method} ${c.req.path}.` }, 404));
  http.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // The message may quote a remote URL with a secret in it: the log masks it, the reply never carries it.
    parts.app.log.error('an HTTP request failed', { path: c.req.path, error });
    return c.json({ error: 'Something went wrong on our side; the service log has the details.' }, 500);
  });
  return http;
}
