/**
 * One table line: where its cells are. `||` opens a header cell and `|` a body cell; a `|` inside a link, a
 * `{{monospace}}` run or after a backslash separates nothing. A row whose last cell is not closed continues on
 * the next line (Jira joins the lines with a break).
 */
import type { ScannedLine } from './scan';

export interface CellRange {
  readonly header: boolean;
  readonly from: number;
  readonly to: number;
}

export interface RowRanges {
  /** Text before the first `|` (a continuation of the previous line's last cell). */
  readonly lead: { readonly from: number; readonly to: number };
  readonly cells: CellRange[];
  /** False when the line ends inside a cell. */
  readonly closed: boolean;
}

function skipOver(line: ScannedLine, i: number): number {
  const { text } = line;
  if (text[i] === '\\') return i + 2;
  if (text[i] === '[') {
    const close = line.nextClose(i + 1);
    return close === -1 ? i + 1 : close + 1;
  }
  if (text[i] === '{' && text[i + 1] === '{') {
    const close = line.nextBraces(i + 2);
    return close === -1 ? i + 1 : close + 2;
  }
  return i + 1;
}

export function rowRanges(line: ScannedLine): RowRanges {
  const { text } = line;
  const bounds: { at: number; header: boolean; end: number }[] = [];
  for (let i = 0; i < text.length;) {
    if (text[i] === '|') {
      const header = text[i + 1] === '|';
      bounds.push({ at: i, header, end: i + (header ? 2 : 1) });
      i += header ? 2 : 1;
    } else {
      i = skipOver(line, i);
    }
  }
  const first = bounds[0];
  const lead = { from: 0, to: first ? first.at : text.length };
  const cells: CellRange[] = [];
  bounds.forEach((b, k) => {
    const next = bounds[k + 1];
    cells.push({ header: b.header, from: b.end, to: next ? next.at : text.length });
  });
  const last = cells[cells.length - 1];
  const closed = last !== undefined && text.slice(last.from, last.to).trim() === '';
  if (closed) cells.pop();
  return { lead, cells, closed };
}
