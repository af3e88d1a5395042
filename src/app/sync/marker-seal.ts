/**
 * The issue property the app writes on an issue it creates for a task (`b24-sync`), sealed so that a copy a
 * person writes can be told from the app's own.
 *
 * Why a keyed digest and not a record in storage: the marker exists to restore a link that storage lost (the
 * create landed but its reply, or the job, did not), so whatever vouches for it must not live beside the link it
 * replaces. The digest is an HMAC of the task id under a key only the app holds, kept in Forge secret storage
 * (never readable through an issue, a resolver or a log). It cannot name the issue id: the property rides in the
 * create call, before Jira has given the issue an id, and a second write per created issue would double the
 * create's cost (and the migration's). So a person can copy a sealed marker from one issue to another; what stops
 * that copy is the rule that a marker never takes a task linked elsewhere, unlinked by a person or outside the
 * pair's workgroup (marker-trust.ts). A marker without a seal (written by a person, or by an app version before
 * seals) vouches for nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { RetryableError } from '../../core/errors';
import type { AppDeps } from '../deps';
import { keys, secretKeys } from '../store/keys';

export const ISSUE_PROPERTY = 'b24-sync';

export interface IssueMarker {
  taskId: string;
  seal?: string;
}

const markerSchema = z.object({ taskId: z.string().regex(/^\d{1,18}$/), seal: z.string().max(100).optional() });

/** The marker as stored on an issue, or null when there is none or it is not one the app could have written. */
export function parseMarker(value: unknown): IssueMarker | null {
  const parsed = markerSchema.safeParse(value);
  if (!parsed.success) return null;
  return parsed.data.seal === undefined
    ? { taskId: parsed.data.taskId }
    : { taskId: parsed.data.taskId, seal: parsed.data.seal };
}

/**
 * Read once per invocation: keyed by that invocation's secret store (built per invocation by the composition
 * root), so nothing outlives it even when Forge reuses the module for another installation.
 */
const loaded = new WeakMap<object, string>();

const keySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
/** A claim that stops two first jobs from each making a key; it expires so a claimant that died cannot block for ever. */
const CLAIM_TTL_SECONDS = 60;

/**
 * The app's sealing key, made on first use. Secret storage has no create-if-absent, so the maker first claims the
 * right in plain storage; a job that finds the claim taken but no key yet retries shortly rather than make another.
 */
async function sealKey(deps: Pick<AppDeps, 'kv' | 'secrets' | 'clock'>): Promise<string> {
  const cached = loaded.get(deps.secrets);
  if (cached !== undefined) return cached;
  const stored = keySchema.safeParse(await deps.secrets.get(secretKeys.markerSeal()));
  if (stored.success) {
    loaded.set(deps.secrets, stored.data);
    return stored.data;
  }
  if (!(await deps.kv.setIfAbsent(keys.markerSealClaim(), deps.clock.now(), { ttlSeconds: CLAIM_TTL_SECONDS }))) {
    throw new RetryableError('server-error', 'another job is making the marker key; trying again shortly', {
      code: 'app:marker-key',
      retryAfterMs: 5_000,
    });
  }
  const made = randomBytes(32).toString('base64url');
  await deps.secrets.set(secretKeys.markerSeal(), made);
  return made;
}

const digest = (key: string, taskId: string): string =>
  createHmac('sha256', key).update(`b24-sync/v1/task/${taskId}`).digest('base64url');

/** The property value the app writes on an issue it creates for `taskId`. */
export async function sealedMarker(
  deps: Pick<AppDeps, 'kv' | 'secrets' | 'clock'>,
  taskId: string,
): Promise<{ taskId: string; seal: string }> {
  return { taskId, seal: digest(await sealKey(deps), taskId) };
}

/** Whether the marker carries the app's own seal for the task it names. Reads only: with no key yet, nothing is sealed. */
export async function isSealed(deps: Pick<AppDeps, 'secrets'>, marker: IssueMarker): Promise<boolean> {
  if (marker.seal === undefined) return false;
  const key = loaded.get(deps.secrets) ?? keySchema.safeParse(await deps.secrets.get(secretKeys.markerSeal())).data;
  if (key === undefined) return false;
  const expected = Buffer.from(digest(key, marker.taskId));
  const given = Buffer.from(marker.seal);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
