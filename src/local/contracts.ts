/**
 * The contracts between the pieces of the local platform: the Jira and Bitrix24 emulators, the local Forge
 * runtime and the `npm start` sandbox. Everything speaks WHATWG fetch `Request`/`Response` (built into Node), so
 * the sandbox's HTTP server, the runtime's `fetch`/`requestJira` and tests reach an emulator the same way.
 */
import type { Clock } from '../ports/clock';

export type { Clock };

/** A clock that tests (and `/__sandbox/settle`) move forward by hand; rate-limit buckets drain on it. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 10, 2, 9, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Wall time plus an offset that settling may push forward (to run retries due later without sleeping). */
export class SandboxClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** Who is calling an emulator when the caller is the local runtime (trusted, no credentials on the wire). */
export type Caller = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface HttpService {
  /** `caller` is set by the local runtime; requests from people (sandbox HTTP) carry credentials instead. */
  handle(request: Request, caller?: Caller): Promise<Response>;
}

/** Probabilities per call; `random` is seeded by whoever owns the fault plan. */
export interface ServiceFaults {
  rateLimit: number;
  serverError: number;
  /** Probability that an app's write is applied but its reply never arrives (the app's fetch rejects). */
  lostReply?: number;
  random: () => number;
}

// ---------- Jira ----------

export interface JiraSeedUser {
  accountId: string;
  displayName: string;
  email: string;
  /** Users who hide their e-mail: user search does not return emailAddress. */
  emailHidden?: boolean;
  /** Global permissions, e.g. ['ADMINISTER']. */
  globalPermissions?: string[];
  /** Per project key, e.g. { DEMO: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'] }. */
  projectPermissions?: Record<string, string[]>;
}

export interface JiraSeedProject {
  id: string;
  key: string;
  name: string;
  /** Omitted: the default workflow (To Do, In Progress, In Review, QA Testing, On Hold, Done). */
  workflow?: JiraWorkflow;
  /** Fields on the project's create and edit screens; omitted: every system field and every site custom field. */
  screenFields?: string[];
  /** Priority ids the project's priority scheme offers; omitted: all five. */
  priorityIds?: string[];
}

/** A site custom field (`GET /field`); `options` are the allowed values of a select field. */
export interface JiraSeedCustomField {
  id: `customfield_${number}`;
  name: string;
  type: 'string' | 'textarea' | 'number' | 'date' | 'select';
  options?: string[];
}

export interface JiraWorkflow {
  statuses: { id: string; name: string; category: 'new' | 'indeterminate' | 'done' }[];
  /** Transitions by id; `from` empty means "from any status" (a global transition). */
  transitions: { id: string; name: string; from: string[]; to: string; requiredFields?: string[] }[];
  initialStatusId: string;
}

export interface JiraSeed {
  /** e.g. https://sandbox.atlassian.net */
  baseUrl: string;
  cloudId: string;
  /** The app's own account: writes by `asApp` are made as this account and flagged selfGenerated. */
  appAccountId: string;
  users: JiraSeedUser[];
  projects: JiraSeedProject[];
  customFields?: JiraSeedCustomField[];
  /** The app's project permissions (its add-on project role); omitted: every project permission but administration. */
  appPermissions?: string[];
}

export interface JiraLimits {
  /** Requests per second per caller before 429 + Retry-After. */
  requestsPerSecond: number;
  /** Per-issue writes: 20 per 2 s and 100 per 30 s (Jira Cloud). */
  issueWritesPer2s: number;
  issueWritesPer30s: number;
  /** Attachment size cap in bytes (413 beyond). */
  attachmentMaxBytes: number;
  /** How long a write takes to reach `/search/jql` results (eventual consistency); `reconcileIssues` bypasses it. */
  searchLagMs: number;
  /**
   * The app's points-based hourly quota (Tier 1, the lowest: 65,000 points per UTC hour); only app traffic spends it.
   * `Infinity` turns it off.
   */
  quotaPointsPerHour: number;
}

/** A Forge Jira product event as a trigger handler receives it (the trigger's `event` argument). */
export interface JiraProductEvent {
  eventType: string;
  selfGenerated: boolean;
  atlassianId?: string;
  [key: string]: unknown;
}

// ---------- Bitrix24 ----------

export interface B24SeedUser {
  id: string;
  name: string;
  lastName: string;
  email: string;
  /** Secret of this person's incoming webhook: /rest/<id>/<secret>/<method>. */
  webhookSecret: string;
  admin?: boolean;
}

export interface B24Seed {
  /** e.g. sandbox.bitrix24.com — a real cloud zone so egress checks apply. */
  domain: string;
  memberId: string;
  /** The application token sent as auth[application_token] with every event. */
  applicationToken: string;
  /** IANA zone of the portal; deadlines are rendered with its offset. */
  timeZone: string;
  users: B24SeedUser[];
  groups: { id: string; name: string }[];
  /** A local OAuth application registered on the portal (oauth.bitrix.info flow). */
  oauthClient?: { clientId: string; clientSecret: string };
  /** Tasks that exist before the app arrives, e.g. legacy ones whose description is HTML. */
  tasks?: B24SeedTask[];
}

