/**
 * Jira holds a shortened copy of a Bitrix24 text longer than it allows: a description cut to whole top-level blocks
 * and ended by the notice, a title cut to the summary's length. Bitrix24 holds the whole. A person's edit of the
 * copy must not be written back as the whole text: the edited copy replaces the part it was cut from, and what Jira
 * never held is kept. Where the boundary between the two is no longer known, the edit is not written at all.
 *
 * The last-synced base is what remembers the copy (the Jira side's base holds it as written), so no digest of the
 * whole is needed: the merge is checked against the whole as Bitrix24 holds it now. Bitrix24's text past the cut
 * may change freely meanwhile (it is appended as it stands); a change of the part Jira shows makes the copy stale.
 */
import type { AdfDoc, AdfNode } from '../adf';
import { isTruncationNotice } from '../convert';
import type { MappingContext } from '../mapping/context';
import { b24DescriptionRoundTrip, projectTo, type FieldValue } from '../mapping/project';
import type { PairPlan, SyncBase } from './merge';
import { sameValue, setField } from './fields';
import { stableStringify } from './stable';

/**
 * Why an edit of a shortened copy was not written: the notice was edited or removed (so where the copy ends is
 * unknown), the copy no longer matches the part of the whole it was cut from, the copy ends inside a block (a
 * first paragraph too long on its own), or the end of a shortened title was rewritten.
 */
export type ShortenedRefusal = 'noticeEdited' | 'copyStale' | 'cutInsideBlock' | 'titleEndEdited';

type Merged<T> = { ok: true; value: T } | { ok: false; code: ShortenedRefusal };

const same = (a: unknown, b: unknown): boolean => stableStringify(a) === stableStringify(b);

const endsWithNotice = (doc: AdfDoc): boolean => isTruncationNotice(doc.content[doc.content.length - 1]);

/** Ends with the notice, and holds it nowhere else. */
function isCopyShape(doc: AdfDoc): boolean {
  return endsWithNotice(doc) && !doc.content.slice(0, -1).some((b) => isTruncationNotice(b));
}

const isShortenedDoc = (doc: AdfDoc): boolean => endsWithNotice(doc);

const carriesNotice = (doc: AdfDoc): boolean => doc.content.some((b) => isTruncationNotice(b));

/**
 * `whole`: the Bitrix24 description uncut, as it reads now; `copyNow`: its shortened copy as it would be made now;
 * `copy`: Jira's copy as last synced; `edited`: Jira's copy as the person left it.
 */
export function mergeShortenedDescription(
  whole: AdfDoc,
  copyNow: AdfDoc,
  copy: AdfDoc,
  edited: AdfDoc,
): Merged<AdfDoc> {
  if (!isCopyShape(copy) || !same(copy, copyNow)) return { ok: false, code: 'copyStale' };
  const kept = copy.content.slice(0, -1);
  if (!kept.every((block, i) => same(block, whole.content[i]))) return { ok: false, code: 'cutInsideBlock' };
  if (!isCopyShape(edited)) return { ok: false, code: 'noticeEdited' };
  const content: AdfNode[] = [...edited.content.slice(0, -1), ...whole.content.slice(kept.length)];
  return { ok: true, value: { ...whole, content } };
}

/**
 * What of `whole` follows its copy, or undefined when `copy` is not its start. The copy had its line breaks
 * replaced by a space each run (a summary is one line), so a run in the whole matches one space of the copy.
 */
export function remainderAfter(whole: string, copy: string): string | undefined {
  let w = 0;
  for (let c = 0; c < copy.length; c += 1) {
    if (w >= whole.length) return undefined;
    if (whole[w] === '\r' || whole[w] === '\n') {
      if (copy[c] !== ' ') return undefined;
      while (whole[w] === '\r' || whole[w] === '\n') w += 1;
      continue;
    }
    if (whole[w] !== copy[c]) return undefined;
    w += 1;
  }
  return whole.slice(w);
}

/** How much of a shortened title's end must still end the edited summary for the cut to be known. */
const TITLE_BOUNDARY = 10;

