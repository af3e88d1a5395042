/** People and workgroups: user.get, user.current, profile, scope, sonet_group.get. */
import type { B24SeedUser } from '../../contracts';
import type { CallContext, MethodTable } from '../context';
import { asInt, asRecord, asText, param, type Params } from '../params';

const PAGE = 50;

function renderUser(ctx: CallContext, u: B24SeedUser): Record<string, unknown> {
  // user_brief hides contacts: EMAIL needs user_basic or user (docs: user-scope.md).
  const withEmail = ctx.actor.scopes.includes('user_basic') || ctx.actor.scopes.includes('user');
  return {
    ID: u.id,
    ACTIVE: true,
    NAME: u.name,
    LAST_NAME: u.lastName,
    SECOND_NAME: '',
    ...(withEmail ? { EMAIL: u.email } : {}),
    TIME_ZONE: '',
    IS_ONLINE: 'N',
    PERSONAL_GENDER: '',
    WORK_POSITION: '',
    UF_EMPLOYMENT_DATE: '',
    UF_DEPARTMENT: [1],
    USER_TYPE: 'employee',
  };
}

function matches(u: B24SeedUser, key: string, raw: unknown): boolean {
  const m = /^(!|%|=%|>=|<=|>|<|=)?(.+)$/.exec(key.toUpperCase());
  const op = m?.[1] ?? '';
  const field = m?.[2] ?? '';
  const values: Record<string, string> = {
    ID: u.id,
    EMAIL: u.email,
    NAME: u.name,
    LAST_NAME: u.lastName,
    ACTIVE: 'true',
    USER_TYPE: 'employee',
  };
  const actual = values[field];
  if (actual === undefined) return true;
  const list = Array.isArray(raw) ? raw.map((x) => asText(x) ?? '') : [asText(raw) ?? ''];
  const like = (pattern: string): boolean =>
    new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i').test(actual);
  const hit = list.some((v) => {
    if (field === 'ACTIVE') return ['true', 'Y', '1'].includes(v);
    if (op === '%') return actual.toLowerCase().includes(v.toLowerCase());
    if (op === '=%' || v.includes('%')) return like(v);
    if (field === 'EMAIL') return actual.toLowerCase() === v.toLowerCase();
    return actual === v;
  });
  return op === '!' ? !hit : hit;
}

function userGet(ctx: CallContext, params: Params): { result: unknown; total: number; next?: number } {
  const filter = { ...(asRecord(param(params, 'FILTER')) ?? {}) };
  const id = param(params, 'ID');
  if (id !== undefined) filter.ID = id;
  const start = Math.max(0, asInt(param(params, 'start')) ?? 0);
  const users = ctx.state.seed.users.filter((u) => Object.entries(filter).every(([k, v]) => matches(u, k, v)));
  const page = users.slice(start, start + PAGE).map((u) => renderUser(ctx, u));
  return { result: page, total: users.length, ...(start + PAGE < users.length ? { next: start + PAGE } : {}) };
}

function profile(ctx: CallContext): { result: unknown } {
  const u = ctx.state.user(ctx.actor.userId);
  return {
    result: {
      ID: String(ctx.actor.userId),
      ADMIN: u?.admin === true,
      NAME: u?.name ?? '',
      LAST_NAME: u?.lastName ?? '',
      PERSONAL_GENDER: '',
      PERSONAL_PHOTO: '',
      TIME_ZONE: ctx.timeZone,
      TIME_ZONE_OFFSET: 0,
    },
  };
}

function userCurrent(ctx: CallContext): { result: unknown } {
  const u = ctx.state.user(ctx.actor.userId);
  return { result: u ? renderUser(ctx, u) : {} };
}

function groups(ctx: CallContext, params: Params): { result: unknown; total: number } {
  const filter = asRecord(param(params, 'FILTER')) ?? {};
  const wantId = asText(filter.ID ?? param(params, 'GROUP_ID'));
  const wantName = asText(filter.NAME);
  const rows = ctx.state.seed.groups
    .filter((g) => (wantId === undefined || g.id === wantId) && (wantName === undefined || g.name === wantName))
    .map((g) => ({
      ID: g.id,
      SITE_ID: 's1',
      NAME: g.name,
      DESCRIPTION: '',
      DATE_CREATE: '2024-01-01T00:00:00+00:00',
      DATE_UPDATE: '2024-01-01T00:00:00+00:00',
      ACTIVE: 'Y',
      VISIBLE: 'Y',
      OPENED: 'Y',
      CLOSED: 'N',
      SUBJECT_ID: '1',
      OWNER_ID: ctx.state.seed.users[0]?.id ?? '1',
      KEYWORDS: '',
      NUMBER_OF_MEMBERS: String(ctx.state.seed.users.length),
      DATE_ACTIVITY: '2024-01-01T00:00:00+00:00',
      SUBJECT_NAME: 'Workgroups',
      PROJECT: 'N',
      IS_EXTRANET: 'N',
    }));
  return { result: rows, total: rows.length };
}

function scope(ctx: CallContext): { result: unknown } {
  return { result: [...ctx.actor.scopes] };
}

export const userMethods: MethodTable = {
  'user.get': { scope: 'user_brief', run: userGet },
  'user.current': { scope: 'user_brief', run: userCurrent },
  profile: { scope: null, run: profile },
  scope: { scope: null, run: scope },
  'sonet_group.get': { scope: 'sonet_group', run: groups },
};
