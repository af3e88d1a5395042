/** What every handler receives: the matched request, who is calling, the site's state and the event sink. */
import type { Clock, JiraLimits, JiraProductEvent } from '../contracts';
import type { Actor } from './auth';
import type { JiraRateLimiter } from './limits';
import type { JiraState } from './state';

export interface HandlerContext {
  request: Request;
  url: URL;
  params: Record<string, string>;
  actor: Actor;
  state: JiraState;
  clock: Clock;
  limits: JiraLimits;
  limiter: JiraRateLimiter;
  emit: (event: JiraProductEvent) => void;
  /** Changes Jira reports to webhooks but not to Forge (a comment edit): the same shape, never given to Forge. */
  emitWebhookOnly: (event: JiraProductEvent) => void;
}

export type Handler = (ctx: HandlerContext) => Promise<Response> | Response;
