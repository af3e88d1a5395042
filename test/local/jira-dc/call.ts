/** One request to the emulated Jira Data Center, as a client sends it (no HTTP server: the emulator's own `handle`). */
import { ManualClock } from '../../../src/local/contracts';
import { JiraDcEmulator } from '../../../src/local/jira-dc';
import { defaultSeed } from '../../../src/local/seed';

export const BASE = 'https://jira.example.com';

export function newDc(): { jira: JiraDcEmulator; clock: ManualClock } {
  const clock = new ManualClock();
  return { clock, jira: new JiraDcEmulator({ clock, seed: { ...defaultSeed().jira, baseUrl: BASE } }) };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function call(
  jira: JiraDcEmulator,
  method: string,
  path: string,
  options: { token?: string; basic?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.basic !== undefined) headers.Authorization = `Basic ${Buffer.from(options.basic).toString('base64')}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await jira.handle(new Request(`${BASE}${path}`, { method, headers, body }));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the raw text stays in `body`
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export const issueFields = (summary: string, extra: Record<string, unknown> = {}) => ({
  fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary, ...extra },
});
