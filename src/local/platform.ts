/**
 * The local platform: emulated Jira Cloud and Bitrix24 with the app running between them in the local Forge
 * runtime. Jest scenario tests and `npm start` both build it with LocalPlatform.create().
 */
import './forge/globals';
import { kvs as sdkKvs } from '@forge/kvs';
import type { Kvs } from '@forge/kvs/out/interfaces/kvs';
import { Bitrix24Emulator, OAUTH_HOST } from './b24';
import {
  ManualClock,
  type B24Limits,
  type FaultPlan,
  type InvokeRequest,
  type JiraLimits,
  type LocalPlatformApi,
  type PlatformInfo,
  type PlatformStats,
} from './contracts';
import { runInvocation } from './forge/context';
import type { KvsStore } from './forge/kvs-store';
import type { Latency } from './forge/budget';
import { ForgeRuntime, type AdvanceableClock, type RuntimeSettleReport, type SettleOptions } from './forge/runtime';
import { JiraEmulator } from './jira';
import { RESOLVER_CALLS } from '../entry/resolvers/calls';
import { defaultSeed, type PlatformSeed } from './seed';
import { seedInfo } from './seed-info';

export interface SeedAppContext {
  /** The app's own `@forge/kvs`, bound to this platform: store its configuration and secrets here. */
  kvs: Kvs;
  platform: LocalPlatform;
}

export interface LocalPlatformOptions {
  clock?: AdvanceableClock;
  seed?: PlatformSeed;
  manifestPath?: string;
  indexPath?: string;
  webtriggerBaseUrl?: string;
  /** Connects the app (configuration, secrets) after the emulators are seeded; runs again on reset(). */
  seedApp?: (ctx: SeedAppContext) => Promise<void>;
  jiraLimits?: Partial<JiraLimits>;
  b24Limits?: Partial<B24Limits>;
  /** Simulated latency per emulated call, charged to the invocation's time limit (src/local/forge/budget.ts). */
  latency?: Partial<Latency>;
  /** Forge's async-events rate per installation (default 500 events per minute, src/local/forge/queue-rate.ts). */
  queueEventsPerMinute?: number;
}

export class LocalPlatform implements LocalPlatformApi {
  readonly runtime: ForgeRuntime;
  readonly clock: AdvanceableClock;
  readonly seed: PlatformSeed;
  readonly b24: Bitrix24Emulator;
  private jiraEmulator: JiraEmulator;
  private unsubscribeJira: () => void;

  private constructor(private readonly options: LocalPlatformOptions) {
    this.clock = options.clock ?? new ManualClock();
    this.seed = options.seed ?? defaultSeed();
    this.jiraEmulator = this.newJira();
    this.runtime = new ForgeRuntime({
      clock: this.clock,
      manifestPath: options.manifestPath,
      indexPath: options.indexPath,
      webtriggerBaseUrl: options.webtriggerBaseUrl,
      jira: { baseUrl: this.seed.jira.baseUrl, service: this.jiraEmulator },
      installContext: `ari:cloud:jira::site/${this.seed.jira.cloudId}`,
      site: { cloudId: this.seed.jira.cloudId, siteUrl: this.seed.jira.baseUrl },
      latency: options.latency,
      queueEventsPerMinute: options.queueEventsPerMinute,
    });
    this.unsubscribeJira = this.jiraEmulator.onEvent((event) => this.runtime.deliverJiraEvent(event));
    this.b24 = new Bitrix24Emulator({
      clock: this.clock,
      seed: this.seed.b24,
      outbox: (delivery) => this.runtime.deliverB24(delivery),
      limits: options.b24Limits,
    });
    this.runtime.registerService(this.b24.domain, this.b24);
    this.runtime.registerService(OAUTH_HOST, this.b24);
  }

  static async create(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
    const platform = new LocalPlatform(options);
    platform.runtime.activate();
    await platform.seedWorld();
    return platform;
  }

  get jira(): JiraEmulator {
    return this.jiraEmulator;
  }

  /** The installation's storage, for inspection (`peek`, `keys`); the app itself uses `@forge/kvs`. */
  get kvs(): KvsStore {
    return this.runtime.kvsStore;
  }

  info(): PlatformInfo {
    return {
      runtime: 'forge',
      ...seedInfo(this.seed, this.runtime.webtriggerBaseUrl),
      webtriggers: Object.fromEntries(this.runtime.webtriggerKeys().map((k) => [k, this.runtime.webtriggerUrl(k)])),
      // Resolver call names per function key: the app lists them next to its definitions (a Resolver cannot be asked).
      resolvers: Object.fromEntries(
        [...new Set(this.runtime.manifest.resolvers.map((r) => r.function))].map((fn) => [
          fn,
          RESOLVER_CALLS[fn] ?? [],
        ]),
      ),
    };
  }

  settle(options?: SettleOptions): Promise<RuntimeSettleReport> {
    return this.runtime.settle(options);
  }

  stats(): PlatformStats {
    return this.runtime.stats.snapshot();
  }

  resetStats(): void {
    this.runtime.stats.reset();
  }

  /** `{}` clears the plan; per-call rates go to the emulators, per-event faults stay in the runtime. */
  setFaults(plan: FaultPlan): void {
    const injector = this.runtime.setFaults(plan);
    this.jiraEmulator.setFaults(injector.serviceFaults('jira'));
    this.b24.setFaults(injector.serviceFaults('b24'));
  }

  async reset(): Promise<void> {
    this.unsubscribeJira();
    this.jiraEmulator = this.newJira();
    this.unsubscribeJira = this.jiraEmulator.onEvent((event) => this.runtime.deliverJiraEvent(event));
    this.runtime.setJira(this.seed.jira.baseUrl, this.jiraEmulator);
    this.b24.reset();
    this.b24.setFaults(null);
    this.runtime.reset();
    this.runtime.activate();
    await this.seedWorld();
  }

  invoke(request: InvokeRequest): Promise<unknown> {
    return this.runtime.invoke(request);
  }

  webtrigger(key: string, request: Request): Promise<Response> {
    return this.runtime.webtrigger(key, request);
  }

  private newJira(): JiraEmulator {
    return new JiraEmulator({ clock: this.clock, seed: this.seed.jira, limits: this.options.jiraLimits });
  }

  private async seedWorld(): Promise<void> {
    const { webtriggerKey, events } = this.seed.b24Events;
    if (this.runtime.webtriggerKeys().includes(webtriggerKey)) {
      const url = this.runtime.webtriggerUrl(webtriggerKey);
      for (const event of events)
        this.b24.bindHandler(event, url, { applicationToken: this.seed.b24.applicationToken });
    }
    const seedApp = this.options.seedApp;
    if (seedApp)
      await runInvocation({ host: this.runtime, functionKey: 'seed' }, () => seedApp({ kvs: sdkKvs, platform: this }));
  }
}
