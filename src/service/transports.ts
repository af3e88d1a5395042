/**
 * The service's HTTP to Bitrix24 and Jira: Node's fetch with a deadline per call, every reply counted for
 * /metrics. Bitrix24 calls never follow redirects (a portal that moved must not lead the webhook secret, which is
 * in the URL, to another host); the client treats a 3xx as the failure it is, as on Forge.
 */
import type { JiraTransport } from '../adapters/jira/client';
import type { HttpReply, HttpRequestInit, HttpTransport } from '../ports/http';
import type { ServiceMetrics, Side } from './metrics';

export interface TransportOptions {
  timeoutMs: number;
  metrics: ServiceMetrics;
  /** Tests pass a fake; the service uses Node's global fetch. */
  fetch?: typeof fetch;
}

async function counted(side: Side, metrics: ServiceMetrics, call: () => Promise<HttpReply>): Promise<HttpReply> {
  try {
    const reply = await call();
    metrics.remoteCall(side, reply.status);
    return reply;
  } catch (error) {
    // A timeout or a refused connection: the client turns the throw into a retryable error.
    metrics.remoteCall(side, 'error');
    throw error;
  }
}

export function createB24Transport(options: TransportOptions): HttpTransport {
  const run = options.fetch ?? fetch;
  return (url: string, init: HttpRequestInit) =>
    counted('b24', options.metrics, () =>
      run(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      }),
    );
}

/** Wraps whichever Jira transport the service was given (API token or OAuth) so its calls are counted too. */
export function countedJiraTransport(transport: JiraTransport, metrics: ServiceMetrics): JiraTransport {
  return (path, init) => counted('jira', metrics, () => transport(path, init));
}
