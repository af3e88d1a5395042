/**
 * Counts the REST calls the app makes (requestJira and fetch), never people's: Jira by endpoint template, Bitrix24
 * by method name. A B24 `batch` counts once; its commands are listed in batchCommands.
 */
import type { PlatformStats } from '../contracts';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;
const NUMERIC = /^\d+$/;
/** Segments after these are an entity's key rather than a resource name (`/project/DEMO`, `/properties/b24-sync`). */
const KEY_AFTER = new Set(['project', 'properties']);

/** `"METHOD /rest/api/3/issue/{id}"`: ids, issue keys, project keys and property keys become `{id}`; no query. */
export function jiraEndpoint(method: string, url: URL): string {
  const segments = url.pathname.split('/');
  const templated = segments.map((seg, i) => {
    const prev = segments[i - 1] ?? '';
    if (seg === '' || prev === 'api') return seg;
    if (NUMERIC.test(seg) || ISSUE_KEY.test(seg)) return '{id}';
    if (KEY_AFTER.has(prev) && seg !== 'search') return '{id}';
    return seg;
  });
  return `${method.toUpperCase()} ${templated.join('/')}`;
}

export function isJiraRead(method: string, url: URL): boolean {
  const m = method.toUpperCase();
  return m === 'GET' || (m === 'POST' && url.pathname.replace(/\/$/, '').endsWith('/search/jql'));
}

const B24_READ_SUFFIXES = ['.get', '.list', '.getlist', '.getfields'];
const B24_READ_NAMES = new Set([
  'user.get',
  'sonet_group.get',
  'event.get',
  'scope',
  'profile',
  'app.info',
  'im.dialog.messages.get',
  'disk.file.get',
  'oauth/token',
]);

export function isB24Read(method: string): boolean {
  const m = method.toLowerCase();
  return B24_READ_NAMES.has(m) || B24_READ_SUFFIXES.some((s) => m.endsWith(s));
}

/** `/rest/<method>[.json]` (OAuth), `/rest/<user>/<secret>/<method>[.json]` (webhook) or the OAuth server's path. */
export function b24Method(url: URL): string {
  if (url.hostname === 'oauth.bitrix.info') return url.pathname.replace(/^\/+|\/+$/g, '') || '(oauth)';
  // A file's DOWNLOAD_URL (disk.attachedObject.get): not a REST method, but a call the app makes all the same.
  if (url.pathname.startsWith('/disk/downloadFile/')) return '(file download)';
  const last =
    url.pathname
      .split('/')
      .filter((s) => s !== '')
      .pop() ?? '';
  return last.replace(/\.(json|xml)$/i, '');
}

/** Command names of a batch body: JSON `{cmd: {name: "method?query"}}` or form `cmd[name]=method?query`. */
function batchCommandMethods(contentType: string, body: string): string[] {
  const commands: string[] = [];
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      const cmd = typeof parsed === 'object' && parsed !== null && 'cmd' in parsed ? parsed.cmd : undefined;
      if (typeof cmd === 'object' && cmd !== null)
        for (const value of Object.values(cmd)) if (typeof value === 'string') commands.push(value);
    } catch {
      return [];
    }
  } else {
    for (const [key, value] of new URLSearchParams(body)) if (/^cmd\[[^\]]*\]$/.test(key)) commands.push(value);
  }
  return commands.map((c) => (c.split('?')[0] ?? '').trim());
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export class StatsRecorder {
  private data: PlatformStats = StatsRecorder.empty();

  static empty(): PlatformStats {
    return {
      jira: { reads: 0, writes: 0, byEndpoint: {} },
      b24: { reads: 0, writes: 0, byMethod: {}, batchCommands: {} },
    };
  }

  recordJira(method: string, url: URL): void {
    if (isJiraRead(method, url)) this.data.jira.reads += 1;
    else this.data.jira.writes += 1;
    bump(this.data.jira.byEndpoint, jiraEndpoint(method, url));
  }

  recordB24(url: URL, contentType: string, body: string): void {
    const method = b24Method(url);
    const commands = method.toLowerCase() === 'batch' ? batchCommandMethods(contentType, body) : [];
    // A batch of reads only is a read (the migration's and the dry run's list pages); any write makes it a write.
    const read = commands.length > 0 ? commands.every(isB24Read) : isB24Read(method);
    if (read) this.data.b24.reads += 1;
    else this.data.b24.writes += 1;
    bump(this.data.b24.byMethod, method);
    for (const command of commands) bump(this.data.b24.batchCommands, command);
  }

  snapshot(): PlatformStats {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = StatsRecorder.empty();
  }
}
