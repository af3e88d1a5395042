/**
 * Values on their way to a side that cannot hold them as they are. `toJiraFields`/`toB24Fields` write what these
 * return and `projectTo` predicts the same read-back from them, so the two always agree and a fitted copy never
 * looks like a new change on the next event. Each change made is returned as a notice for the journal.
 */
import type { AdfDoc } from '../adf';
import type { Side } from '../model';
import { cutAtGrapheme, docWithoutControls, withoutControls, withoutDirectionOverrides } from '../text-fit';
import type { AdjustedValue, RefusedValue } from './notices';

/** Jira refuses a longer summary ("Summary must be less than 255 characters."), counting UTF-16 units. */
const JIRA_SUMMARY_MAX = 255;

/**
 * The dates Bitrix24 keeps as they are sent. Its REST docs give the `datetime` type a four-digit year and no
 * range; tasks keep DEADLINE in a MySQL DATETIME, whose documented range is 1000-01-01 to 9999-12-31, and PHP's
 * date functions read a year up to 100 as a two-digit one. Jira keeps any four-digit year, down to 0001.
 */
const B24_DATE_MIN = '1000-01-01';
const B24_DATE_MAX = '9999-12-31';

export function fitTitle(to: Side, title: string): { text: string; notices: AdjustedValue[] } {
  const notices: AdjustedValue[] = [];
  // Jira refuses a summary with a line break; a space keeps the words apart, as it always has.
  const oneLine = to === 'jira' ? title.replace(/[\r\n]+/g, ' ') : title;
  const controls = withoutControls(oneLine, false);
  if (controls.changed) notices.push({ kind: 'adjusted-value', code: 'controlsRemoved', field: 'title', to });
  const direction = withoutDirectionOverrides(controls.text);
  if (direction.changed) notices.push({ kind: 'adjusted-value', code: 'bidiRemoved', field: 'title', to });
  if (to !== 'jira') return { text: direction.text, notices };
  const cut = cutAtGrapheme(direction.text, JIRA_SUMMARY_MAX);
  if (cut.shortened)
    notices.push({ kind: 'adjusted-value', code: 'titleShortened', field: 'title', to, limit: JIRA_SUMMARY_MAX });
  return { text: cut.text, notices };
}

/**
 * A title left blank once fitted (it held nothing but control characters or overrides): both sides refuse a
 * blank title, so it is not written, and the other side keeps the title it has.
 */
export function blankTitleRefusal(to: Side, fitted: string): RefusedValue | null {
  if (fitted.trim() !== '') return null;
  const side = to === 'jira' ? 'Jira' : 'Bitrix24';
  return {
    kind: 'refused-value',
    field: 'title',
    to,
    code: 'invisibleTitle',
    reason: `the title holds only characters ${side} cannot show, so ${side} keeps the title it has. Give the title visible words`,
    params: {},
  };
}

export function fitDescription(to: Side, doc: AdfDoc): { doc: AdfDoc; notices: AdjustedValue[] } {
  const fitted = docWithoutControls(doc);
  return {
    doc: fitted.doc,
    notices: fitted.changed ? [{ kind: 'adjusted-value', code: 'controlsRemoved', field: 'description', to }] : [],
  };
}

/** Why a due date cannot be written to Bitrix24, or null when it can. */
export function dueDateRefusal(date: string): RefusedValue | null {
  if (date >= B24_DATE_MIN && date <= B24_DATE_MAX) return null;
  return {
    kind: 'refused-value',
    field: 'dueDate',
    to: 'b24',
    code: 'outOfB24Range',
    reason: `${date} is outside the dates Bitrix24 can hold (${B24_DATE_MIN} to ${B24_DATE_MAX}); the task keeps its deadline. Set a due date in that range in Jira`,
    params: { date, min: B24_DATE_MIN, max: B24_DATE_MAX },
  };
}
