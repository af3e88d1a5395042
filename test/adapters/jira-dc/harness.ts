/**
 * The Data Center adapter as the service builds it (PAT transport, the one fetch path), over the emulated Jira
 * Data Center instead of the network. `raw` reads what Jira itself stored, so a test sees the wiki text sent.
 */
import { createJiraDcClient } from '../../../src/adapters/jira-dc/client';
import { createJiraDcTransport } from '../../../src/adapters/jira-dc/transport';
import type { JiraPort } from '../../../src/ports/jira';
import { ManualClock } from '../../../src/local/contracts';
import { JiraDcEmulator } from '../../../src/local/jira-dc';
import { defaultSeed } from '../../../src/local/seed';

export const BASE = 'https://jira.example.com';

export interface DcAdapterWorld {
  jira: JiraDcEmulator;
  clock: ManualClock;
  client: JiraPort;
  token: string;
  /** The service account's user key (its identity in the port). */
  keyOf: (username: string) => string;
  raw: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;
}

export function dcWorld(options: { user?: string; expiresInDays?: number } = {}): DcAdapterWorld {
  const clock = new ManualClock();
  const jira = new JiraDcEmulator({ clock, seed: { ...defaultSeed().jira, baseUrl: BASE } });
  const token = jira.createPat(options.user ?? 'anna.schmidt', 'sync service', options.expiresInDays).token;
  const transport = createJiraDcTransport({
    baseUrl: BASE,
    pat: token,
    fetch: (url, init) => jira.handle(new Request(url, init)),
  });
  const client = createJiraDcClient(transport, { clock, baseUrl: BASE, boundary: () => 'test-boundary' });
  const keyOf = (username: string): string => {
    const account = defaultSeed().jira.users.find((u) => u.email.startsWith(`${username}@`))?.accountId ?? '';
    const user = jira.userOf(account);
    if (user === undefined) throw new Error(`no user ${username}`);
    return user.key;
  };
  const raw = async (method: string, path: string, body?: unknown) => {
    const response = await jira.handle(
      new Request(`${BASE}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  return { jira, clock, client, token, keyOf, raw };
}

export const TASK = { project: { key: 'DEMO' }, issuetype: { name: 'Task' } } as const;

export const doc = (...paragraphs: string[]) => ({
  type: 'doc' as const,
  version: 1 as const,
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
