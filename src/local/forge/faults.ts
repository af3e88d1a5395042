/**
 * The seeded fault plan: what happens to each event delivery (duplicate, reorder, delay, drop) and the per-call
 * fault rates handed to the emulators. Each consumer of randomness has its own PRNG stream derived from the seed,
 * so the same seed and the same sequence of calls give the same faults.
 */
import type { FaultPlan, ServiceFaults } from '../contracts';

/** mulberry32: small, fast, good enough for test schedules (not for secrets). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(random: () => number, minMs: number, maxMs: number): number {
  return Math.round(minMs + random() * (maxMs - minMs));
}

export type EventSource = 'jira' | 'b24';

/** When, relative to now, to deliver one event; no delivery at all = lost. */
export interface EventFate {
  delaysMs: number[];
  dropped: boolean;
  duplicated: boolean;
}

const STREAMS = { events: 0x9e3779b9, jira: 0x85ebca6b, b24: 0xc2b2ae35, refusals: 0x27d4eb2f, b24Lost: 0x165667b1 };

/** The 400 each remote gives a value it will not take: Jira's error collection, Bitrix24's error envelope. */
const REFUSED: Record<EventSource, () => Response> = {
  jira: () =>
    new Response(
      JSON.stringify({
        errorMessages: [],
        errors: { value: 'The value was refused (injected fault: refusedWrites).' },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    ),
  b24: () =>
    new Response(
      JSON.stringify({
        error: 'ERROR_CORE',
        error_description: 'The value was refused (injected fault: refusedWrites).',
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    ),
};

export class FaultInjector {
  private readonly random: () => number;

  private readonly refusals: () => number;

  private readonly b24Losses: () => number;

  constructor(readonly plan: FaultPlan = {}) {
    this.random = seededRandom((plan.seed ?? 0) ^ STREAMS.events);
    this.refusals = seededRandom((plan.seed ?? 0) ^ STREAMS.refusals);
    this.b24Losses = seededRandom((plan.seed ?? 0) ^ STREAMS.b24Lost);
  }

  /**
   * `refusedWrites`: the app's write answered with 400, as a remote refusing a value does. Only the app's calls
   * pass here (people's clicks are not refused), and only writes (`isWrite` from the stats' classification).
   */
  refusal(service: EventSource, isWrite: boolean): Response | undefined {
    const p = this.plan.refusedWrites ?? 0;
    if (p <= 0 || !isWrite) return undefined;
    return this.refusals() < p ? REFUSED[service]() : undefined;
  }

  /** `b24LostReplies`: the app's Bitrix24 write is applied, then its reply is lost (own stream: it shifts no other). */
  lostB24Reply(isWrite: boolean): boolean {
    const p = this.plan.b24LostReplies ?? 0;
    return p > 0 && isWrite && this.b24Losses() < p;
  }

  get active(): boolean {
    return Object.entries(this.plan).some(([k, v]) => k !== 'seed' && typeof v === 'number' && v > 0);
  }

  private roll(p: number | undefined): boolean {
    // Always draw, so one probability's value does not shift the others' streams.
    const r = this.random();
    return p !== undefined && p > 0 && r < p;
  }

  /**
   * A dropped Bitrix24 event is gone (Bitrix24 never retries); a dropped Jira event comes back 3–5 minutes later,
   * as Forge redelivers. Delays stay within Forge's "up to ~3 minutes late".
   */
  fate(source: EventSource): EventFate {
    const drop = this.roll(this.plan.dropEvents);
    const delay = this.roll(this.plan.delayEvents);
    const reorder = this.roll(this.plan.reorderEvents);
    const duplicate = this.roll(this.plan.duplicateEvents);
    const jitter = this.random();
    if (drop && source === 'b24') return { delaysMs: [], dropped: true, duplicated: false };
    let first = drop ? between(() => jitter, 180_000, 300_000) : 0;
    if (delay) first += between(this.random, 30_000, 180_000);
    if (reorder) first += between(this.random, 1_000, 20_000);
    const delaysMs = [first];
    if (duplicate) delaysMs.push(first + between(this.random, 0, 60_000));
    return { delaysMs, dropped: drop, duplicated: duplicate };
  }

  /** The emulator's per-call faults, or null when the plan sets none for it. */
  serviceFaults(service: EventSource): ServiceFaults | null {
    const rateLimit = (service === 'jira' ? this.plan.jira429 : this.plan.b24RateLimit) ?? 0;
    const serverError = this.plan.serverErrors ?? 0;
    const lostReply = service === 'jira' ? (this.plan.lostReplies ?? 0) : 0;
    if (rateLimit <= 0 && serverError <= 0 && lostReply <= 0) return null;
    return {
      rateLimit,
      serverError,
      ...(lostReply > 0 ? { lostReply } : {}),
      random: seededRandom((this.plan.seed ?? 0) ^ STREAMS[service]),
    };
  }
}
