/**
 * The one surface the model reaches into a runtime by: the same people (REST calls to the emulators), the same
 * platform controls (settle, faults, stats, resolvers), and what differs between the local Forge runtime and the
 * self-hosted service behind one name each: settling until idle, the hourly reconciliation, the app's storage,
 * the dead-letter queue, which events a fault plan can lose, the deliveries an onlooker could replay, and (the
 * service only) a Jira webhook in the service account's name.
 */
import type { FaultPlan, LocalPlatformApi, ManualClock, SettleReport } from '../../src/local/contracts';
import { createWorld, type World } from '../scenarios/harness';

export type RuntimeName = 'forge' | 'service';

/** A genuine delivery of the run, kept by someone who saw it on the way; `send` posts it again, as they could. */
export interface Replayable {
  /** Returns a few words of what was sent, for the run log. */
  send(): Promise<string>;
}

/** A Jira webhook the service account's own edit or comment would fire, claiming a change the app did not make. */
export interface OwnEventClaim {
  issueId: string;
  kind: 'update' | 'comment';
  /** The claimed new title (update) or comment text: a value nobody wrote anywhere. */
  text: string;
}

export interface DeadLetterView {
  job: unknown;
  line: string;
}

export interface ModelWorld {
  readonly runtime: RuntimeName;
  readonly clock: ManualClock;
  readonly platform: LocalPlatformApi;
  /** A Bitrix24 person's REST call through their incoming webhook; a person refused for load clicks again. */
  b24(userId: string, method: string, params?: unknown): Promise<unknown>;
  /** A Jira person's REST call with Basic auth; returns the parsed body (null for 204). */
  jira(email: string, method: string, path: string, body?: unknown): Promise<unknown>;
  /** Everything due runs, however far ahead, until no work waits; schedules run as the clock passes them. */
  settle(): Promise<SettleReport>;
  /** The hourly reconciliation, now. */
  reconcile(): Promise<void>;
  /** What the app stored under a key, and every value under a prefix. */
  stored(key: string): Promise<unknown>;
  storedUnder(prefix: string): Promise<unknown[]>;
  /** The dead-letter queue: each letter's job body and a line saying why. */
  deadLetters(): Promise<DeadLetterView[]>;
  /** Every stored key and value and the work waiting: equal before and after means a delivery left no trace. */
  footprint(): Promise<string>;
  /**
   * Jira accounts this runtime cannot match to a Bitrix24 person: the service, an integration rather than an app,
   * cannot call Jira's app-only bulk e-mail API, so a profile that hides its e-mail stays unmatched (journalled).
   */
  readonly unmatchedPeople: readonly string[];
  /** Whether this plan can lose an event for good (Bitrix24 never retries an online event). */
  losesEvents(plan: FaultPlan): boolean;
  /** From now on keeps up to `limit` genuine deliveries, oldest first, in the list it returns (which grows). */
  keepDeliveries(limit: number): Replayable[];
  /** The service only: posts a correctly signed Jira webhook whose author is the service account. */
  ownJiraEvent?(claim: OwnEventClaim): Promise<Response>;
}

/** The local Forge platform: a cloud portal with online events, the app in the local Forge runtime. */
export async function forgeWorld(): Promise<ModelWorld> {
  const w = await createWorld();
  const { platform } = w;
  const kvs = platform.kvs;
  return {
    runtime: 'forge',
    clock: w.clock,
    platform,
    b24: w.b24,
    jira: w.jira,
    settle: () => platform.settle(),
    reconcile: () => platform.runtime.runScheduled('reconcile'),
    stored: (key) => Promise.resolve(kvs.peek(key)),
    storedUnder: (prefix) =>
      Promise.resolve(
        kvs
          .keys()
          .filter((k) => k.startsWith(prefix))
          .map((k) => kvs.peek(k)),
      ),
    deadLetters: () =>
      Promise.resolve(
        platform.runtime.deadLetters.map((d) => ({
          job: d.body,
          line: `${d.kind} ${d.target} ${d.reason} ${JSON.stringify(d.body).slice(0, 200)}`,
        })),
      ),
    footprint: () =>
      Promise.resolve(JSON.stringify([platform.runtime.pending, kvs.keys().map((k) => [k, kvs.peek(k)])])),
    unmatchedPeople: [],
    losesEvents: (plan) => (plan.dropEvents ?? 0) > 0,
    keepDeliveries(limit) {
      const kept: Replayable[] = [];
      const runtime = platform.runtime;
      const deliver = runtime.deliverB24.bind(runtime);
      runtime.deliverB24 = (request: Request) => {
        if (kept.length < limit) kept.push(b24Replay(platform, request.clone()));
        deliver(request);
      };
      return kept;
    },
  };
}

/** A Bitrix24 delivery (a valid application token, the right portal) posted to the web trigger again. */
function b24Replay(platform: World['platform'], original: Request): Replayable {
  return {
    async send() {
      const body = await original.clone().text();
      const key = new URL(original.url).pathname.split('/')[2] ?? '';
      const again = new Request(original.url, { method: 'POST', headers: original.headers, body });
      const response = await platform.webtrigger(key, again);
      if (response.status >= 500) throw new Error(`a replay was answered ${response.status}`);
      return `${body.slice(0, 40)}…`;
    },
  };
}
