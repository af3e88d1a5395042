/**
 * Web trigger `b24-events`: Bitrix24's event deliveries. Answers fast (verify, enqueue, 200) because Bitrix24
 * never retries and calls slow handlers less often; the work happens in the sync consumer.
 */
import { receiveB24Event } from '../app/intake/b24-event';
import { composeApp } from './composition';

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
  const result = await receiveB24Event(
    { method: request.method, contentType: header(request, 'content-type'), body: request.body ?? '' },
    deps,
  );
  return {
    statusCode: result.status,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify(result.status === 200 ? { ok: true, result: result.message } : { error: result.message }),
  };
}
