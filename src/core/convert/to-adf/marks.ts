/** Mark rules ADF enforces: one mark per type, and `code` combines only with `link`. */
import type { AdfMark } from '../../adf';

/** Canonical order, so equal formatting always serialises identically (stable round trips). */
const ORDER = ['link', 'em', 'strong', 'textColor', 'strike', 'subsup', 'underline', 'code'];

const rank = (mark: AdfMark): number => {
  const index = ORDER.indexOf(mark.type);
  return index === -1 ? ORDER.length : index;
};

export function sortMarks(marks: readonly AdfMark[]): AdfMark[] {
  return [...marks].sort((a, b) => rank(a) - rank(b));
}

/** The marks in effect after `mark` is applied inside `marks` (inner formatting wins over outer). */
export function withMark(marks: readonly AdfMark[], mark: AdfMark): AdfMark[] {
  const hasCode = marks.some((m) => m.type === 'code');
  if (hasCode && mark.type !== 'link') return [...marks];
  const rest = marks.filter((m) => m.type !== mark.type && (mark.type !== 'code' || m.type === 'link'));
  return sortMarks([...rest, mark]);
}

const sameMark = (a: AdfMark, b: AdfMark): boolean =>
  a === b || (a.type === b.type && JSON.stringify(a.attrs) === JSON.stringify(b.attrs));

export function sameMarks(a: readonly AdfMark[] = [], b: readonly AdfMark[] = []): boolean {
  return a === b || (a.length === b.length && a.every((mark, i) => sameMark(mark, b[i] as AdfMark)));
}

export const strong: AdfMark = { type: 'strong' };
