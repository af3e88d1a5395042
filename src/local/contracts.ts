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
}

export interface JiraLimits {
  /** Requests per second per caller before 429 + Retry-After. */
  requestsPerSecond: number;
  /** Per-issue writes: 20 per 2 s and 100 per 30 s (Jira Cloud). */
  issueWritesPer2s: number;
  issueWritesPer30s: number;
  /** Attachment size cap in bytes (413 beyond). */
  attachmentMaxBytes: number;
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
}

export interface B24Limits {
  /** Leaky bucket: capacity and drain per second (50 and 2 on standard plans). */
  bucketCapacity: number;
  drainPerSecond: number;
  /** Seconds of execution per method per 10 minutes before OPERATION_TIME_LIMIT (429). */
  operatingSecondsPer10Min: number;
}

/** An outgoing event delivery: the emulator hands it to whoever routes it (the local runtime); never retried. */
export type B24Outbox = (delivery: Request) => void;
