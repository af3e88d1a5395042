/**
 * Scenario harness: the local platform with the app connected, and people acting on both sides through the
 * emulators' REST APIs exactly as the sandbox's users do. Assertions read the other side the same way.
 */
import type { SyncConfig } from '../../src/core/config';
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform, type LocalPlatformOptions } from '../../src/local/platform';
import type { PlatformSeed } from '../../src/local/seed';
import { seedApp } from '../../src/local/seed-app';
import { recordJiraOperations } from '../support/jira-operations';

// Every Jira operation the app calls in a scenario feeds the scope check of manifest.yml (jest globalTeardown).
recordJiraOperations();

export interface World {
  platform: LocalPlatform;
  clock: ManualClock;
  /** A Bitrix24 person's REST call through their incoming webhook; throws on an error reply. */
  b24(userId: string, method: string, params?: unknown): Promise<unknown>;
  /** A Jira person's REST call with Basic auth; returns the parsed body (null for 204). */
  jira(email: string, method: string, path: string, body?: unknown): Promise<unknown>;
  settle(): Promise<void>;
}

export const PEOPLE = {
  /** Matched on both sides (the integration user in Bitrix24 is Anna, id 1). */
  anna: { b24: '1', email: 'anna.schmidt@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01' },
  ben: { b24: '2', email: 'ben.carter@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e02' },
  chloe: { b24: '3', email: 'chloe.dubois@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e03' },
  dmitri: { b24: '4', email: 'dmitri.ivanov@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e04' },
  /** Only in Jira. */
  erin: { email: 'erin.walsh@example.com', accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e05' },
  /** Only in Bitrix24. */
  farid: { b24: '5', email: 'farid.haddad@example.com' },
} as const;

/** `limits`: the emulators' quotas when a scenario needs them other than the defaults (the real services'). */
type Limits = Pick<LocalPlatformOptions, 'jiraLimits' | 'b24Limits' | 'queueEventsPerMinute'>;

export async function createWorld(options: { seed?: PlatformSeed; limits?: Limits } = {}): Promise<World> {
  const clock = new ManualClock();
  const platform = await LocalPlatform.create({
    clock,
    seedApp,
    ...(options.seed ? { seed: options.seed } : {}),
    ...options.limits,
  });
  const secretOf = (userId: string): string => {
    const user = platform.seed.b24.users.find((u) => u.id === userId);
    if (!user) throw new Error(`no Bitrix24 user ${userId} in the seed`);
    return user.webhookSecret;
  };
  return {
    platform,
    clock,
    async b24(userId, method, params = {}) {
      const url = `https://${platform.seed.b24.domain}/rest/${userId}/${secretOf(userId)}/${method}.json`;
      // A fault plan limits everyone's calls; a person whose click was refused for load simply clicks again.
      const send = (): Promise<Response> =>
        platform.b24.handle(
          new Request(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(params),
          }),
        );
      let response = await send();
      for (
        let i = 0;
        i < 20 && (response.status === 503 || response.status === 429 || response.status === 500);
        i += 1
      ) {
        clock.advance(1000);
        response = await send();
      }
      const body = (await response.json()) as { result?: unknown; error?: string; error_description?: string };
      if (!response.ok || body.error)
        throw new Error(`${method}: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
      return body.result;
    },
    async jira(email, method, path, body) {
      const headers: Record<string, string> = {
        authorization: `Basic ${Buffer.from(`${email}:token`).toString('base64')}`,
        accept: 'application/json',
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const send = (): Promise<Response> =>
        platform.jira.handle(
          new Request(`${platform.seed.jira.baseUrl}${path}`, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
          }),
        );
      let response = await send();
      for (let i = 0; i < 20 && (response.status === 429 || response.status >= 500); i += 1) {
        clock.advance(1000);
        response = await send();
      }
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
    async settle() {
      const report = await platform.settle();
      if (!report.idle) throw new Error(`the platform did not settle: ${JSON.stringify(report)}`);
    },
  };
}

export interface JiraIssueView {
  id: string;
  key: string;
  fields: {
    summary: string;
    status: { name: string };
    assignee: { accountId: string } | null;
    reporter: { accountId: string } | null;
    priority: { name: string } | null;
    duedate: string | null;
    description: unknown;
  };
}

export interface B24TaskView {
  id: string;
  title: string;
  description: string;
  status: string;
  responsibleId: string;
  createdBy: string;
  deadline: string | null;
  priority: string;
  groupId: string;
  xmlId: string | null;
}

/** Keeps a copy of every Bitrix24 delivery to the app, as an attacker on the path could;
 * `limit` caps how many are kept (a long run would otherwise hold every one). */
export function recordDeliveries(w: World, limit = Infinity): Request[] {
  const seen: Request[] = [];
  const runtime = w.platform.runtime;
  const deliver = runtime.deliverB24.bind(runtime);
  runtime.deliverB24 = (request: Request) => {
    if (seen.length < limit) seen.push(request.clone());
    deliver(request);
  };
  return seen;
}

/** Builders and readers on top of a world, so scenario tests read like what people do. */
export function actions(w: World) {
  const b24Task = async (taskId: string): Promise<B24TaskView> => {
    const result = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', {
      taskId,
      select: [
        'ID',
        'TITLE',
        'DESCRIPTION',
        'STATUS',
        'RESPONSIBLE_ID',
        'CREATED_BY',
        'DEADLINE',
        'PRIORITY',
        'GROUP_ID',
        'XML_ID',
      ],
    })) as { task: B24TaskView };
    return result.task;
  };
  const issue = async (idOrKey: string): Promise<JiraIssueView> =>
    (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${idOrKey}`)) as JiraIssueView;
  const linkOfTask = (taskId: string): { issueId: string; issueKey: string } | undefined =>
    w.platform.kvs.peek(`link:b24:${taskId}`) as { issueId: string; issueKey: string } | undefined;
  const linkOfIssue = (issueId: string): { taskId: string } | undefined =>
    w.platform.kvs.peek(`link:jira:${issueId}`) as { taskId: string } | undefined;
  return {
    b24Task,
    issue,
    linkOfTask,
    linkOfIssue,
    async createTask(by: string, fields: Record<string, unknown>): Promise<string> {
      const r = (await w.b24(by, 'tasks.task.add', { fields: { GROUP_ID: '1', RESPONSIBLE_ID: by, ...fields } })) as {
        task: { id: string };
      };
      return r.task.id;
    },
    async createIssue(byEmail: string, fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
      return (await w.jira(byEmail, 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, ...fields },
      })) as { id: string; key: string };
    },
    async issueOfTask(taskId: string): Promise<JiraIssueView> {
      const link = linkOfTask(taskId);
      if (!link) throw new Error(`task ${taskId} has no linked issue`);
      return issue(link.issueId);
    },
    async taskOfIssue(issueId: string): Promise<B24TaskView> {
      const link = linkOfIssue(issueId);
      if (!link) throw new Error(`issue ${issueId} has no linked task`);
      return b24Task(link.taskId);
    },
    async issuesInProject(): Promise<{ id: string; key: string }[]> {
      const r = (await w.jira(PEOPLE.anna.email, 'POST', '/rest/api/3/search/jql', {
        jql: 'project = DEMO ORDER BY created ASC',
        fields: ['summary'],
      })) as { issues: { id: string; key: string }[] };
      return r.issues;
    },
    async tasksInGroup(): Promise<B24TaskView[]> {
      const r = (await w.b24(PEOPLE.anna.b24, 'tasks.task.list', {
        filter: { GROUP_ID: '1' },
        select: ['ID', 'TITLE', 'XML_ID', 'STATUS'],
      })) as { tasks: B24TaskView[] };
      return r.tasks;
    },
    async transitionIssue(byEmail: string, issueId: string, toStatus: string): Promise<void> {
      const t = (await w.jira(byEmail, 'GET', `/rest/api/3/issue/${issueId}/transitions`)) as {
        transitions: { id: string; to: { name: string } }[];
      };
      const transition = t.transitions.find((x) => x.to.name === toStatus);
      if (!transition) throw new Error(`no transition to ${toStatus}`);
      await w.jira(byEmail, 'POST', `/rest/api/3/issue/${issueId}/transitions`, { transition: { id: transition.id } });
    },
    journal(): {
      operation: string;
      outcome: string;
      message?: string;
      fields: string[];
      taskId?: string;
      issueId?: string;
    }[] {
      return w.platform.kvs
        .keys()
        .filter((k: string) => k.startsWith('journal:'))
        .map((k: string) => w.platform.kvs.peek(k) as never);
    },
  };
}

