/**
 * hast → ADF walker. Every handler returns a *mixed* list of ADF nodes (inline and block); containers turn
 * inline runs into paragraphs (group.ts). Formatting travels down in `ctx.marks`, so an element that holds
 * blocks (BBCode happily puts a list inside [B]) still formats the text inside them.
 */
import type { AdfMark, AdfNode } from '../../adf';
import type { Element, Root, RootContent } from '../hast';

export interface Ctx {
  readonly marks: readonly AdfMark[];
  /** HTML collapses whitespace runs; BBCode keeps spaces (its newlines are already `br` elements). */
  readonly collapse: boolean;
}

export type Handler = (el: Element, ctx: Ctx, state: State) => AdfNode[];

export interface State {
  all(parent: Element | Root, ctx: Ctx): AdfNode[];
}

export interface HandlerTable {
  /** tag → handler */
  readonly handlers: Readonly<Record<string, Handler>>;
  /** Tags dropped with everything inside them (executable or invisible content). */
  readonly ignored: ReadonlySet<string>;
}

/** `marks` come from the context, which withMark keeps in canonical order. */
export function textNode(text: string, marks: readonly AdfMark[]): AdfNode {
  return marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text };
}

export function createState(table: HandlerTable): State {
  const one = (node: RootContent, ctx: Ctx, state: State): AdfNode[] => {
    if (node.type === 'text') {
      const text = ctx.collapse ? node.value.replace(/[ \t\n\r\f]+/g, ' ') : node.value;
      return text === '' ? [] : [textNode(text, ctx.marks)];
    }
    if (node.type !== 'element' || table.ignored.has(node.tagName)) return [];
    const handler = table.handlers[node.tagName];
    // Unknown elements pass through: their text is kept, the element itself has no ADF meaning.
    return handler ? handler(node, ctx, state) : state.all(node, ctx);
  };
  const state: State = {
    all(parent, ctx) {
      const out: AdfNode[] = [];
      for (const child of parent.children) {
        for (const node of one(child, ctx, state)) out.push(node);
      }
      return out;
    },
  };
  return state;
}
