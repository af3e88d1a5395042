/** Reads a JSON request body and checks it against the operation's request schema in the official spec. */
import { badRequest } from './errors';
import { requestProblems } from './spec';

/** `normalise` rewrites what Jira accepts beyond its spec's types (e.g. a numeric transition id) before the check. */
export async function readJsonBody(
  request: Request,
  template: string,
  normalise: (body: unknown) => unknown = (b) => b,
): Promise<Record<string, unknown>> {
  const contentType = request.headers.get('content-type') ?? '';
  const text = await request.text();
  if (!contentType.toLowerCase().includes('application/json')) {
    throw badRequest(['Unsupported content type; send application/json.'], {}, `content-type: ${contentType}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(['Unexpected character in the JSON body.']);
  }
  body = normalise(body);
  const problems = requestProblems(request.method, template, body);
  if (problems.length > 0) throw badRequest(['INVALID_INPUT'], {}, problems.join('; '));
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest(['The request body must be a JSON object.']);
  return body as Record<string, unknown>;
}

export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
