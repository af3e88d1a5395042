/**
 * One REST call: authenticate, apply faults and limits, run the method, wrap the `time{}` envelope. `invoke`
 * is also what batch uses for its sub-commands (scope, auth type and operating time checked per command).
 */
import { authenticate, parseRestPath } from './auth';
import type { CallContext, MethodResult, MethodSpec, MethodTable, Principal } from './context';
import { B24Error, errorResponse, jsonResponse, SystemErrors, timeInfo } from './envelope';
import type { EventBus } from './events';
import type { LeakyBucket, OperatingTime } from './limits';
import { appMethods } from './methods/app';
import { batchMethods } from './methods/batch';
import { chatMethods } from './methods/chat';
import { chatEditMethods } from './methods/chat-edit';
import { chatMessageSend, V3Error } from './methods/chat-v3';
import { commentMethods } from './methods/comments';
import { diskMethods } from './methods/disk';
import { diskStorageMethods } from './methods/disk-storage';
import { eventMethods } from './methods/events';
import { offlineEventMethods } from './methods/events-offline';
import { taskActionMethods } from './methods/task-actions';
import { taskMethods } from './methods/tasks';
import { userMethods } from './methods/users';
import type { OAuthServer } from './oauth';
import { asText, type Params } from './params';
import { readArgs } from './request-args';
import type { B24State } from './state';
import type { ServiceFaults } from '../contracts';

const TABLE: MethodTable = Object.fromEntries(
  Object.entries({
    ...taskMethods,
    ...taskActionMethods,
    ...commentMethods,
    ...chatMethods,
    ...chatEditMethods,
    ...diskMethods,
    ...diskStorageMethods,
    ...userMethods,
    ...eventMethods,
    ...offlineEventMethods,
    ...batchMethods,
    ...appMethods,
  }).map(([name, spec]) => [name.toLowerCase(), spec]),
);

/** For call statistics: is this method a write (creates, changes or deletes something)? */
export function isWriteMethod(method: string): boolean {
  return TABLE[method.toLowerCase()]?.write === true;
}

const SCOPE_ALIASES: Record<string, string[]> = {
  user_brief: ['user_brief', 'user_basic', 'user'],
  task: ['task', 'tasks'],
};

export interface RouterDeps {
  state: B24State;
  oauth: OAuthServer;
  events: EventBus;
  bucket: LeakyBucket;
  operating: OperatingTime;
  now: () => number;
  cost: (method: string) => number;
  faults: () => ServiceFaults | null;
}

export class Router {
  constructor(private readonly deps: RouterDeps) {}

  private context(actor: Principal): CallContext {
    const d = this.deps;
    return {
      state: d.state,
      actor,
      now: d.now(),
      timeZone: d.state.seed.timeZone,
      events: d.events,
      oauth: d.oauth,
      dispatch: (method, params) => this.invoke(actor, method, params),
      costOf: d.cost,
    };
  }

  private check(actor: Principal, method: string, spec: MethodSpec | undefined): MethodSpec {
    if (!spec) throw SystemErrors.methodNotFound();
    if (spec.appOnly && actor.kind === 'webhook') throw SystemErrors.wrongAuthType();
    const accepted = spec.scope === null ? [] : (SCOPE_ALIASES[spec.scope] ?? [spec.scope]);
    if (spec.scope !== null && !accepted.some((s) => actor.scopes.includes(s)))
      throw SystemErrors.insufficientScope(actor.kind);
    if (method !== 'batch' && this.deps.operating.blocked(method)) throw SystemErrors.operationTimeLimit();
    return spec;
  }

  invoke(actor: Principal, method: string, params: Params): MethodResult {
    const spec = this.check(actor, method, TABLE[method]);
    const events = this.deps.events;
    const outer = events.writerConnector;
    // Only the call's own auth_connector counts: the docs do not say a batch's key covers its commands.
    events.writerConnector = asText(params['auth_connector']) ?? '';
    try {
      return spec.run(this.context(actor), params);
    } finally {
      events.writerConnector = outer;
      // Every executed command spends its method's time, failed or not; the outer batch call spends none: its
      // commands are accounted one by one (limits.md).
      if (method !== 'batch') this.deps.operating.record(method, this.deps.cost(method));
    }
  }

  async handle(request: Request, url: URL): Promise<Response> {
    const route = parseRestPath(url.pathname);
    if (!route) return errorResponse(SystemErrors.methodNotFound());
    const args = await readArgs(request, url);
    if (!args) return errorResponse(new B24Error('ERROR_ARGUMENT', 'Request body is not valid JSON'));
    const { auth, ...params } = args;
    const actor = authenticate(this.deps.state, this.deps.oauth, route, asText(auth), this.deps.now());
    if (actor instanceof B24Error) return errorResponse(actor);
    const faults = this.deps.faults();
    if (faults && faults.random() < faults.rateLimit) return errorResponse(SystemErrors.queryLimit());
    if (faults && faults.random() < faults.serverError) return errorResponse(SystemErrors.internal());
    if (!this.deps.bucket.take()) return errorResponse(SystemErrors.queryLimit());
    if (route.version === 'v3') return this.handleV3(actor, route.method, params);
    try {
      const out = this.invoke(actor, route.method, params);
      return jsonResponse({
        result: out.result,
        ...(out.next !== undefined ? { next: out.next } : {}),
        ...(out.total !== undefined ? { total: out.total } : {}),
        time: this.time(actor, route.method),
      });
    } catch (error) {
      if (error instanceof B24Error) return errorResponse(error);
      console.error('[b24 emulator] internal error', error);
      return errorResponse(SystemErrors.internal());
    }
  }

  private time(actor: Principal, method: string): ReturnType<typeof timeInfo> {
    const { operating, now, cost, state } = this.deps;
    const seconds = method === 'batch' ? 0 : cost(method);
    return timeInfo(now(), seconds, state.seed.timeZone, operating.used(method), operating.resetAt(method));
  }

  private handleV3(actor: Principal, method: string, params: Params): Response {
    if (method !== 'tasks.task.chat.message.send') {
      return jsonResponse(
        { error: { code: 'BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION', message: 'Method not found' } },
        404,
      );
    }
    try {
      if (!['task', 'tasks'].some((s) => actor.scopes.includes(s))) throw SystemErrors.insufficientScope(actor.kind);
      const out = chatMessageSend(this.context(actor), params);
      return jsonResponse({ result: out.result, time: this.time(actor, method) });
    } catch (error) {
      if (error instanceof V3Error) return jsonResponse({ error: error.body }, error.status);
      if (error instanceof B24Error) return errorResponse(error);
      throw error;
    }
  }
}
