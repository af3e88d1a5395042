/**
 * The emulated Bitrix24 portal: REST v2 (and the one REST 3.0 chat method), the oauth.bitrix.info token server,
 * Drive download URLs, outgoing events and both limits, all on an injected clock. Admin helpers let tests and
 * the sandbox set up what a portal admin would do in the UI.
 */
import type { B24Limits, B24Outbox, B24Seed, Caller, Clock, HttpService, ServiceFaults } from '../contracts';
import { errorResponse, SystemErrors } from './envelope';
import { seedDrive } from './drive';
import { EventBus } from './events';
import { defaultCost, DEFAULT_LIMITS, LeakyBucket, OperatingTime } from './limits';
import { downloadContent } from './methods/disk';
import { OAUTH_HOST, OAuthServer } from './oauth';
import { Router } from './router';
import { seedTasks } from './seed-tasks';
import { B24State, type CardKind, type UserFieldDef } from './state';

export { OAUTH_HOST } from './oauth';
export { isWriteMethod } from './router';
export type { CardKind, UserFieldDef } from './state';

export interface Bitrix24EmulatorOptions {
  clock: Clock;
  seed: B24Seed;
  outbox: B24Outbox;
  limits?: Partial<B24Limits>;
  /** Simulated execution seconds per method (operating-time limit); defaults to `limits.secondsPerCommand`. */
  costSeconds?: (method: string) => number;
  /** Card kind of tasks created from now on (default: legacy). */
  defaultCard?: CardKind;
}

export class Bitrix24Emulator implements HttpService {
  readonly domain: string;
  private state!: B24State;
  private oauth!: OAuthServer;
  private router!: Router;
  private events!: EventBus;
  private faults: ServiceFaults | null = null;

  constructor(private readonly options: Bitrix24EmulatorOptions) {
    this.domain = options.seed.domain;
    this.reset();
  }

  /** Back to the seed: no tasks, no handlers, no tokens, empty limit buckets. */
  reset(): void {
    const { clock, seed, outbox } = this.options;
    const limits: B24Limits = { ...DEFAULT_LIMITS, ...this.options.limits };
    this.state = new B24State(seed);
    this.state.defaultCard = this.options.defaultCard ?? 'legacy';
    seedDrive(this.state);
    seedTasks(this.state, seed.tasks ?? []);
    this.oauth = new OAuthServer(seed, clock);
    this.events = new EventBus(this.state, clock, outbox, this.oauth);
    this.router = new Router({
      state: this.state,
      oauth: this.oauth,
      events: this.events,
      bucket: new LeakyBucket(clock, limits),
      operating: new OperatingTime(clock, limits),
      now: () => clock.now(),
      cost: this.options.costSeconds ?? defaultCost(limits),
      faults: () => this.faults,
    });
  }

  /** `caller` is ignored: Bitrix24 auth travels in the URL (webhook) or the `auth` argument (OAuth). */
  async handle(request: Request, _caller?: Caller): Promise<Response> {
    const url = new URL(request.url);
    if (url.hostname === OAUTH_HOST) return this.oauth.handle(request);
    if (url.pathname.startsWith('/disk/downloadFile/')) return this.download(request, url);
    return this.router.handle(request, url);
  }

  setFaults(faults: ServiceFaults | null): void {
    this.faults = faults;
  }

  /** What an admin's outgoing webhook (UI) does: online events to a URL with a fixed application token, no OAuth tokens. */
  bindHandler(event: string, handlerUrl: string, options?: { applicationToken?: string }): void {
    this.state.handlers.push({
      id: this.state.nextId('handler'),
      event: event.toUpperCase(),
      handler: handlerUrl,
      authType: 0,
      kind: 'webhook',
      applicationToken: options?.applicationToken ?? this.options.seed.applicationToken,
      offline: false,
      authConnector: '',
    });
  }

  /**
   * An admin uninstalling the local application (Applications → Uninstall): ONAPPUNINSTALL goes to its handlers,
   * then its tokens and event handlers are gone. `clean` is the "Clear application data" choice. Admins'
   * outgoing webhooks stay. A new authorisation (issueAuthorizationCode) is the reinstall.
   */
  uninstallApp(options: { clean?: boolean } = {}): void {
    this.events.emitUninstall(options.clean === true);
    this.oauth.revokeAll();
    const kept = this.state.handlers.filter((h) => h.kind !== 'app');
    this.state.handlers.splice(0, this.state.handlers.length, ...kept);
  }

  /** The redirect of PORTAL/oauth/authorize/ for the seeded oauthClient, as `userId` approving it (valid 30 s). */
  issueAuthorizationCode(userId: string): string {
    return this.oauth.issueAuthorizationCode(userId);
  }

  /**
   * Leaves a record in the offline queue as the portal's own event code would, whatever its name and data: stands
   * for a record this app cannot read (another portal version's shape, or one tampered with on the way).
   */
  queueOfflineRecord(eventName: string, eventData: Record<string, unknown>, authConnector = ''): void {
    this.state.offline.record(eventName, eventData, authConnector, this.options.clock.now());
  }

  /** Limits what a person's incoming webhook may call (default: every scope). */
  restrictWebhookScopes(userId: string, scopes: string[]): void {
    this.state.webhookScopes.set(userId, [...scopes]);
  }

  /** task.item.userfield.add as an admin would: `UF_` is added when missing. Returns the field name. */
  addUserField(def: Omit<UserFieldDef, 'name'> & { name: string }): string {
    const name = def.name.toUpperCase().startsWith('UF_') ? def.name.toUpperCase() : `UF_${def.name.toUpperCase()}`;
    this.state.userFields.set(name, { ...def, name });
    return name;
  }

  /** Which card (legacy comments or task chat) tasks created from now on get. */
  setDefaultCardKind(kind: CardKind): void {
    this.state.defaultCard = kind;
  }

  /** Switches one existing task between the legacy card and the chat card (creating its chat when needed). */
  setTaskCardKind(taskId: number, kind: CardKind): void {
    const task = this.state.tasks.get(taskId);
    if (!task) throw new Error(`no task ${taskId}`);
    task.card = kind;
    if (kind === 'chat' && !task.chatId) {
      task.chatId = this.state.nextId('chat');
      this.state.chats.set(task.chatId, { taskId, messages: [] });
    }
  }

  /** Read-only view for the sandbox page and tests (do not mutate). */
  snapshot(): Pick<B24State, 'tasks' | 'comments' | 'chats' | 'files' | 'handlers' | 'offline'> {
    return this.state;
  }

  private download(request: Request, url: URL): Response {
    const file = downloadContent(this.state.files, url);
    // Without browser-like headers the portal can answer 404 (general-principles.md#headers).
    if (!file || !request.headers.get('user-agent')) return errorResponse(SystemErrors.methodNotFound());
    return new Response(file.content.slice(), {
      status: 200,
      headers: {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"`,
      },
    });
  }
}
