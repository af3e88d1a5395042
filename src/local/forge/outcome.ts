/**
 * What a handler's return value means to Forge: an InvocationError (the SDK's class returns a plain
 * `{_retry: true, retryOptions}` object, which is also what crosses the wire) asks for a retry; a web trigger's
 * dynamic response must have the documented shape, anything else is a 500.
 */
import { z } from 'zod';

/** retryAfter is capped at 900 s on Forge; the SDK itself raises values ≤0 to 1. */
const MAX_RETRY_AFTER_S = 900;

const invocationErrorSchema = z.object({
  _retry: z.literal(true),
  retryOptions: z
    .object({
      retryAfter: z.number().optional(),
      retryReason: z.string().optional(),
      retryData: z.unknown().optional(),
    })
    .optional(),
});

export interface RetryRequest {
  retryAfterS: number;
  retryReason: string;
  retryData?: unknown;
}

export function retryRequested(result: unknown): RetryRequest | undefined {
  const parsed = invocationErrorSchema.safeParse(result);
  if (!parsed.success) return undefined;
  const options = parsed.data.retryOptions ?? {};
  const after = options.retryAfter ?? 1;
  return {
    retryAfterS: Math.min(Math.max(after, 1), MAX_RETRY_AFTER_S),
    retryReason: options.retryReason ?? 'FUNCTION_RETRY_REQUEST',
    retryData: options.retryData,
  };
}

const webtriggerResponseSchema = z.object({
  statusCode: z.number().int().min(100).max(599),
  statusText: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
});

export function webtriggerResponse(result: unknown): Response {
  const parsed = webtriggerResponseSchema.safeParse(result);
  if (!parsed.success) return new Response('Internal Server Error', { status: 500 });
  const headers = new Headers();
  for (const [name, values] of Object.entries(parsed.data.headers ?? {}))
    for (const v of values) headers.append(name, v);
  const nullBody = [204, 205, 304].includes(parsed.data.statusCode);
  return new Response(nullBody ? null : (parsed.data.body ?? ''), {
    status: parsed.data.statusCode,
    statusText: parsed.data.statusText,
    headers,
  });
}

/** The request shape a web trigger function receives. */
export async function webtriggerRequest(request: Request, moduleKey: string): Promise<Record<string, unknown>> {
  const url = new URL(request.url);
  const headers: Record<string, string[]> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), value];
  });
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) queryParameters[name] = [...(queryParameters[name] ?? []), value];
  const prefix = `/webtrigger/${moduleKey}`;
  const userPath = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
  return { method: request.method, path: url.pathname, userPath, headers, queryParameters, body: await request.text() };
}
