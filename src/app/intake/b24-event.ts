/**
 * A Bitrix24 event delivery, from raw HTTP to a queued job. Every refusal happens before anything is written: only
 * a verified delivery writes, and only its arrival, its job's pending claim and push, or the portal's uninstall.
 */
import { constantTimeEqual } from '../../core/constant-time';
import { isSyncError } from '../../core/errors';
import type { SyncJob } from '../sync-jobs';
import { type ConnectionStore, memberIdKnown, type Connection } from '../store/connection';
import { OwnWrites } from '../sync/echo';
import { parseB24EventObject, type B24Event } from './b24-event-parser';
import { decodeDeliveryBody, FormBodyError } from './b24-form-body';
import { queueOnce, type IntakeDeps } from './intake-deps';
import { ReplayScreen } from './replays';
import { storesOf } from '../store/stores';
import { jobForChange } from './b24-change';

/** Bitrix24 event bodies are a few hundred bytes; anything near this is not from Bitrix24. */
export const MAX_EVENT_BODY_BYTES = 16 * 1024;

export interface IncomingDelivery {
  method: string;
  /** Not trusted to describe the body: Forge may re-serialize it, and Bitrix24 sends a form either way. */
  contentType: string | undefined;
  body: string;
}

export interface IntakeResult {
  status: 200 | 400 | 401 | 405 | 413 | 503;
  message: string;
}

/** The pieces one delivery works with, built from the runtime's ports; the offline drain screens with the same. */
export interface B24Intake {
  connection: ConnectionStore;
  log: IntakeDeps['log'];
  now: () => number;
  /** Copies of a job that is still waiting are answered without a push (pending-jobs.ts); refused pushes kept. */
  queue: (job: SyncJob) => Promise<'queued' | 'already-queued'>;
  /** Copies of an event a finished job has already seen are answered without a push (replays.ts). */
  replays: ReplayScreen;
  /**
   * The event of the app's own write, answered without queueing (sync/echo.ts). Bitrix24 has no "ignore self",
   * and each event that reaches the queue spends one of its pushes: the migration alone fires one per task it marks.
   */
  ownWrite: (job: SyncJob) => Promise<boolean>;
}

export function intakeOf(deps: IntakeDeps): B24Intake {
  const now = (): number => deps.clock.now();
  const links = storesOf(deps).links;
  const ownWrites = new OwnWrites(deps.kv, deps.ownAccounts);
  return {
    connection: storesOf(deps).connection,
    log: deps.log,
    now,
    queue: queueOnce(deps),
    replays: new ReplayScreen(deps.kv, now),
    ownWrite: async (job) =>
      ownWrites.jobIsOwn(job, job.kind === 'task-changed' ? await links.byTask(job.taskId) : null),
  };
}

function shapeProblem(delivery: IncomingDelivery): IntakeResult | null {
  if (delivery.method.toUpperCase() !== 'POST')
    return { status: 405, message: 'Bitrix24 events are delivered with POST' };
  if (Buffer.byteLength(delivery.body, 'utf8') > MAX_EVENT_BODY_BYTES) {
    return { status: 413, message: `event body larger than ${MAX_EVENT_BODY_BYTES} bytes` };
  }
  return null;
}

/** The body as a validated event, whichever of the shapes in decodeDeliveryBody it arrived in. */
function parseDelivery(body: string): B24Event {
  if (body.trim() === '') throw new FormBodyError('empty body');
  return parseB24EventObject(decodeDeliveryBody(body));
}

export async function receiveB24Event(delivery: IncomingDelivery, runtime: IntakeDeps): Promise<IntakeResult> {
  const deps = intakeOf(runtime);
  const problem = shapeProblem(delivery);
  if (problem) return problem;
  let event: B24Event;
  try {
    event = parseDelivery(delivery.body);
  } catch (error) {
    if (error instanceof FormBodyError) return { status: 400, message: `Malformed Bitrix24 event: ${error.message}` };
    return { status: 400, message: isSyncError(error) ? error.message : 'malformed event body' };
  }
  const [connection, token] = await Promise.all([deps.connection.get(), deps.connection.applicationToken()]);
  if (!connection || !token) return { status: 503, message: 'no Bitrix24 portal is connected' };
  const refusal = verify(event, connection, token);
  if (refusal) {
    deps.log.warn('refused a Bitrix24 event that failed verification', {
      event: event.event,
      domain: event.auth?.domain,
      reason: refusal.status,
    });
    return refusal;
  }
  if (connection.uninstalledAt !== undefined)
    return { status: 200, message: `ignored ${event.event}: the app was uninstalled from the portal` };
  if (event.kind === 'app-uninstalled') return uninstalled(event, connection, deps);
  await deps.connection.recordEventArrival(event.event, deps.now());
  if (event.kind === 'unknown') return { status: 200, message: `ignored ${event.event}` };
  const job = jobForChange(event);
  if (await deps.replays.seenBefore(job, event.ts)) return { status: 200, message: 'already synced' };
  if (await deps.ownWrite(job)) return { status: 200, message: "the app's own write" };
  return (await deps.queue(job)) === 'queued'
    ? { status: 200, message: 'queued' }
    : { status: 200, message: 'already queued' };
}

/**
 * The application token and the portal's domain and member_id, all three. The member_id is the one the admin's
 * set-up recorded (the OAuth approval's token reply, or entered for a webhook), never one an event brings: a
 * connection that does not know it refuses every event until the admin completes the set-up.
 */
function verify(event: B24Event, connection: Connection, token: string): IntakeResult | null {
  const auth = event.auth;
  const tokenAndPortal =
    auth !== undefined &&
    constantTimeEqual(auth.applicationToken, token) &&
    auth.domain.toLowerCase() === connection.domain.toLowerCase();
  if (!tokenAndPortal) return { status: 401, message: 'the event does not come from the connected portal' };
  if (!memberIdKnown(connection))
    return {
      status: 503,
      message: "the connection does not know its portal's member_id yet: complete the set-up on the Connection tab",
    };
  if (auth.memberId !== connection.memberId)
    return { status: 401, message: 'the event does not come from the connected portal' };
  return null;
}

/** Sync stops and nothing is deleted: links, settings and the journal wait for a reinstall. */
async function uninstalled(
  event: Extract<B24Event, { kind: 'app-uninstalled' }>,
  connection: Connection,
  deps: B24Intake,
): Promise<IntakeResult> {
  await deps.connection.save({ ...connection, uninstalledAt: deps.now() });
  deps.log.warn('the app was uninstalled from the Bitrix24 portal: sync stopped until it is installed again', {
    domain: connection.domain,
    clean: event.clean,
  });
  return { status: 200, message: 'the connection is marked as removed' };
}
