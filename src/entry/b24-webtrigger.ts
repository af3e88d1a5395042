/**
 * Web trigger `b24-events`: Bitrix24's event deliveries. Answers fast (verify, enqueue, 200) because Bitrix24
 * never retries and calls slow handlers less often; the work happens in the sync consumer.
 */
import { withBacklog } from '../app/intake-backlog';
import { ownWriteScreen } from '../app/own-write-screen';
import { PendingJobs } from '../app/pending-jobs';
import { ReplayScreen } from '../app/replays';
import { ConnectionStore } from '../app/store/connection';
import { composeApp } from './composition';
import { receiveB24Event } from './intake/b24-event';

export interface WebTriggerRequest {
  method: string;
  headers?: Record<string, string[] | undefined>;
  body?: string;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers?: Record<string, string[]>;
  body?: string;
}

function header(request: WebTriggerRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1]?.[0];
}

export async function onB24Event(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  const deps = composeApp({ handler: 'b24-events' });
  const now = (): number => deps.clock.now();
  const result = await receiveB24Event(
    { method: request.method, contentType: header(request, 'content-type'), body: request.body ?? '' },
    { connection: new ConnectionStore(deps.kv, deps.secrets), queue: withBacklog(deps), log: deps.log, now, ownWrite: ownWriteScreen(deps), pending: new PendingJobs(deps.kv, now), replays: new ReplayScreen(deps.kv, now) },
  );
  return {
    statusCode: result.status,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify(result.status === 200 ? { ok: true, result: result.message } : { error: result.message }),
  };
}
