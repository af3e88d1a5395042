/**
 * The KVS service's wire shapes: the JSON bodies `@forge/kvs` sends to each `POST /api/v1/...` operation, checked
 * before the service acts on them, and the replies and error bodies the SDK parses. The operations themselves are
 * kvs-service.ts.
 */
import { z } from 'zod';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import type { StoredEntry } from './kvs-store';

const ttlSchema = z.object({ value: z.number(), unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) });
const setOptionsSchema = z
  .object({
    ttl: ttlSchema.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
  })
  .optional();
export const keyBody = z.object({ key: z.string() });
export const setBody = z.object({ key: z.string(), value: z.unknown(), options: setOptionsSchema });
export const queryBody = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z
    .array(
      z.object({
        property: z.literal('key'),
        condition: z.literal('BEGINS_WITH'),
        values: z.array(z.union([z.string(), z.number()])).length(1),
      }),
    )
    .optional(),
});
export const batchSetBody = z.array(
  z.object({ key: z.string(), value: z.unknown(), entityName: z.string().optional(), options: setOptionsSchema }),
);
export const batchKeyBody = z.array(z.object({ key: z.string(), entityName: z.string().optional() }));
export const transactionBody = z.object({
  set: z
    .array(
      z.object({
        key: z.string(),
        value: z.unknown(),
        entityName: z.string().optional(),
        conditions: z.unknown().optional(),
        options: setOptionsSchema,
      }),
    )
    .optional(),
  delete: z
    .array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: z.unknown().optional() }))
    .optional(),
  check: z.array(z.unknown()).optional(),
});

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function fail(status: number, code: string, message: string): Response {
  return json(status, { code, message });
}

export function entryBody(key: string, entry: StoredEntry): Record<string, unknown> {
  return {
    key,
    value: JSON.parse(entry.json) as unknown,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    ...(entry.expireAt !== undefined ? { expireTime: new Date(entry.expireAt).toISOString() } : {}),
  };
}

export function errorBody(error: unknown): { code: string; message: string } {
  if (error instanceof ForgeKvsAPIError) return { code: error.code, message: error.message };
  return { code: 'UNKNOWN_ERROR', message: error instanceof Error ? error.message : String(error) };
}
