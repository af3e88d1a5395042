/** Builders for the Jira emulator tests: a seeded site, callers, and requests as the app or a person sends them. */
import { ManualClock } from '../../../src/local/contracts';
import type { Caller, JiraLimits, JiraProductEvent, JiraSeed } from '../../../src/local/contracts';
import { JiraEmulator } from '../../../src/local/jira';
import type { AdfDoc } from '../../../src/core/adf';

export const BASE = 'https://sandbox.atlassian.net';
export const APP_ID = '557058:app-bitrix-sync';
export const ALICE = '5b10a2844c20165700ede21a';
export const BOB = '5b10a2844c20165700ede21b';
export const HIDDEN = '5b10a2844c20165700ede21c';
/** May browse DEMO and nothing else: not even be assigned. */
export const VERA = '5b10a2844c20165700ede21d';

/** Jira's default project roles as permission sets. */
export const DEVELOPER = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'RESOLVE_ISSUES',
  'ADD_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'CREATE_ATTACHMENTS',
  'DELETE_OWN_ATTACHMENTS',
];
export const ADMIN = [
  ...DEVELOPER,
  'ADMINISTER_PROJECTS',
  'DELETE_ISSUES',
  'MODIFY_REPORTER',
  'EDIT_ALL_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_ALL_ATTACHMENTS',
];

export function aSeed(overrides: Partial<JiraSeed> = {}): JiraSeed {
  return {
    baseUrl: BASE,
    cloudId: 'cloud-1',
    appAccountId: APP_ID,
    users: [
      {
        accountId: ALICE,
        displayName: 'Alice Archer',
        email: 'alice@example.com',
        globalPermissions: ['ADMINISTER'],
        projectPermissions: { DEMO: ADMIN },
      },
      { accountId: BOB, displayName: 'Bob Baker', email: 'bob@example.com', projectPermissions: { DEMO: DEVELOPER } },
      { accountId: HIDDEN, displayName: 'Hana Hidden', email: 'hana@example.com', emailHidden: true },
      {
        accountId: VERA,
        displayName: 'Vera Viewer',
        email: 'vera@example.com',
        projectPermissions: { DEMO: ['BROWSE_PROJECTS'] },
      },
    ],
    projects: [
      {
        id: '10000',
        key: 'DEMO',
        name: 'Demo',
        screenFields: [
          'summary',
          'description',
          'assignee',
          'reporter',
          'priority',
          'duedate',
          'labels',
          'attachment',
          'customfield_10050',
          'customfield_10060',
        ],
      },
    ],
    customFields: [
      { id: 'customfield_10050', name: 'Contract', type: 'string' },
      { id: 'customfield_10060', name: 'Customer tier', type: 'select', options: ['Gold', 'Silver', 'Bronze'] },
      { id: 'customfield_10070', name: 'Cost centre', type: 'string' },
    ],
    ...overrides,
  };
}

export interface Site {
  jira: JiraEmulator;
  clock: ManualClock;
  events: JiraProductEvent[];
  call(
    method: string,
    path: string,
    body?: unknown,
    caller?: Caller | null,
    headers?: Record<string, string>,
  ): Promise<Response>;
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, caller?: Caller | null): Promise<T>;
  createIssue(fields?: Record<string, unknown>): Promise<{ id: string; key: string }>;
}

export const asApp: Caller = { kind: 'app' };
export const asUser = (accountId: string): Caller => ({ kind: 'user', accountId });

export function aSite(options: { seed?: JiraSeed; limits?: Partial<JiraLimits> } = {}): Site {
  const clock = new ManualClock();
  const jira = new JiraEmulator({
    clock,
    seed: options.seed ?? aSeed(),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  const events: JiraProductEvent[] = [];
  jira.onEvent((e) => events.push(e));
  const call: Site['call'] = (method, path, body, caller = asApp, headers = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (body !== undefined) (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    return jira.handle(new Request(`${BASE}${path}`, init), caller ?? undefined);
  };
  const json = async <T>(method: string, path: string, body?: unknown, caller?: Caller | null): Promise<T> => {
    const res = await call(method, path, body, caller);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    jira,
    clock,
    events,
    call,
    json,
    createIssue: (fields = {}) =>
      json<{ id: string; key: string }>('POST', '/rest/api/3/issue', {
        fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Ship it', ...fields },
      }),
  };
}

export const adf = (text: string): AdfDoc => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

export const basic = (email: string, token = 'any-token'): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`,
});
