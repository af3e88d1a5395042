/** Placeholder until its issue lands: refuses every delivery, so nothing is written before it is verified. */
export interface WebTriggerResponse {
  statusCode: number;
  headers?: Record<string, string[]>;
  body?: string;
}

export function onB24Event(_request: unknown, _context?: unknown): Promise<WebTriggerResponse> {
  return Promise.resolve({ statusCode: 503, body: 'Bitrix24 event handling is not configured yet' });
}
