/** What a Data Center handler receives: the request, who calls, the shared state and the Data Center pieces. */
import type { Clock, JiraLimits, JiraProductEvent } from '../contracts';
import type { JiraRateLimiter } from '../jira/limits';
import type { JiraState } from '../jira/state';
import type { DcActor } from './auth';
import type { DcDirectory } from './directory';
import type { PatStore } from './pat';
import type { DcWebhookRegistry } from './webhook-registry';

export interface DcSite {
  state: JiraState;
  directory: DcDirectory;
  pats: PatStore;
  webhooks: DcWebhookRegistry;
  clock: Clock;
  limits: JiraLimits;
  /** The Cloud handlers' per-issue limiter; Data Center has no such limit, so it never binds (see index.ts). */
  issueLimiter: JiraRateLimiter;
  version: string;
}

export interface DcContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** Undefined: an anonymous request, which only `serverInfo` answers (see routes.ts). */
  actor: DcActor;
  site: DcSite;
  emit: (event: JiraProductEvent) => void;
  emitWebhookOnly: (event: JiraProductEvent) => void;
}

export type DcHandler = (ctx: DcContext) => Promise<Response> | Response;
