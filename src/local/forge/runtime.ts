/**
 * The local Forge runtime: wires manifest.yml's modules to the app's exported handlers and runs them as Forge
 * does, on simulated time. It is also the SdkHost behind Atlassian's own `@forge/api`, `@forge/kvs` and
 * `@forge/events` (through the globals of ./globals.ts): product calls go to the Jira emulator, `fetch` to registered
 * HTTP services (egress-checked), every call the app makes is counted and charged to its invocation's time limit.
 */
import { installForgeGlobals } from './globals';
import { resolve } from 'node:path';
import type { Clock, FaultPlan, HttpService, InvokeRequest, JiraProductEvent } from '../contracts';
import {
  DEFAULT_LATENCY,
  DEFAULT_TIMEOUT_S,
  LONG_RUNNING_EVENT_BYTES,
  timeoutSeconds,
  type Latency,
  type ModuleKind,
} from './budget';
import {
  activateHost,
  deactivateHost,
  type Invocation,
  type Principal,
  type ProxyTarget,
  type SdkHost,
} from './context';
import { Delivery, type DeadLetter, type InvokeOutcome, type Work } from './delivery';
import { EgressPolicy } from './egress';
import { EventsService } from './events-service';
import { DEFAULT_EVENTS_PER_MINUTE, QueueRateLimit } from './queue-rate';
import { InvocationRateLimit } from './rate-limits';
import { FaultInjector } from './faults';
import { KvsService } from './kvs-service';
import { KvsStore } from './kvs-store';
import { loadHandlers, type Handler } from './loader';
import { readManifest, type ForgeManifest } from './manifest';
import { ForgeProxy } from './proxy';
import { runtimeGlobal } from './runtime-global';
import { Schedules } from './schedules';
import { freshCounters, SettleLedger, type RuntimeSettleReport } from './report';
import { Agenda } from './scheduler';
import { StatsRecorder } from './stats';
import { callHandler } from './handler-call';
import { runDueWork } from './settle-loop';
import { queueB24Delivery, queueJiraEvent, type Inlets } from './inlets';

export type { RuntimeSettleReport } from './report';

export interface AdvanceableClock extends Clock {
  advance(ms: number): void;
}

export interface ForgeRuntimeOptions {
  clock: AdvanceableClock;
  /** Default: manifest.yml in the working directory. */
  manifestPath?: string;
  /** The app's index module; default src/index.ts in the working directory. */
  indexPath?: string;
  /** Public base of web trigger URLs; default https://local-forge.test (the sandbox passes http://localhost:PORT). */
  webtriggerBaseUrl?: string;
  jira: { baseUrl: string; service: HttpService };
  installContext?: string;
  /** The site the app is installed on, as UI resolvers see it in their context. */
  site?: { cloudId: string; siteUrl: string };
  /** Simulated latency per emulated call (defaults: ./budget.ts DEFAULT_LATENCY). */
  latency?: Partial<Latency>;
  /** Events the app may push per minute (Forge: 500 per installation, ./queue-rate.ts); `Infinity` turns it off. */
  queueEventsPerMinute?: number;
}

const DEFAULT_MAX_STEPS = 10_000;

/** See LocalPlatformApi.settle. */
export interface SettleOptions {
  maxSteps?: number;
  horizonMs?: number;
  advanceMs?: number;
}

export class ForgeRuntime implements SdkHost {
  readonly manifest: ForgeManifest;
  readonly clock: AdvanceableClock;
  readonly kvsStore: KvsStore;
  readonly stats = new StatsRecorder();
  readonly deadLetters: DeadLetter[] = [];
  readonly webtriggerBaseUrl: string;
  readonly installContext: string;
  private readonly site?: { cloudId: string; siteUrl: string };
  private readonly handlers: Map<string, Handler>;
  private readonly agenda = new Agenda<Work>();
  private readonly kvsService: KvsService;
  private readonly eventsService: EventsService;
  private readonly delivery: Delivery;
  private readonly services = new Map<string, HttpService>();
  private readonly schedules: Schedules;
  private readonly proxy: ForgeProxy;
  private latency: Latency;
  private jira: { baseUrl: string; service: HttpService };
  private faults = new FaultInjector();
  private counters = freshCounters();
  /** Counters as the last settle left them: a report covers everything since, including deliveries queued before it. */
  private readonly ledger = new SettleLedger();
  private settling: Promise<void> = Promise.resolve();
  private readonly invocationRate: InvocationRateLimit;

