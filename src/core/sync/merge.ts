/**
 * The three-way merge of one linked pair. Each side is compared with its own last-synced state (the base holds
 * both, as each side reads them back); a field changed on one side flows to the other when its direction allows,
 * a field changed differently on both is a conflict settled by the field's policy. The next base is what both
 * sides will read once the plan is applied, so planning again on that result is empty: no echo writes.
 */
import { flowsTo, type ConflictPolicy } from '../config';
import type { MappingContext } from '../mapping/context';
import { projectTo, type FieldValue, type SkipCode } from '../mapping/project';
import type { CanonicalChanges } from '../mapping/to-side';
import type { MappingWarning } from '../mapping/notices';
import type { CanonicalTask, FieldKey, Side } from '../model';
import { directionOf, getField, sameValue, setField, syncedFields } from './fields';

/** Both sides as they read after the last sync. Absent for a pair that has never been synced. */
export interface SyncBase {
  b24: CanonicalTask;
  jira: CanonicalTask;
}

export interface Conflict {
  field: FieldKey;
  b24Value: FieldValue;
  jiraValue: FieldValue;
  winner: Side;
  policy: ConflictPolicy;
}

export interface SkippedFlow {
  field: FieldKey;
  to: Side;
  reason: string;
  /** `reason` as a code with parameters, for the journal's reader-language wording. */
  code: SkipCode;
  params: Record<string, string>;
}

export interface PairPlan {
  toJira: CanonicalChanges;
  toB24: CanonicalChanges;
  conflicts: Conflict[];
  /** Changes that could not flow (no status row, unmatched person…): for the journal, never retried. */
  skipped: SkippedFlow[];
  /** People left out, and values fitted to what their target holds (cut, invisible characters left out). */
  warnings: MappingWarning[];
  nextBase: SyncBase;
}

export interface PairSyncInput {
  b24: CanonicalTask;
  jira: CanonicalTask;
  base: SyncBase | null;
  ctx: MappingContext;
  /** B24 changedDate and Jira updated (ISO), for latest-wins. */
  b24ChangedAt: string;
  jiraChangedAt: string;
}

function put(changes: CanonicalChanges, field: FieldKey, value: FieldValue): void {
  const target = changes as Record<string, unknown>;
  if (field.startsWith('UF_')) changes.custom = { ...changes.custom, [field]: value as string | number | null };
  else target[field] = value;
}

/** Whole seconds: Bitrix24 keeps change times to the second, Jira to the millisecond. */
const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * Later change wins, compared at whole seconds (else a Jira edit in the same second as Bitrix24's would always
 * win on its milliseconds); a tie goes to Bitrix24 so the outcome never depends on evaluation order.
 */
function winnerOf(policy: ConflictPolicy, b24At: string, jiraAt: string): Side {
  if (policy !== 'latest-wins') return policy === 'b24-wins' ? 'b24' : 'jira';
  return seconds(jiraAt) > seconds(b24At) ? 'jira' : 'b24';
}

type PerSide = Record<Side, FieldValue>;

/** Which side's change should flow first (the conflict winner), then the other's; none when nothing may flow. */
function flowOrder(input: PairSyncInput, field: FieldKey, current: PerSide, plan: PairPlan): Side[] {
  const { base, ctx } = input;
  const config = ctx.config;
  const dir = directionOf(config, field);
  if (dir === undefined) return [];
  const changed = (side: Side): boolean =>
    base === null || !sameValue(field, current[side], getField(base[side], field));
  const b24 = changed('b24') && flowsTo(dir, 'jira');
  const jira = changed('jira') && flowsTo(dir, 'b24');
  if (!(b24 && jira)) return b24 ? ['b24'] : jira ? ['jira'] : [];
  const policy = config.conflicts.perField[field] ?? config.conflicts.default;
  const winner = winnerOf(policy, input.b24ChangedAt, input.jiraChangedAt);
  plan.conflicts.push({ field, b24Value: current.b24, jiraValue: current.jira, winner, policy });
  return winner === 'b24' ? ['b24', 'jira'] : ['jira', 'b24'];
}

export function planPairSync(input: PairSyncInput): PairPlan {
  const { ctx } = input;
  const plan: PairPlan = {
    toJira: {},
    toB24: {},
    conflicts: [],
    skipped: [],
    warnings: [],
    nextBase: { b24: input.b24, jira: input.jira },
  };
  // The next base starts from the current values: a change that may not flow is acknowledged as it stands.
  const next = { b24: input.b24, jira: input.jira };
  for (const field of syncedFields(ctx.config)) {
    const current: PerSide = { b24: getField(input.b24, field), jira: getField(input.jira, field) };
    if (sameValue(field, current.b24, current.jira)) continue;
    for (const from of flowOrder(input, field, current, plan)) {
      const to: Side = from === 'b24' ? 'jira' : 'b24';
      const projection = projectTo(to, field, current[from], ctx);
      if (projection.warning) plan.warnings.push(projection.warning);
      if (!projection.ok) {
        plan.skipped.push({ field, to, reason: projection.reason, code: projection.code, params: projection.params });
        continue; // the loser of a conflict may still be writable
      }
      plan.warnings.push(...(projection.notices ?? []));
      if (!sameValue(field, projection.value, current[to]))
        put(to === 'jira' ? plan.toJira : plan.toB24, field, current[from]);
      next[to] = setField(next[to], field, projection.value);
      break;
    }
  }
  plan.nextBase = next;
  return plan;
}
