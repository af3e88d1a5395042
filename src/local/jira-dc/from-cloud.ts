/**
 * A Cloud handler's reply as REST v2 on Data Center prints it: stored documents back to the wiki text they hold,
 * every user object as the v2 `User` bean (`key`, `name`, no account id), links under `/rest/api/2`, and an
 * attachment's `content` at `/secure/attachment/{id}/{filename}` ([REST] AttachmentJsonBean `content`).
 */
import type { JiraState } from '../jira/state';
import type { DcDirectory } from './directory';
import { isAdfDoc, storedToWiki } from './wiki-text';

type Rec = Record<string, unknown>;

export function toDc(state: JiraState, directory: DcDirectory, value: unknown): unknown {
  const base = state.seed.baseUrl;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const content = /\/rest\/api\/3\/attachment\/content\/(\d+)$/.exec(v);
      if (content?.[1] !== undefined) {
        const a = state.attachments.get(content[1]);
        return `${base}/secure/attachment/${content[1]}/${encodeURIComponent(a?.filename ?? 'file')}`;
      }
      return v.replace(`${base}/rest/api/3/`, `${base}/rest/api/2/`);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    if (isAdfDoc(v)) return storedToWiki(v);
    const o = v as Rec;
    if (typeof o.accountId === 'string' && ('accountType' in o || Object.keys(o).length === 1))
      return directory.view(o.accountId);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}

export async function replyToDc(state: JiraState, directory: DcDirectory, response: Response): Promise<Response> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return response;
  const text = await response.text();
  const body = text === '' ? '' : JSON.stringify(toDc(state, directory, JSON.parse(text) as unknown));
  const headers = new Headers(response.headers);
  return new Response(body === '' ? null : body, { status: response.status, headers });
}
