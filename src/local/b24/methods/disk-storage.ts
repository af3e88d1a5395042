/**
 * disk.storage.getlist (storages the caller may see, filter with the documented prefixes, 50 a page) and
 * disk.storage.getforapp (the app's own storage, created on first call; app context and an admin only).
 */
import type { CallContext, MethodTable } from '../context';
import { addStorage, renderStorage } from '../drive';
import { B24Error } from '../envelope';
import { asInt, asList, asRecord, asText, param, type Params } from '../params';
import type { StorageRecord } from '../state';

const PAGE = 50;

const COLUMNS: Record<string, (s: StorageRecord) => string> = {
  ID: (s) => String(s.id),
  NAME: (s) => s.name,
  MODULE_ID: () => 'disk',
  ENTITY_TYPE: (s) => s.entityType,
  ENTITY_ID: (s) => s.entityId,
  ROOT_OBJECT_ID: (s) => String(s.rootFolderId),
};

function matches(s: StorageRecord, key: string, raw: unknown): boolean {
  const m = /^(>=|<=|!@|!=|=%|%=|>|<|@|%|=|!)?([A-Z_]+)$/.exec(key);
  const column = m ? COLUMNS[m[2] ?? ''] : undefined;
  // (inf.) Fields outside disk.storage.getFields filter nothing; the docs do not say.
  if (!m || !column) return true;
  const op = m[1] ?? '=';
  const actual = column(s);
  const values = asList(raw).map((v) => asText(v) ?? '');
  const first = values[0] ?? '';
  const number = (x: string): number => Number(x);
  switch (op) {
    case '@':
      return values.includes(actual);
    case '!@':
      return !values.includes(actual);
    case '!':
    case '!=':
      return actual !== first;
    case '%':
      return actual.toLowerCase().includes(first.toLowerCase());
    case '=%':
    case '%=':
      return new RegExp(`^${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i').test(actual);
    case '>':
      return number(actual) > number(first);
    case '>=':
      return number(actual) >= number(first);
    case '<':
      return number(actual) < number(first);
    case '<=':
      return number(actual) <= number(first);
    default:
      return actual === first;
  }
}

/** Admins see every storage; others their own drive, the common drive and the workgroups'. */
function visible(ctx: CallContext, s: StorageRecord): boolean {
  if (s.entityType === 'restapp') return false;
  if (ctx.state.user(ctx.actor.userId)?.admin === true) return true;
  return s.entityType !== 'user' || s.entityId === String(ctx.actor.userId);
}

function getlist(ctx: CallContext, params: Params): { result: unknown; total: number; next?: number } {
  const filter = asRecord(param(params, 'filter')) ?? {};
  const start = Math.max(0, asInt(param(params, 'start')) ?? 0);
  const rows = [...ctx.state.storages.values()]
    .filter((s) => visible(ctx, s))
    .filter((s) => Object.entries(filter).every(([k, v]) => matches(s, k, v)));
  const page = rows.slice(start, start + PAGE).map(renderStorage);
  return { result: page, total: rows.length, ...(start + PAGE < rows.length ? { next: start + PAGE } : {}) };
}

function getForApp(ctx: CallContext): { result: unknown } {
  // Documented error for a call outside an application (an incoming webhook).
  if (ctx.actor.kind !== 'app') throw new B24Error('ACCESS_DENIED', 'Access denied! Application context required');
  // "Who can execute the method: administrator".
  if (ctx.state.user(ctx.actor.userId)?.admin !== true) throw new B24Error('ACCESS_DENIED', 'Access denied');
  const existing = [...ctx.state.storages.values()].find((s) => s.entityType === 'restapp');
  return {
    result: renderStorage(
      existing ??
        addStorage(ctx.state, {
          name: ctx.state.seed.oauthClient?.clientId ?? 'app',
          entityType: 'restapp',
          entityId: '1',
        }),
    ),
  };
}

export const diskStorageMethods: MethodTable = {
  'disk.storage.getlist': { scope: 'disk', run: getlist },
  'disk.storage.getforapp': { scope: 'disk', run: getForApp },
};
