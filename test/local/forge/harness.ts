/** Builders for the local Forge runtime's tests: the fixture app wired by its manifest, with fake HTTP services. */
import { join } from 'node:path';
import { ManualClock, type Caller, type HttpService, type JiraProductEvent } from '../../../src/local/contracts';
import type { Latency } from '../../../src/local/forge/budget';
import { ForgeRuntime } from '../../../src/local/forge/runtime';

export const FIXTURE_APP = join(__dirname, '..', '..', 'fixtures', 'forge', 'app');

export interface RecordedRequest {
  method: string;
  url: string;
  body: string;
  contentType: string | null;
  caller?: Caller;
}

export interface FakeService extends HttpService {
  requests: RecordedRequest[];
}

export function fakeService(
  respond: (request: RecordedRequest) => Response = () => Response.json({ ok: true }),
): FakeService {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    async handle(request: Request, caller?: Caller): Promise<Response> {
      const recorded = {
        method: request.method,
        url: request.url,
        body: await request.text(),
        contentType: request.headers.get('content-type'),
        caller,
      };
      requests.push(recorded);
      return respond(recorded);
    },
  };
}

export interface Harness {
  runtime: ForgeRuntime;
  clock: ManualClock;
  jira: FakeService;
  b24: FakeService;
}

export function buildRuntime(
  options: { jira?: FakeService; b24?: FakeService; manifestPath?: string; latency?: Partial<Latency> } = {},
): Harness {
  const clock = new ManualClock();
  const jira = options.jira ?? fakeService();
  const b24 = options.b24 ?? fakeService();
  const runtime = new ForgeRuntime({
    clock,
    manifestPath: options.manifestPath ?? join(FIXTURE_APP, 'manifest.yml'),
    indexPath: join(FIXTURE_APP, 'index.ts'),
    jira: { baseUrl: 'https://sandbox.atlassian.net', service: jira },
    latency: options.latency,
  });
  runtime.registerService('sandbox.bitrix24.com', b24);
  runtime.activate();
  return { runtime, clock, jira, b24 };
}

export function issueEvent(overrides: Partial<JiraProductEvent> & { key?: string } = {}): JiraProductEvent {
  const { key = 'DEMO-1', ...rest } = overrides;
  return {
    eventType: 'avi:jira:updated:issue',
    selfGenerated: false,
    atlassianId: 'person-1',
    issue: { id: '10001', key },
    ...rest,
  };
}

/** What the fixture app recorded under `trace:<key>` (works for a Harness and a LocalPlatform alike). */
export function trace(harness: { runtime: ForgeRuntime }, key: string): unknown[] {
  const value = harness.runtime.kvsStore.peek(`trace:${key}`);
  return Array.isArray(value) ? value : [];
}

/** A job for the fixture's `work` consumer, pushed as the app would (from inside an invocation or set-up). */
export async function pushWork(body: Record<string, unknown>, delayInSeconds?: number): Promise<string> {
  const { Queue } = await import('@forge/events');
  const { jobId } = await new Queue({ key: 'work' }).push({
    body,
    ...(delayInSeconds === undefined ? {} : { delayInSeconds }),
  });
  return jobId;
}
