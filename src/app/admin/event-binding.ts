/**
 * OAuth mode: the app registers its web trigger with event.bind for the six task events and for ONAPPUNINSTALL,
 * which tells it that the portal removed the app (sync stops, nothing is deleted). (An incoming webhook cannot
 * bind events; the admin creates an outgoing webhook pointing at the same URL instead.) With offline events the
 * six task events are bound with event_type=offline and no URL, and the service drains the portal's queue
 * (app/intake/offline-drain.ts); ONAPPUNINSTALL is left out, since a portal that cannot reach the service cannot deliver
 * it either (after an uninstall the drain's calls fail, and the Connection tab's health says so).
 */
import type { AppDeps } from '../deps';
import { eventModeOf, type EventMode } from '../store/connection';
import { AdminError, b24Failure, describeB24Failure } from './admin-errors';
import { storesOf } from '../store/stores';

const TASK_EVENTS = [
  'ONTASKADD',
  'ONTASKUPDATE',
  'ONTASKDELETE',
  'ONTASKCOMMENTADD',
  'ONTASKCOMMENTUPDATE',
  'ONTASKCOMMENTDELETE',
] as const;
/** Everything the app binds (common/events/on-app-uninstall.md: scope basic, any user may subscribe). */
const BOUND_EVENTS = [...TASK_EVENTS, 'ONAPPUNINSTALL'] as const;

export interface EventBindingResult {
  events: { event: string; bound: boolean; problem?: string }[];
}

export async function listBoundEvents(
  deps: AppDeps,
  handlerUrl: string,
  mode: EventMode = 'online',
): Promise<EventBindingResult> {
  const bindings = await deps.b24.getEventBindings();
  const ours = bindings.filter((b) => (mode === 'offline' ? b.offline : !b.offline && b.handler === handlerUrl));
  const bound = new Set(ours.map((b) => b.event.toUpperCase()));
  const wanted: readonly string[] = mode === 'offline' ? TASK_EVENTS : BOUND_EVENTS;
  return { events: wanted.map((event) => ({ event, bound: bound.has(event) })) };
}

export async function bindTaskEvents(deps: AppDeps, handlerUrl: string): Promise<EventBindingResult> {
  const connection = await storesOf(deps).connection.get();
  if (connection?.authMode !== 'oauth') {
    throw new AdminError(
      'Events can be registered only for an OAuth application. For an incoming webhook, create an outgoing webhook in Bitrix24 that sends the task events to the URL shown on this tab.',
      'events.webhookOnly',
    );
  }
  const mode = eventModeOf(connection);
  let current: EventBindingResult;
  try {
    current = await listBoundEvents(deps, handlerUrl, mode);
  } catch (error) {
    throw AdminError.of(b24Failure(error));
  }
  const events = [];
  for (const row of current.events) {
    if (row.bound) {
      events.push(row);
      continue;
    }
    try {
      if (mode === 'offline') await deps.b24.bindOfflineEvent(row.event);
      else await deps.b24.bindEvent(row.event, handlerUrl);
      events.push({ event: row.event, bound: true });
    } catch (error) {
      events.push({ event: row.event, bound: false, problem: describeB24Failure(error) });
    }
  }
  return { events };
}