  constructor(options: ForgeRuntimeOptions) {
    this.clock = options.clock;
    this.manifest = readManifest(resolve(options.manifestPath ?? 'manifest.yml'));
    installForgeGlobals();
    this.handlers = loadHandlers(this.manifest.functions.values(), options.indexPath ?? 'src/index.ts');
    this.webtriggerBaseUrl = (options.webtriggerBaseUrl ?? 'https://local-forge.test').replace(/\/+$/, '');
    this.installContext = options.installContext ?? 'ari:cloud:jira::site/local';
    this.jira = options.jira;
    this.site = options.site;
    this.latency = { ...DEFAULT_LATENCY, ...options.latency };
    this.kvsStore = new KvsStore(this.clock);
    this.invocationRate = new InvocationRateLimit(this.clock);
    this.kvsService = new KvsService(this.kvsStore);
    const pushRate = new QueueRateLimit(this.clock, () => options.queueEventsPerMinute ?? DEFAULT_EVENTS_PER_MINUTE);
    this.eventsService = new EventsService(
      this.clock,
      this.agenda,
      () => new Set(this.manifest.consumers.map((c) => c.queue)),
      (queue) => this.maxEventBytes(queue),
      pushRate,
    );
    this.delivery = new Delivery({
      clock: this.clock,
      agenda: this.agenda,
      manifest: this.manifest,
      installContext: this.installContext,
      invoke: (key, args, kind) => this.call(key, args, kind),
      counters: this.counters,
      deadLetter: (letter) => this.deadLetters.push(letter),
      jobFinished: (jobId, outcome) => this.eventsService.finished(jobId, outcome),
      webtriggerJsonOnly: () => this.faults.plan.webTriggerJsonOnly === true,
    });
    this.schedules = new Schedules(this.manifest.scheduledTriggers, this.clock);
    this.proxy = new ForgeProxy({
      jira: () => this.jira,
      service: (host) => this.services.get(host),
      kvs: (path, init) => this.kvsService.client(path, init),
      events: (path, init) => this.eventsService.client(path, init),
      webtriggers: { keys: () => this.webtriggerKeys(), url: (key) => this.webtriggerUrl(key) },
      egress: new EgressPolicy(this.manifest.egress),
      stats: this.stats,
      latency: () => this.latency,
      refusal: (service, isWrite) => this.faults.refusal(service, isWrite),
      lostB24Reply: (isWrite) => this.faults.lostB24Reply(isWrite),
    });
  }

  // ---------- SdkHost: what the SDK packages reach through the Forge globals ----------

  forgeFetch(target: ProxyTarget, path: string, init: RequestInit | undefined): Promise<Response> {
    return this.proxy.forgeFetch(target, path, init);
  }

  fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    return this.proxy.fetch(url, init);
  }

  runtimeGlobal(invocation: Invocation | undefined): object {
    return runtimeGlobal(this.manifest, this.installContext, invocation);
  }

  webtriggerUrl(moduleKey: string): string {
    if (!this.manifest.webtriggers.some((w) => w.key === moduleKey))
      throw new Error(`No web trigger module ${moduleKey} in manifest.yml`);
    return `${this.webtriggerBaseUrl}/webtrigger/${moduleKey}`;
  }

  webtriggerKeys(): string[] {
    return this.manifest.webtriggers.map((w) => w.key);
  }

  // ---------- The platform side ----------

  /** Calls made with the SDK outside any invocation (tests, seed hooks) reach this runtime. */
  activate(): void {
    activateHost(this);
  }

  deactivate(): void {
    deactivateHost(this);
  }

  setJira(baseUrl: string, service: HttpService): void {
    this.jira = { baseUrl, service };
  }

  /** Where `fetch` to `host` goes once egress allows it (the Bitrix24 portal, oauth.bitrix.info). */
  registerService(host: string, service: HttpService): void {
    this.services.set(host.toLowerCase(), service);
  }

  /** Changes the simulated latency per call (tests and benches; see DEFAULT_LATENCY). */
  setLatency(latency: Partial<Latency>): void {
    this.latency = { ...this.latency, ...latency };
  }

  setFaults(plan: FaultPlan): FaultInjector {
    this.faults = new FaultInjector(plan);
    return this.faults;
  }

  /** A Jira product event, as Forge hands it to the app's product-event triggers (inlets.ts). */
  deliverJiraEvent(event: JiraProductEvent): void {
    queueJiraEvent(this.inlets(), event);
  }

  /** The Bitrix24 emulator's outbox: deliveries to this app's web trigger URLs are queued, others dropped. */
  deliverB24(request: Request): void {
    queueB24Delivery(this.inlets(), request);
  }

  private inlets(): Inlets {
    const { manifest, agenda, clock, faults, counters, webtriggerBaseUrl } = this;
    return { manifest, agenda, clock, faults, counters, webtriggerBaseUrl };
  }

  /** An HTTP request to a web trigger, as the internet sends it (the sandbox's /webtrigger/<key>). */
  webtrigger(key: string, request: Request): Promise<Response> {
    return this.delivery.webtrigger(key, request);
  }

  /** A UI module's resolver called as a person, the way the bridge's invoke() reaches it. */
  async invoke(request: InvokeRequest): Promise<unknown> {
    const module =
      this.manifest.resolvers.find((r) => r.key === request.function) ??
      this.manifest.resolvers.find((r) => r.function === request.function);
    if (!module) throw new Error(`No UI module or resolver function ${request.function} in manifest.yml`);
    this.invocationRate.admit(request.accountId);
    const call = {
      call: { functionKey: request.call, payload: request.payload ?? {} },
      context: {
        extension: { type: module.moduleType, ...request.extension },
        moduleKey: module.key,
        accountId: request.accountId,
        ...this.site,
      },
    };
    const outcome = await this.call(
      module.function,
      [
        JSON.parse(JSON.stringify(call)),
        { principal: { accountId: request.accountId }, installContext: this.installContext },
      ],
      'resolver',
      { accountId: request.accountId },
      module.key,
    );
    if (!outcome.ok) throw outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error));
    return outcome.result;
  }

  /** Run a scheduled trigger now (it also runs by itself when settling moves the clock past its interval). */
  async runScheduled(key: string): Promise<void> {
    await this.delivery.run({ kind: 'scheduled', key });
  }

  /** Everything pending, advancing the clock to the next due item when nothing is due, until idle or maxSteps. */
  settle(options: SettleOptions = {}): Promise<RuntimeSettleReport> {
    // One settle at a time (the sandbox may settle on a timer and on request): later calls wait their turn.
    const run = this.settling.then(() => this.settleNow(options));
    this.settling = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async settleNow(options: SettleOptions): Promise<RuntimeSettleReport> {
    const start = this.clock.now();
    const steps = await runDueWork(
      { clock: this.clock, agenda: this.agenda, schedules: this.schedules, run: (work) => this.delivery.run(work) },
      { ...options, maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS },
    );
    return this.ledger.report(this.counters, this.deadLetters, {
      idle: this.agenda.size === 0,
      steps,
      advancedMs: this.clock.now() - start,
      pending: this.agenda.size,
    });
  }

  /** Forge's async-events limit: 100 KB per event when the consumer's timeout is over 55 s (limits-async-events). */
  private maxEventBytes(queueName: string): number | undefined {
    const consumer = this.manifest.consumers.find((c) => c.queue === queueName);
    const timeout = consumer ? timeoutSeconds('consumer', this.manifest.functions.get(consumer.function)) : 0;
    return timeout > DEFAULT_TIMEOUT_S.consumer ? LONG_RUNNING_EVENT_BYTES : undefined;
  }

  get pending(): number {
    return this.agenda.size;
  }

  /** Back to a fresh installation: storage, queues, dead letters, stats and faults (handlers stay loaded). */
  reset(): void {
    this.agenda.clear();
    this.kvsStore.clear();
    this.eventsService.clear();
    this.stats.reset();
    this.deadLetters.length = 0;
    this.faults = new FaultInjector();
    Object.assign(this.counters, freshCounters());
    this.ledger.reset();
    this.schedules.reset();
  }

  private call(
    functionKey: string,
    args: unknown[],
    kind: ModuleKind,
    principal?: Principal,
    moduleKey?: string,
  ): Promise<InvokeOutcome> {
    const timeoutS = timeoutSeconds(kind, this.manifest.functions.get(functionKey));
    return callHandler(this, this.handlers.get(functionKey), { functionKey, args, timeoutS, principal, moduleKey });
  }
}
