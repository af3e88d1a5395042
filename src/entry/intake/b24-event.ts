/**
 * A Bitrix24 event delivery, from raw HTTP to a queued job. Every refusal happens before anything is written: only
 * a verified delivery writes, and only its arrival, its job's pending claim and push, or the portal's uninstall.
 */
import { constantTimeEqual } from '../../core/constant-time';
import { isSyncError } from '../../core/errors';
import { parseB24EventObject, type B24Event } from '../../adapters/b24/event-parser';
import { decodeDeliveryBody, FormBodyError } from '../../adapters/b24/form-body';
import type { Logger } from '../../ports/log';
import type { JobQueue } from '../../ports/queue';
import type { SyncJob } from '../../app/jobs';
import { jobForChange } from '../../app/b24-change';
import { memberIdKnown, type Connection, type ConnectionStore } from '../../app/store/connection';
import { pushOnce, type PendingJobs } from '../../app/pending-jobs';
import type { ReplayScreen } from '../../app/replays';

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

export interface B24IntakeDeps {
  connection: ConnectionStore;
  queue: JobQueue;
  log: Logger;
  now: () => number;
  /** True for the event of the app's own write, answered without queueing (app/own-write-screen.ts). */
  ownWrite?: (job: SyncJob) => Promise<boolean>;
  /** Copies of a job that is still waiting are answered without a push (app/pending-jobs.ts). */
  pending?: PendingJobs;
  /** Copies of an event a finished job has already seen are answered without a push (app/replays.ts). */
  replays?: ReplayScreen;
}

function shapeProblem(delivery: IncomingDelivery): IntakeResult | null {
  if (delivery.method.toUpperCase() !== 'POST') return { status: 405, message: 'Bitrix24 events are delivered with POST' };
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

export async function receiveB24Event(delivery: IncomingDelivery, deps: B24IntakeDeps): Promise<IntakeResult> {
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
    deps.log.warn('refused a Bitrix24 event that failed verification', { event: event.event, domain: event.auth?.domain, reason: refusal.status });
    return refusal;
  }
  if (connection.uninstalledAt !== undefined) return { status: 200, message: `ignored ${event.event}: the app was uninstalled from the portal` };
  if (event.kind === 'app-uninstalled') return uninstalled(event, connection, deps);
  await deps.connection.recordEventArrival(event.event, deps.now());
  if (event.kind === 'unknown') return { status: 200, message: `ignored ${event.event}` };
  const job = jobForChange(event);
  if (await deps.replays?.seenBefore(job, event.ts)) return { status: 200, message: 'already synced' };
  if (await deps.ownWrite?.(job)) return { status: 200, message: "the app's own write" };
  return (await pushOnce(job, deps.queue, deps.pending)) === 'queued' ? { status: 200, message: 'queued' } : { status: 200, message: 'already queued' };
}

/**
 * The application token and the portal's domain and member_id, all three. The member_id is the one the admin's
 * set-up recorded (the OAuth approval's token reply, or entered for a webhook), never one an event brings: a
 * connection that does not know it refuses every event until the admin completes the set-up.
 */
function verify(event: B24Event, connection: Connection, token: string): IntakeResult | null {
  const auth = event.auth;
  const tokenAndPortal = auth !== undefined && constantTimeEqual(auth.applicationToken, token) && auth.domain.toLowerCase() === connection.domain.toLowerCase();
  if (!tokenAndPortal) return { status: 401, message: 'the event does not come from the connected portal' };
  if (!memberIdKnown(connection)) return { status: 503, message: "the connection does not know its portal's member_id yet: complete the set-up on the Connection tab" };
  if (auth.memberId !== connection.memberId) return { status: 401, message: 'the event does not come from the connected portal' };
  return null;
}

/** Sync stops and nothing is deleted: links, settings and the journal wait for a reinstall. */
async function uninstalled(event: Extract<B24Event, { kind: 'app-uninstalled' }>, connection: Connection, deps: B24IntakeDeps): Promise<IntakeResult> {
  await deps.connection.save({ ...connection, uninstalledAt: deps.now() });
  deps.log.warn('the app was uninstalled from the Bitrix24 portal: sync stopped until it is installed again', { domain: connection.domain, clean: event.clean });
  return { status: 200, message: 'the connection is marked as removed' };
}
