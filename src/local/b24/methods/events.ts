/**
 * event.bind / event.get / event.unbind: application (OAuth) context only. Handlers answer per app; an admin's
 * outgoing webhook is added by the emulator's bindHandler instead. `event_type=offline` binds without a URL: the
 * portal then queues the changes for event.offline.get (methods/events-offline.ts).
 */
import type { CallContext, MethodTable } from '../context';
import { B24Error } from '../envelope';
import { BINDABLE_EVENTS } from '../events';
import { asInt, asText, param, type Params } from '../params';
import type { HandlerRecord } from '../state';

function eventName(params: Params): string {
  return (asText(param(params, 'event')) ?? '').toUpperCase();
}

function handlerUrl(params: Params): string {
  const handler = asText(param(params, 'handler')) ?? '';
  if (!/^https?:\/\/[^/\s]+/i.test(handler)) throw new B24Error('ERROR_HANDLER_URL_MISMATCH', 'Wrong handler URL');
  return handler;
}

function bind(ctx: CallContext, params: Params): { result: unknown } {
  const event = eventName(params);
  if (!BINDABLE_EVENTS.includes(event)) throw new B24Error('ERROR_EVENT_NOT_FOUND', 'Event not found');
  const offline = asText(param(params, 'event_type')) === 'offline';
  // An offline binding has no handler URL (offline-events.md, "Registering the Handler").
  const handler = offline ? '' : handlerUrl(params);
  const authType = asInt(param(params, 'auth_type')) ?? 0;
  const authConnector = offline ? (asText(param(params, 'auth_connector')) ?? '') : '';
  const admin = ctx.state.user(ctx.actor.userId)?.admin === true;
  // Non-admins may bind neither offline events nor another user's auth_type (event-bind.md, its error table).
  if (!admin && offline)
    throw new B24Error(
      'ACCESS_DENIED',
      'Access denied! Offline events binding requires administrator access rights',
      403,
    );
  if (!admin && authType !== 0 && authType !== ctx.actor.userId) {
    throw new B24Error(
      'ACCESS_DENIED',
      'Access denied! Event binding with AUTH_TYPE requires administrator access rights',
      403,
    );
  }
  const same = (h: HandlerRecord): boolean =>
    h.kind === 'app' &&
    h.event === event &&
    h.offline === offline &&
    h.handler === handler &&
    h.authType === authType &&
    h.authConnector === authConnector;
  if (ctx.state.handlers.some(same)) throw new B24Error('ERROR_HANDLER_ALREADY_EXIST', 'Handler already exists!');
  ctx.state.handlers.push({
    id: ctx.state.nextId('handler'),
    event,
    handler,
    authType,
    kind: 'app',
    applicationToken: ctx.state.seed.applicationToken,
    offline,
    authConnector,
  });
  return { result: true };
}

function get(ctx: CallContext): { result: unknown } {
  return {
    result: ctx.state.handlers
      .filter((h) => h.kind === 'app')
      .map((h) => ({ event: h.event, handler: h.handler, auth_type: String(h.authType), offline: h.offline ? 1 : 0 })),
  };
}

function unbind(ctx: CallContext, params: Params): { result: unknown } {
  const event = eventName(params);
  const offline = asText(param(params, 'event_type')) === 'offline';
  const handler = asText(param(params, 'handler'));
  const authType = asInt(param(params, 'auth_type'));
  const before = ctx.state.handlers.length;
  const keep = ctx.state.handlers.filter(
    (h) =>
      !(
        h.kind === 'app' &&
        h.event === event &&
        h.offline === offline &&
        (offline || handler === undefined || h.handler === handler) &&
        (authType === undefined || h.authType === authType)
      ),
  );
  ctx.state.handlers.splice(0, ctx.state.handlers.length, ...keep);
  return { result: { count: before - keep.length } };
}

export const eventMethods: MethodTable = {
  'event.bind': { scope: null, appOnly: true, write: true, run: bind },
  'event.get': { scope: null, appOnly: true, run: get },
  'event.unbind': { scope: null, appOnly: true, write: true, run: unbind },
};
