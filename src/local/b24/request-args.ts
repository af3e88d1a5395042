/** Method arguments from all three encodings B24 accepts: JSON body, form body (PHP keys) and query string. */
import { isRecord, type Params } from './params';
import { parseStr } from './php-query';

function fromJson(text: string): Params | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Positional legacy methods take a JSON array: `[taskId, {...}]`.
  if (Array.isArray(parsed)) return Object.fromEntries(parsed.map((v: unknown, i) => [String(i), v]));
  return isRecord(parsed) ? parsed : undefined;
}

/** Body arguments override query arguments, as PHP's $_REQUEST does; undefined if a JSON body is malformed. */
export async function readArgs(request: Request, url: URL): Promise<Params | undefined> {
  const query: Params = parseStr(url.search.slice(1));
  if (request.method !== 'POST') return query;
  const text = await request.text();
  if (text.trim() === '') return query;
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = fromJson(text);
    return body === undefined ? undefined : { ...query, ...body };
  }
  return { ...query, ...parseStr(text) };
}
