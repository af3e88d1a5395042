/** table/thead/tbody/tfoot/tr/th/td → table/tableRow/tableHeader/tableCell; rows padded to a rectangle. */
import type { AdfNode } from '../../../adf';
import { propString, type Element, type ElementContent } from '../../hast';
import { emptyParagraph, fitBlocks } from '../fit';
import { toBlocks } from '../group';
import type { Ctx, Handler, State } from '../state';

const SECTIONS = new Set(['thead', 'tbody', 'tfoot']);
const CELLS = new Set(['td', 'th']);

const childElements = (el: Element): Element[] => el.children.filter((c): c is Element => c.type === 'element');

/** Rows of a table; cells written without a row (BBCode allows it) form one implicit row each run. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  let loose: Element | undefined;
  for (const c of childElements(table).flatMap((c) => (SECTIONS.has(c.tagName) ? childElements(c) : [c]))) {
    if (c.tagName === 'tr') {
      rows.push(c);
      loose = undefined;
    } else if (CELLS.has(c.tagName)) {
      if (!loose) rows.push((loose = { type: 'element', tagName: 'tr', properties: {}, children: [] }));
      loose.children.push(c);
    }
  }
  return rows;
}

function span(el: Element, name: string): number {
  const value = Number.parseInt(propString(el, name) ?? '', 10);
  return Number.isFinite(value) && value > 1 ? value : 1;
}

function cell(el: Element, ctx: Ctx, state: State): AdfNode {
  const content = fitBlocks(toBlocks(state.all(el, ctx), ctx.collapse), 'tableCell');
  const node: AdfNode = {
    type: el.tagName === 'th' ? 'tableHeader' : 'tableCell',
    content: content.length ? content : [emptyParagraph()],
  };
  const colspan = span(el, 'colSpan');
  const rowspan = span(el, 'rowSpan');
  if (colspan > 1 || rowspan > 1)
    node.attrs = { ...(colspan > 1 ? { colspan } : {}), ...(rowspan > 1 ? { rowspan } : {}) };
  return node;
}

function outsideCells(el: Element): ElementContent[] {
  return el.children.flatMap((c) => {
    if (c.type !== 'element') return [c];
    if (CELLS.has(c.tagName)) return [];
    return c.tagName === 'tr' || SECTIONS.has(c.tagName) ? outsideCells(c) : [c];
  });
}

const width = (row: AdfNode): number =>
  (row.content ?? []).reduce((sum, c) => sum + (typeof c.attrs?.colspan === 'number' ? c.attrs.colspan : 1), 0);

export const table: Handler = (el, ctx, state) => {
  const rows: AdfNode[] = rowsOf(el)
    .map((tr) =>
      childElements(tr)
        .filter((c) => CELLS.has(c.tagName))
        .map((c) => cell(c, ctx, state)),
    )
    .filter((cells) => cells.length > 0)
    .map((cells) => ({ type: 'tableRow', content: cells }));
  // Text outside cells (captions, stray text in rows) is kept as paragraphs after the table.
  const strays = toBlocks(state.all({ ...el, children: outsideCells(el) }, ctx), ctx.collapse);
  if (rows.length === 0) return strays;
  const spansRows = rows.some((r) => (r.content ?? []).some((c) => c.attrs?.rowspan !== undefined));
  if (!spansRows) {
    const max = Math.max(...rows.map(width));
    for (const row of rows) {
      for (let i = width(row); i < max; i++) row.content?.push({ type: 'tableCell', content: [emptyParagraph()] });
    }
  }
  return [{ type: 'table', content: rows }, ...strays];
};
