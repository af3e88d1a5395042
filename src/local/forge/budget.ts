/**
 * Forge's time limits on simulated time. Each emulated REST call charges the invocation a latency; an invocation whose
 * charged time passes its timeout is stopped, as Forge stops a function at its runtime limit. Only the invocation's
 * own budget moves, not the shared clock: on Forge invocations run in parallel, so one function's waiting does not
 * delay the others, while the local runtime runs them one after another (see src/local/README.md, "Local Forge
 * runtime").
 */
import type { FunctionModule } from './manifest';

export type ModuleKind = 'resolver' | 'trigger' | 'webtrigger' | 'consumer' | 'scheduled';

/**
 * developer.atlassian.com/platform/forge/limits-invocation: 25 s for user-led invocations (UI resolvers) and, by the
 * generic row, product-event triggers; 55 s for web triggers; 55 s by default for functions referenced only by consumer
 * or scheduled-trigger modules, which `timeoutSeconds` may extend to 900 s.
 */
export const DEFAULT_TIMEOUT_S: Record<ModuleKind, number> = {
  resolver: 25,
  trigger: 25,
  webtrigger: 55,
  consumer: 55,
  scheduled: 55,
};
const MAX_TIMEOUT_S = 900;
/** limits-async-events: "Payload size for long running functions", per event, for timeouts over 55 s. */
export const LONG_RUNNING_EVENT_BYTES = 100 * 1024;

export function timeoutSeconds(kind: ModuleKind, fn: FunctionModule | undefined): number {
  const honoured = kind === 'consumer' || kind === 'scheduled';
  const wanted = honoured ? fn?.timeoutSeconds : undefined;
  return wanted === undefined ? DEFAULT_TIMEOUT_S[kind] : Math.min(Math.max(wanted, 1), MAX_TIMEOUT_S);
}

/** Simulated round trip per emulated call, in milliseconds (figures and their basis: src/local/README.md). */
export interface Latency {
  /** asApp()/asUser() requestJira through the Forge proxy to Jira Cloud. */
  jiraMs: number;
  /** fetch through Forge's egress proxy to Bitrix24 (its cloud is not in Atlassian's regions). */
  fetchMs: number;
  /** Forge KVS, async-events push and the GraphQL gateway: Atlassian-internal calls. */
  platformMs: number;
}

export const DEFAULT_LATENCY: Latency = { jiraMs: 200, fetchMs: 300, platformMs: 20 };

/** The error a stopped invocation ends with; its name is the InvocationErrorCode Forge reports for it. */
export class FunctionTimeoutError extends Error {
  constructor(functionKey: string, timeoutS: number) {
    super(`Function ${functionKey} timed out after ${timeoutS} s of simulated runtime (Forge stops it at its limit)`);
    this.name = 'FUNCTION_TIME_OUT';
  }
}

/**
 * limits-invocation (last updated Jan 13, 2026): 100 network requests per runtime minute per invocation; past it
 * the proxy answers 429 with `forge-proxy-error: FETCH_LIMIT_EXCEEDED` (as reported in Atlassian's ECO-491).
 */
export const EGRESS_PER_RUNTIME_MINUTE = 100;

export class InvocationBudget {
  private elapsed = 0;
  /** External requests made in each minute of this invocation's runtime. */
  private readonly egress = new Map<number, number>();
  private stopped = false;
  private stop: () => void = () => undefined;
  /** Resolves when the invocation passes its timeout. */
  readonly expired: Promise<void>;

  constructor(
    readonly functionKey: string,
    readonly timeoutS: number,
  ) {
    this.expired = new Promise((resolve) => {
      this.stop = resolve;
    });
  }

  get elapsedMs(): number {
    return this.elapsed;
  }

  get timedOut(): boolean {
    return this.stopped;
  }

  remainingMs(): number {
    return Math.max(0, this.timeoutS * 1000 - this.elapsed);
  }

  /** Counts one external request in the current runtime minute; false (nothing counted) when that minute is full. */
  admitEgress(): boolean {
    const minute = Math.floor(this.elapsed / 60_000);
    const made = this.egress.get(minute) ?? 0;
    if (made >= EGRESS_PER_RUNTIME_MINUTE) return false;
    this.egress.set(minute, made + 1);
    return true;
  }

  /** Charges one call; throws (and the call is not made) once the invocation is past its timeout. */
  charge(ms: number): void {
    if (!this.stopped) {
      this.elapsed += ms;
      if (this.elapsed <= this.timeoutS * 1000) return;
      this.stopped = true;
      this.stop();
    }
    throw new FunctionTimeoutError(this.functionKey, this.timeoutS);
  }
}
