/**
 * event.offline.get / .clear / .error / .list (events/event-offline-*.md): application context only (an incoming
 * webhook gets WRONG_AUTH_TYPE, as for event.bind) and administrators only (403 ACCESS_DENIED "Access denied!").
 */
import { randomBytes } from 'node:crypto';
import type { CallContext, MethodResult, MethodTable } from '../context';
import { B24Error } from '../envelope';
import { renderRecord, type OfflineCondition, type OfflineField, type OfflineOrder } from '../offline-queue';
import { asInt, asList, asRecord, asText, param, type Params } from '../params';

const GET_FIELDS: OfflineField[] = ['ID', 'TIMESTAMP_X', 'EVENT_NAME', 'MESSAGE_ID'];
const LIST_FIELDS: OfflineField[] = [...GET_FIELDS, 'PROCESS_ID', 'ERROR'];
const LIST_PAGE = 50;

function adminOnly(ctx: CallContext): void {
  if (ctx.state.user(ctx.actor.userId)?.admin !== true) throw new B24Error('ACCESS_DENIED', 'Access denied!', 403);
}

/** Keys like `>=ID` or `EVENT_NAME`: the operation goes before the field name (event-offline-get.md). */
function filterOf(params: Params, fields: OfflineField[]): OfflineCondition[] {
  const raw = asRecord(param(params, 'filter')) ?? {};
  return Object.entries(raw).map(([key, value]) => {
    const m = /^(>=|<=|=|!|>|<)?(.+)$/.exec(key);
    const field = (m?.[2] ?? '').toUpperCase() as OfflineField;
    if (!fields.includes(field)) throw new B24Error('ERROR_ARGUMENT', `Invalid value of parameter {filter}: ${key}`);
    return { field, op: (m?.[1] ?? '=') as OfflineCondition['op'], value: asText(value) ?? '' };
  });
}

function orderOf(params: Params, fields: OfflineField[]): OfflineOrder[] {
  const raw = asRecord(param(params, 'order')) ?? {};
  return Object.entries(raw).map(([key, value]) => {
    const field = key.toUpperCase() as OfflineField;
    const direction = (asText(value) ?? '').toUpperCase();
    if (!fields.includes(field) || (direction !== 'ASC' && direction !== 'DESC'))
      throw new B24Error('ERROR_ARGUMENT', `Invalid value of parameter {order}: ${key}`);
    return { field, direction };
  });
}

/** Required by .clear and .error; the docs name no error for its absence, so the emulator's argument error stands in. */
function processIdOf(params: Params): string {
  const id = (asText(param(params, 'process_id')) ?? '').trim();
  if (id === '') throw new B24Error('ERROR_ARGUMENT', 'Invalid value of parameter {process_id}');
  return id;
}

const connectorOf = (params: Params): string => asText(param(params, 'auth_connector')) ?? '';
const flag = (params: Params, name: string, fallback: 0 | 1): boolean => (asInt(param(params, name)) ?? fallback) === 1;

function get(ctx: CallContext, params: Params): MethodResult {
  adminOnly(ctx);
  const clear = flag(params, 'clear', 1);
  const given = (asText(param(params, 'process_id')) ?? '').trim();
  const processId = given !== '' ? given : clear ? '' : randomBytes(16).toString('hex');
  const limit = asInt(param(params, 'limit'));
  const records = ctx.state.offline.take({
    connector: connectorOf(params),
    processId,
    clear,
    withErrors: flag(params, 'error', 0),
    filter: filterOf(params, GET_FIELDS),
    order: orderOf(params, GET_FIELDS),
    limit: limit !== undefined && limit > 0 ? limit : 50,
    now: ctx.now,
  });
  return {
    result: { process_id: clear ? null : processId, events: records.map((r) => renderRecord(r, ctx.timeZone, false)) },
  };
}

function ids(params: Params, name: string): string[] | null {
  const value = param(params, name);
  return value === undefined ? null : asList(value).map((v) => asText(v) ?? '');
}

function clear(ctx: CallContext, params: Params): MethodResult {
  adminOnly(ctx);
  const processId = processIdOf(params);
  const byId = ids(params, 'id');
  ctx.state.offline.clear(processId, byId ? byId.map(Number) : null, byId ? null : ids(params, 'message_id'));
  return { result: true };
}

function error(ctx: CallContext, params: Params): MethodResult {
  adminOnly(ctx);
  ctx.state.offline.markError(processIdOf(params), ids(params, 'message_id') ?? []);
  return { result: true };
}

function list(ctx: CallContext, params: Params): MethodResult {
  adminOnly(ctx);
  const all = ctx.state.offline.list({
    connector: connectorOf(params),
    filter: filterOf(params, LIST_FIELDS),
    order: orderOf(params, LIST_FIELDS),
    now: ctx.now,
  });
  const start = Math.max(0, asInt(param(params, 'start')) ?? 0);
  const page = all.slice(start, start + LIST_PAGE);
  return {
    result: page.map((r) => renderRecord(r, ctx.timeZone, true)),
    total: all.length,
    ...(start + LIST_PAGE < all.length ? { next: start + LIST_PAGE } : {}),
  };
}

export const offlineEventMethods: MethodTable = {
  'event.offline.get': { scope: null, appOnly: true, write: true, run: get },
  'event.offline.clear': { scope: null, appOnly: true, write: true, run: clear },
  'event.offline.error': { scope: null, appOnly: true, write: true, run: error },
  'event.offline.list': { scope: null, appOnly: true, run: list },
};
