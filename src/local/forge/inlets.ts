/**
 * How events reach the app in the local Forge runtime: a Jira product event fans out to each subscribed trigger
 * (with `filter.ignoreSelf` and Forge's 200 KB cap), a Bitrix24 delivery to its web trigger URL; both go on the
 * agenda with the fault plan's fate (dropped, delayed, duplicated) applied.
 */
import type { JiraProductEvent } from '../contracts';
import type { Work } from './delivery';
import type { FaultInjector } from './faults';
import type { ForgeManifest } from './manifest';
import type { RuntimeCounters } from './report';
import type { Clock } from '../contracts';
import type { Agenda } from './scheduler';

/** Forge does not deliver product events over 200 KB. */
const MAX_EVENT_BYTES = 200 * 1024;

export interface Inlets {
  manifest: ForgeManifest;
  agenda: Agenda<Work>;
  clock: Clock;
  faults: FaultInjector;
  counters: RuntimeCounters;
  webtriggerBaseUrl: string;
}

export function queueJiraEvent(parts: Inlets, event: JiraProductEvent): void {
  const json = JSON.stringify(event);
  if (Buffer.byteLength(json) > MAX_EVENT_BYTES) {
    parts.counters.jiraEventsTooLarge += 1;
    return;
  }
  const copy = JSON.parse(json) as Record<string, unknown>;
  for (const trigger of parts.manifest.triggers) {
    if (!trigger.events.includes(event.eventType)) continue;
    if (trigger.filter?.ignoreSelf === true && event.selfGenerated) {
      parts.counters.selfEventsFiltered += 1;
      continue;
    }
    for (const delay of parts.faults.fate('jira').delaysMs)
      parts.agenda.add(parts.clock.now() + delay, { kind: 'jira-event', trigger, event: copy, retryCount: 0 });
  }
}

/** Deliveries to this app's web trigger URLs are queued, others dropped (and counted). */
export function queueB24Delivery(parts: Inlets, request: Request): void {
  const prefix = `${parts.webtriggerBaseUrl}/webtrigger/`;
  const key = request.url.startsWith(prefix) ? new URL(request.url).pathname.split('/')[2] : undefined;
  if (!key) {
    parts.counters.b24Undeliverable += 1;
    return;
  }
  const fate = parts.faults.fate('b24');
  if (fate.dropped) parts.counters.b24EventsDropped += 1;
  for (const delay of fate.delaysMs)
    parts.agenda.add(parts.clock.now() + delay, { kind: 'b24-delivery', key, request: request.clone() });
}