export function mergeShortenedTitle(whole: string, copy: string, edited: string): Merged<string> {
  const rest = remainderAfter(whole, copy);
  if (rest === undefined) return { ok: false, code: 'copyStale' };
  const end = [...copy].slice(-TITLE_BOUNDARY).join('');
  if (!edited.endsWith(end)) return { ok: false, code: 'titleEndEdited' };
  return { ok: true, value: edited + rest };
}

export interface ShortenedInput {
  plan: PairPlan;
  current: SyncBase;
  base: SyncBase | null;
  /** The Bitrix24 description uncut (the canonical one is Jira's shortened copy of it); read only when needed. */
  wholeDescription: () => AdfDoc;
  ctx: MappingContext;
}

export interface ShortenedRevision {
  plan: PairPlan;
  refused: { field: 'title' | 'description'; code: ShortenedRefusal }[];
  /**
   * The merged whole, once written, makes a different copy than the one Jira holds (the cut moved): Jira's copy is
   * to be made afresh from Bitrix24 right after. The plan's next base says so by marking Bitrix24 as changed.
   */
  refresh: boolean;
}

type Field = 'title' | 'description';

/** The whole `field` flows to Bitrix24 instead of the copy; `readBack` is how Bitrix24 will read it. */
function writeWhole(
  out: ShortenedRevision,
  input: ShortenedInput,
  field: Field,
  whole: FieldValue,
  readBack: FieldValue,
  jiraWillHold: FieldValue,
): void {
  const { current } = input;
  out.plan = { ...out.plan, toB24: { ...out.plan.toB24, [field]: whole } };
  const fresh = sameValue(field, jiraWillHold, current.jira[field]);
  // Not fresh: Bitrix24 is stored as reading like Jira, so Bitrix24 reads as changed and its copy flows next.
  const b24 = setField(out.plan.nextBase.b24, field, fresh ? readBack : current.jira[field]);
  out.plan = { ...out.plan, nextBase: { ...out.plan.nextBase, b24 } };
  if (!fresh) out.refresh = true;
}

/** Nothing flows: both sides are acknowledged as they read now. */
function refuse(out: ShortenedRevision, input: ShortenedInput, field: Field, code: ShortenedRefusal): void {
  const toB24 = { ...out.plan.toB24 };
  delete toB24[field];
  const b24 = setField(out.plan.nextBase.b24, field, input.current.b24[field]);
  out.plan = { ...out.plan, toB24, nextBase: { ...out.plan.nextBase, b24 } };
  out.refused.push({ field, code });
}

function reviseDescription(out: ShortenedRevision, input: ShortenedInput): void {
  const edited = out.plan.toB24.description;
  const copyNow = input.current.b24.description;
  if (edited === undefined || !(isShortenedDoc(copyNow) || carriesNotice(edited))) return;
  const copy = input.base?.jira.description;
  const whole = input.wholeDescription();
  const merged = copy
    ? mergeShortenedDescription(whole, copyNow, copy, edited)
    : { ok: false as const, code: 'copyStale' as const };
  if (!merged.ok) return refuse(out, input, 'description', merged.code);
  const readBack = b24DescriptionRoundTrip(merged.value, input.ctx);
  writeWhole(out, input, 'description', merged.value, readBack, readBack);
}

function reviseTitle(out: ShortenedRevision, input: ShortenedInput): void {
  const edited = out.plan.toB24.title;
  const { base, current } = input;
  if (edited === undefined || !base) return;
  // Shortened as last synced: Jira's copy was a proper start of the Bitrix24 title.
  const before = remainderAfter(base.b24.title, base.jira.title);
  if (before === undefined || before === '') return;
  const merged = mergeShortenedTitle(current.b24.title, base.jira.title, edited);
  if (!merged.ok) return refuse(out, input, 'title', merged.code);
  const projected = projectTo('jira', 'title', merged.value, input.ctx);
  writeWhole(out, input, 'title', merged.value, merged.value, projected.ok ? projected.value : edited);
}

/** The plan with every flow of a shortened copy into Bitrix24 turned into a write of the merged whole, or refused. */
export function reviseForShortenedCopies(input: ShortenedInput): ShortenedRevision {
  const out: ShortenedRevision = { plan: input.plan, refused: [], refresh: false };
  reviseDescription(out, input);
  reviseTitle(out, input);
  return out;
}
