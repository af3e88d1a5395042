/**
 * `GET /healthz` (the process answers), `GET /readyz` (the database and the queue answer too: a load balancer
 * sends no traffic before) and `GET /metrics` (Prometheus text). None needs a session, so none says more than
 * how things run: no credentials, no people, Jira project keys at most (README: keep them to the internal network).
 */
import type { Hono } from 'hono';
import type { HttpParts } from './context';

export function healthRoutes(http: Hono, parts: HttpParts): void {
  const jira = parts.jira.mode === 'none' ? 'not configured' : parts.jira.mode;
  http.get('/healthz', (c) => c.json({ ok: true, jira }));
  http.get('/readyz', async (c) => {
    const results = await Promise.all(
      parts.ready.map(async (probe) => {
        try {
          await probe.check();
          return [probe.name, 'ok'] as const;
        } catch (error) {
          parts.app.log.warn('a readiness check failed', {
            check: probe.name,
            error: error instanceof Error ? error.message : String(error),
          });
          return [probe.name, 'failing'] as const;
        }
      }),
    );
    const ok = results.every(([, state]) => state === 'ok');
    return c.json({ ok, checks: Object.fromEntries(results) }, ok ? 200 : 503);
  });
  http.get('/metrics', async (c) => {
    const text = await parts.metrics.registry.metrics();
    return c.body(text, 200, { 'content-type': parts.metrics.registry.contentType });
  });
}
