/**
 * Test support for the adapter tests: fixture reading (only from test/fixtures/adapters), a recording fake
 * transport with canned replies, and builders for data the fixtures do not contain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpReply, HttpRequestInit } from '../../src/ports/http';
import type { JsonValue, SecretStore } from '../../src/ports/store';

const FIXTURES = join(__dirname, '..', 'fixtures', 'adapters');

export const fixtureText = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
export const fixtureJson = (path: string): unknown => JSON.parse(fixtureText(path)) as unknown;

export const reply = (status: number, body: unknown, headers: Record<string, string> = {}): HttpReply => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name) => lower[name.toLowerCase()] ?? null },
    text: () => Promise.resolve(text),
    arrayBuffer: () => Promise.resolve(new TextEncoder().encode(text).buffer),
  };
};

export interface RecordedRequest {
  url: string;
  init: HttpRequestInit;
  /** The JSON body, parsed, when there is one. */
  json: unknown;
}

/** Replies are served in order; a test that makes more calls than it scripted fails loudly. */
export const fakeTransport = (...replies: (HttpReply | Error)[]) => {
  const requests: RecordedRequest[] = [];
  const queue = [...replies];
  const transport = (url: string, init: HttpRequestInit): Promise<HttpReply> => {
    let json: unknown;
    if (typeof init.body === 'string') {
      try {
        json = JSON.parse(init.body) as unknown;
      } catch {
        json = undefined;
      }
    }
    requests.push({ url, init, json });
    const next = queue.shift();
    if (next === undefined) return Promise.reject(new Error(`Unscripted request ${init.method} ${url}`));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return { transport, requests };
};

export const memorySecrets = (
  initial: Record<string, JsonValue> = {},
): SecretStore & { data: Map<string, JsonValue> } => {
  const data = new Map<string, JsonValue>(Object.entries(initial));
  return {
    data,
    get: (key) => Promise.resolve(data.get(key)),
    set: (key, value) => {
      data.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      data.delete(key);
      return Promise.resolve();
    },
  };
};

export const fixedClock = (now: number) => ({ now: () => now });

/** A Jira issue as GET /issue returns it with the sync fields; values from the recorded created-issue event. */
export const jiraIssueJson = (fieldOverrides: Record<string, unknown> = {}) => ({
  id: '10041',
  key: 'SUP-3',
  self: 'https://nuvs.atlassian.net/rest/api/3/issue/10041',
  fields: {
    summary: 'Test issue',
    description: {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }],
    },
    assignee: null,
    reporter: { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof' },
    priority: { id: '3', name: 'Medium' },
    status: { id: '10003', name: 'To Do', statusCategory: { key: 'new' } },
    duedate: '2025-10-24',
    project: { id: '10001', key: 'SUP' },
    issuetype: { id: '10004', name: 'Task' },
    created: '2024-01-29T12:53:14.000+0000',
    updated: '2024-01-29T12:53:14.000+0000',
    customfield_10050: 'QA',
    ...fieldOverrides,
  },
});
