/**
 * What a mapping did to a value on its way to the other side, beyond copying it: a person left out (users.ts), a
 * value that side cannot hold and so left unwritten, or a value carried in the form that side can hold (cut,
 * invisible characters left out). Callers journal each one; none of them is ever done silently.
 */
import type { FieldKey, Side } from '../model';
import type { UnmatchedUserWarning } from './users';

/** Why a value cannot flow: a code (`notes.skip.<code>` in the page's translations) with its parameters. */
export type SkipCode =
  | 'emptyInB24'
  | 'noAccount'
  | 'noMapping'
  | 'notInList'
  | 'noStatusRow'
  | 'noPriorityRow'
  | 'outOfB24Range'
  | 'invisibleTitle';

/** Skip codes that mean the value itself is outside what the target can hold (journalled as refused fields). */
export const VALUE_REFUSALS: readonly SkipCode[] = ['outOfB24Range', 'invisibleTitle'];

/** The value was left unwritten on `to` (which keeps what it holds); worded as a skipped flow. */
export interface RefusedValue {
  kind: 'refused-value';
  field: FieldKey;
  to: Side;
  code: SkipCode;
  reason: string;
  params: Record<string, string>;
}

/**
 * The value was written in the form `to` can hold: `titleShortened` (cut at a whole character to `limit`),
 * `controlsRemoved` (control characters left out), `bidiRemoved` (direction overrides left out).
 */
export interface AdjustedValue {
  kind: 'adjusted-value';
  code: 'titleShortened' | 'controlsRemoved' | 'bidiRemoved';
  field: FieldKey;
  to: Side;
  limit?: number;
}

export type ValueNotice = RefusedValue | AdjustedValue;

export type MappingWarning = UnmatchedUserWarning | ValueNotice;
