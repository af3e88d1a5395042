/** ul/ol/li → bulletList/orderedList/listItem. Stray content between items joins the previous item. */
import type { AdfNode } from '../../../adf';
import { propString, type Element, type ElementContent } from '../../hast';
import { listItemContent } from '../fit';
import { toBlocks } from '../group';
import type { Ctx, Handler, State } from '../state';

function itemGroups(el: Element): ElementContent[][] {
  const groups: ElementContent[][] = [];
  for (const child of el.children) {
    const isItem = child.type === 'element' && child.tagName === 'li';
    if (isItem) groups.push(child.children);
    else if (child.type === 'text' && child.value.trim() === '') continue;
    else if (groups.length > 0) groups[groups.length - 1]?.push(child);
    else groups.push([child]);
  }
  return groups;
}

function listItem(children: ElementContent[], ctx: Ctx, state: State): AdfNode {
  const mixed = state.all({ type: 'element', tagName: 'li', properties: {}, children }, ctx);
  return { type: 'listItem', content: listItemContent(toBlocks(mixed, ctx.collapse)) };
}

export const list =
  (ordered: boolean): Handler =>
  (el, ctx, state) => {
    const items = itemGroups(el).map((children) => listItem(children, ctx, state));
    if (items.length === 0) return [];
    if (!ordered) return [{ type: 'bulletList', content: items }];
    const start = Number.parseInt(propString(el, 'start') ?? '', 10);
    const node: AdfNode = { type: 'orderedList', content: items };
    if (Number.isFinite(start) && start >= 0 && start !== 1) node.attrs = { order: start };
    return [node];
  };

/** An `li` outside any list still reads as a list item. */
export const looseItem: Handler = (el, ctx, state) => [
  { type: 'bulletList', content: [listItem(el.children, ctx, state)] },
];