export const adfText = (text: string): unknown => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

/**
 * The same field changed on both sides before the app syncs either: Ben renames the task, a minute later Chloé
 * renames the issue (Bitrix24's event is held until both are on record), then everything is delivered.
 */
export async function concurrentTitleEdits(
  w: Pick<World, 'clock' | 'b24' | 'jira' | 'settle'> & { platform: Pick<World['platform'], 'setFaults'> },
  pair: { taskId: string; issueId: string },
): Promise<void> {
  w.platform.setFaults({ seed: 3, delayEvents: 1 });
  w.clock.advance(1000);
  await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
    taskId: pair.taskId,
    fields: { TITLE: 'Earlier, from Bitrix24' },
  });
  w.clock.advance(60_000);
  await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${pair.issueId}`, {
    fields: { summary: 'Later, from Jira' },
  });
  await w.settle();
  w.platform.setFaults({});
}

/** A task created in Bitrix24 by Ben for Chloé and synced: the starting point of most scenarios. */
export async function pairedTask(
  w: World,
  fields: Record<string, unknown> = {},
): Promise<{ taskId: string; issueId: string }> {
  const a = actions(w);
  const taskId = await a.createTask(PEOPLE.ben.b24, {
    TITLE: 'Shared work',
    RESPONSIBLE_ID: PEOPLE.chloe.b24,
    PRIORITY: '1',
    ...fields,
  });
  await w.settle();
  const issueId = a.linkOfTask(taskId)?.issueId;
  if (!issueId) throw new Error(`task ${taskId} was not paired`);
  return { taskId, issueId };
}

/** An administrator changing DEMO's mapping (as the settings page would save it). */
export function reconfigure(w: World, change: (c: SyncConfig) => SyncConfig): void {
  w.platform.kvs.write('plain', 'config:DEMO', change(w.platform.kvs.peek('config:DEMO') as SyncConfig));
}

/** A file of `size` bytes with a recognisable pattern, so a copy can be compared byte for byte. */
export const fileOf = (size: number): Uint8Array => Uint8Array.from({ length: size }, (_, i) => (i * 31 + 7) % 251);

/** A person attaching a file in Jira's UI: multipart under `file`, with the XSRF opt-out header. Returns its id. */
export async function attachInJira(
  w: World,
  byEmail: string,
  issueId: string,
  filename: string,
  bytes: Uint8Array,
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), filename);
  const response = await w.platform.jira.handle(
    new Request(`${w.platform.seed.jira.baseUrl}/rest/api/3/issue/${issueId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${byEmail}:token`).toString('base64')}`,
        'x-atlassian-token': 'no-check',
      },
      body: form,
    }),
  );
  if (!response.ok) throw new Error(`attach: ${response.status} ${await response.text()}`);
  const [created] = (await response.json()) as { id: string }[];
  if (!created) throw new Error('attach: no attachment in the reply');
  return created.id;
}
