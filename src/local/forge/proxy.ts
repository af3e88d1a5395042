/**
 * The Forge proxy's side of the SDK globals: `__forge_fetch__` routed by the target the SDK names (product REST as
 * the app or a person, KVS, the async-events webhook, the GraphQL gateway), and the runtime's egress-checked global
 * `fetch`. Every call charges the invocation its latency first (./budget.ts) and is counted per caller (./stats.ts).
 */
import { FetchError } from '@forge/api/out/api/errors';
import type { Caller, HttpService } from '../contracts';
import type { InvocationBudget, Latency } from './budget';
import { currentInvocation, type ProxyTarget } from './context';
import type { EgressPolicy } from './egress';
import { answerGraphql, type WebtriggerDirectory } from './gateway';
import { b24Method, isB24Read, isJiraRead, type StatsRecorder } from './stats';

type Transport = (path: string, init?: { body?: unknown }) => Promise<Response>;

export interface ProxyDeps {
  jira(): { baseUrl: string; service: HttpService };
  service(host: string): HttpService | undefined;
  kvs: Transport;
  events: Transport;
  webtriggers: WebtriggerDirectory;
  egress: EgressPolicy;
  stats: StatsRecorder;
  latency(): Latency;
  /** The fault plan's `refusedWrites`: one of the app's writes answered with 400 before it reaches the service. */
  refusal(service: 'jira' | 'b24', isWrite: boolean): Response | undefined;
  /** The fault plan's `b24LostReplies`: this Bitrix24 write is applied and its reply lost. */
  lostB24Reply(isWrite: boolean): boolean;
}

function budget(): InvocationBudget | undefined {
  return currentInvocation()?.budget;
}

/** asApp() is the app; asUser(id?) and top-level requestJira act as the invocation's person (resolvers only). */
function callerOf(target: ProxyTarget): Caller {
  if (target.provider === 'app') return { kind: 'app' };
  const accountId = target.accountId ?? currentInvocation()?.principal?.accountId;
  if (!accountId)
    throw new Error(
      'asUser() needs a user: this invocation has no principal (use asApp() in triggers, consumers and web triggers)',
    );
  return { kind: 'user', accountId };
}

export class ForgeProxy {
  constructor(private readonly deps: ProxyDeps) {}

  async forgeFetch(target: ProxyTarget, path: string, init: RequestInit | undefined): Promise<Response> {
    const latency = this.deps.latency();
    if (target.type === 'kvs') {
      budget()?.charge(latency.platformMs);
      return this.deps.kvs(path, init);
    }
    if (target.type !== 'fpp')
      throw new Error(
        `__forge_fetch__ type ${target.type} (external auth providers, remotes) is not emulated by the local platform`,
      );
    switch (target.remote) {
      case 'jira':
        return this.requestJira(path, init, callerOf(target), latency.jiraMs);
      case 'stargate':
        budget()?.charge(latency.platformMs);
        if (path.startsWith('/webhook/queue/')) return this.deps.events(path, init);
        if (path === '/graphql')
          return answerGraphql(typeof init?.body === 'string' ? init.body : '', this.deps.webtriggers);
        return new Response('Not Found', { status: 404 });
      default:
        throw new Error(`${target.remote ?? 'this product'} is not emulated by the local platform`);
    }
  }

  private async requestJira(
    path: string,
    init: RequestInit | undefined,
    caller: Caller,
    latencyMs: number,
  ): Promise<Response> {
    budget()?.charge(latencyMs);
    const jira = this.deps.jira();
    const request = new Request(jira.baseUrl.replace(/\/+$/, '') + path, init);
    this.deps.stats.recordJira(request.method, new URL(request.url));
    const refused =
      caller.kind === 'app' ? this.deps.refusal('jira', !isJiraRead(request.method, new URL(request.url))) : undefined;
    return refused ?? jira.service.handle(request, caller);
  }

  async fetch(url: string, init: RequestInit | undefined): Promise<Response> {
    const target = this.deps.egress.check(url);
    const invocation = budget();
    invocation?.charge(this.deps.latency().fetchMs);
    // Refused by the proxy itself: the request never reaches the service, nor the stats.
    if (invocation && !invocation.admitEgress())
      return new Response('Too Many Requests', {
        status: 429,
        headers: { 'forge-proxy-error': 'FETCH_LIMIT_EXCEEDED' },
      });
    const service = this.deps.service(target.hostname.toLowerCase());
    if (!service) throw new FetchError(`getaddrinfo ENOTFOUND ${target.hostname}`);
    const request = new Request(url, init);
    this.deps.stats.recordB24(target, request.headers.get('content-type') ?? '', await request.clone().text());
    const method = b24Method(target).toLowerCase();
    const isWrite = !isB24Read(method) && method !== 'batch' && !method.startsWith('oauth');
    const refused = this.deps.refusal('b24', isWrite);
    if (refused) return refused;
    const lose = this.deps.lostB24Reply(isWrite);
    const response = await service.handle(request);
    if (lose && response.ok)
      throw new FetchError('socket hang up: the connection closed before the reply arrived (emulated lost reply)');
    return response;
  }
}