export interface B24SeedTask {
  title: string;
  description: string;
  /** 'N': written before the portal switched to BBCode, so `description` is HTML. */
  descriptionInBbcode: 'Y' | 'N';
  groupId: string;
  createdBy: string;
  responsibleId: string;
  /** ISO instant; the task's CREATED_DATE and CHANGED_DATE. */
  createdAt: string;
}

export interface B24Limits {
  /** Leaky bucket: capacity and drain per second (50 and 2 on standard plans). */
  bucketCapacity: number;
  drainPerSecond: number;
  /** Seconds of execution per method per 10 minutes before OPERATION_TIME_LIMIT (429); portal-wide. */
  operatingSecondsPer10Min: number;
  /** Assumed execution seconds of each executed command (Bitrix24 documents none): 0.2. */
  secondsPerCommand: number;
}

/** An outgoing event delivery: the emulator hands it to whoever routes it (the local runtime); never retried. */
export type B24Outbox = (delivery: Request) => void;

// ---------- The platform as tests and the sandbox drive it ----------

/** `POST /__sandbox/faults`: each value a probability per call or per event; `{}` clears the plan. */
export interface FaultPlan {
  seed?: number;
  duplicateEvents?: number;
  reorderEvents?: number;
  delayEvents?: number;
  /** A dropped B24 event is lost (Bitrix24 never retries); a dropped Jira event is redelivered later (Forge). */
  dropEvents?: number;
  b24RateLimit?: number;
  jira429?: number;
  serverErrors?: number;
  /** Not a probability: the web trigger refuses every body that is not JSON (415), as ECO-563 reads Forge. */
  webTriggerJsonOnly?: boolean;
  /** Jira only: the app's write is applied, then the connection drops before the reply (its fetch rejects). */
  lostReplies?: number;
  /** Bitrix24 only: the app's write (one method, not a batch) is applied, then the connection drops before the reply. */
  b24LostReplies?: number;
  /** Probability that a remote answers one of the app's writes with 400 (a refused value); never people's. */
  refusedWrites?: number;
}

/** `GET /__sandbox/stats`: REST calls made by the app (never by people). A B24 `batch` counts once; its commands are listed too. */
export interface PlatformStats {
  jira: { reads: number; writes: number; byEndpoint: Record<string, number> };
  b24: { reads: number; writes: number; byMethod: Record<string, number>; batchCommands: Record<string, number> };
}

/** `GET /__sandbox/info`. */
export interface PlatformInfo {
  /** Which app runs between the emulators: the Forge app in the local Forge runtime, or the self-hosted service. */
  runtime: 'forge' | 'service';
  jira: {
    baseUrl: string;
    projectKey: string;
    users: { accountId: string; displayName: string; email: string; permissions: string[] }[];
  };
  b24: {
    portal: string;
    /** The portal's member_id, as Bitrix24 sends it in every event's `auth`. */
    memberId: string;
    groupId: string;
    applicationToken: string;
    users: { id: string; name: string; email: string; webhookUrl: string }[];
  };
  webtriggers: Record<string, string>;
  resolvers: Record<string, string[]>;
}

/** `POST /__sandbox/settle`: what ran until the system was idle. */
export interface SettleReport {
  idle: boolean;
  jiraEventsDelivered: number;
  b24EventsDelivered: number;
  jobsRun: number;
  retriesScheduled: number;
  deadLetters: number;
  /** Simulated milliseconds the clock was advanced to reach due retries and delayed events. */
  advancedMs: number;
}

/** `POST /__sandbox/invoke`: call a resolver as a person, exactly as the bridge would. */
export interface InvokeRequest {
  function: string;
  call: string;
  payload?: Record<string, unknown>;
  accountId: string;
  extension?: Record<string, unknown>;
}

export interface LocalPlatformApi {
  info(): PlatformInfo;
  /**
   * `horizonMs`: only work due within that long from now runs (the clock moves no further than the last of it);
   * `advanceMs`: everything due up to now + N runs in time order, scheduled triggers included, and the clock ends
   * at now + N. Neither: until idle.
   */
  settle(options?: { maxSteps?: number; horizonMs?: number; advanceMs?: number }): Promise<SettleReport>;
  stats(): PlatformStats;
  resetStats(): void;
  setFaults(plan: FaultPlan): void;
  /** Back to the seed: emulators, storage, queues, journal, faults and stats. */
  reset(): Promise<void>;
  invoke(request: InvokeRequest): Promise<unknown>;
  /** Deliver an HTTP request to a web trigger as the internet would (used by the sandbox's /webtrigger/<key>). */
  webtrigger(key: string, request: Request): Promise<Response>;
}
