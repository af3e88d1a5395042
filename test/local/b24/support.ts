/** Builders for the Bitrix24 emulator contract tests: a seeded portal, a caller, and fixture readers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type B24Limits, type B24Seed, ManualClock } from '../../../src/local/contracts';
import { Bitrix24Emulator } from '../../../src/local/b24';
import { httpBuildQuery, parseStr } from '../../../src/local/b24/php-query';

export const DOMAIN = 'sandbox.bitrix24.com';

/** Replies are read loosely on purpose: each test asserts their shape against a fixture or exact values. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above; zod would restate every fixture
export type Loose = any;

export function aSeed(overrides: Partial<B24Seed> = {}): B24Seed {
  return {
    domain: DOMAIN,
    memberId: 'a223c6b3710f85df22e9377d6c4f7553',
    applicationToken: '51856fefc120afa4b628cc82d3935cce',
    timeZone: 'Europe/Berlin',
    users: [
      { id: '1', name: 'Anna', lastName: 'Admin', email: 'anna@example.com', webhookSecret: 'secret1', admin: true },
      { id: '2', name: 'Boris', lastName: 'Boss', email: 'boris@example.com', webhookSecret: 'secret2' },
      { id: '3', name: 'Clara', lastName: 'Coder', email: 'clara@example.com', webhookSecret: 'secret3' },
      { id: '4', name: 'Dora', lastName: 'Outsider', email: 'dora@example.com', webhookSecret: 'secret4' },
    ],
    groups: [{ id: '1', name: 'Demo group' }],
    oauthClient: { clientId: 'local.abc123', clientSecret: 'client-secret' },
    ...overrides,
  };
}

export type Encoding = 'json' | 'form' | 'query';
export type Params = Record<string, unknown> | unknown[];

export interface Portal {
  emu: Bitrix24Emulator;
  clock: ManualClock;
  deliveries: Request[];
  /** Calls a method through user `as`'s incoming webhook (default user 2). */
  /** An array is what positional legacy methods take (`[taskId, {...}]`). */
  call(method: string, params?: Params, opts?: { as?: string; encoding?: Encoding }): Promise<Response>;
  /** Same, but expects a 200 and returns the parsed body. */
  ok(method: string, params?: Params, opts?: { as?: string; encoding?: Encoding }): Promise<Record<string, Loose>>;
}

export function aPortal(options: { seed?: B24Seed; limits?: Partial<B24Limits> } = {}): Portal {
  const clock = new ManualClock();
  const deliveries: Request[] = [];
  const seed = options.seed ?? aSeed();
  const emu = new Bitrix24Emulator({
    clock,
    seed,
    outbox: (r) => deliveries.push(r),
    limits: options.limits ?? { bucketCapacity: 10_000 },
  });
  const call: Portal['call'] = (method, params = {}, opts = {}) => {
    const user = seed.users.find((u) => u.id === (opts.as ?? '2'));
    const base = `https://${DOMAIN}/rest/${user?.id ?? 'x'}/${user?.webhookSecret ?? 'x'}/${method}`;
    return emu.handle(webhookRequest(base, params, opts.encoding ?? 'json'));
  };
  const ok: Portal['ok'] = async (method, params, opts) => {
    const res = await call(method, params, opts);
    const body = (await res.json()) as Record<string, Loose>;
    if (res.status !== 200) throw new Error(`${method} answered ${res.status}: ${JSON.stringify(body)}`);
    return body;
  };
  return { emu, clock, deliveries, call, ok };
}

export function webhookRequest(base: string, params: Params, encoding: Encoding): Request {
  const keyed = Array.isArray(params) ? Object.fromEntries(params.map((v, i) => [String(i), v])) : params;
  if (encoding === 'query') return new Request(`${base}?${httpBuildQuery(keyed)}`);
  if (encoding === 'form') {
    return new Request(base, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: httpBuildQuery(keyed),
    });
  }
  return new Request(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
}

export function fixture(name: string): Loose {
  return JSON.parse(readFileSync(join(__dirname, '../../fixtures/b24', name), 'utf8'));
}

export function fixtureText(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/b24', name), 'utf8').trim();
}

export async function formOf(delivery: Request): Promise<Record<string, unknown>> {
  return parseStr(await delivery.clone().text());
}

/** Flattened PHP keys of a form body, in order (`data[FIELDS_AFTER][ID]`…). */
export function formKeys(body: string): string[] {
  return body.split('&').map((pair) => decodeURIComponent(pair.split('=')[0] ?? ''));
}

type Shape = string | { [k: string]: Shape } | Shape[];

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Every key the fixture has, the emulator has too, with the same value type (a fixture null accepts a string or
 * null: the docs print nullable fields as null). Arrays compare their first elements.
 */
export function shapeMismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  const a = kind(actual);
  const e = kind(expected);
  if (e === 'null') return a === 'null' || a === 'string' ? [] : [`${path}: ${a} where the fixture has null`];
  if (a !== e) return [`${path}: ${a} where the fixture has ${e}`];
  if (e === 'array') {
    const [x] = actual as unknown[];
    const [y] = expected as unknown[];
    return x === undefined || y === undefined ? [] : shapeMismatches(x, y, `${path}[0]`);
  }
  if (e !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
    if (!(k in (actual as Record<string, unknown>))) out.push(`${path}.${k}: missing`);
    else out.push(...shapeMismatches((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
  }
  return out;
}

export type { Shape };
