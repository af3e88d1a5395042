/** What a method handler receives: the portal, who is calling, and how to announce changes. */
import type { EventBus } from './events';
import type { Params } from './params';
import type { B24State } from './state';
import type { OAuthServer } from './oauth';

export interface Principal {
  userId: number;
  kind: 'webhook' | 'app';
  scopes: string[];
  /** Operating time is accounted per app or per webhook. */
  key: string;
}

export interface MethodResult {
  result: unknown;
  total?: number;
  next?: number;
}

export interface CallContext {
  state: B24State;
  actor: Principal;
  now: number;
  timeZone: string;
  events: EventBus;
  oauth: OAuthServer;
  /** Runs another method as the same caller (batch sub-commands); limits are the caller's business. */
  dispatch(method: string, params: Params): MethodResult;
  /** Sub-command timings for batch's result_time. */
  costOf(method: string): number;
}

export interface MethodSpec {
  /** Scope the webhook or app must hold; null for `basic` methods (batch, scope, profile, event.*). */
  scope: string | null;
  /** event.bind and friends answer WRONG_AUTH_TYPE to incoming webhooks. */
  appOnly?: boolean;
  /** Writes count as such in stats and are refused inside nothing; reads are pure. */
  write?: boolean;
  run(ctx: CallContext, params: Params): MethodResult;
}

export type MethodTable = Record<string, MethodSpec>;
