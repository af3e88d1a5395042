/** Handlers for elements that only format text: each adds a mark to the context and converts its children. */
import type { AdfMark, AdfNode } from '../../../adf';
import { propString, type Element } from '../../hast';
import { adfColour } from '../colour';
import { withMark } from '../marks';
import type { Ctx, Handler, State } from '../state';
import { safeLinkHref } from '../url';

const withMarks = (ctx: Ctx, marks: readonly AdfMark[]): Ctx => ({
  ...ctx,
  marks: marks.reduce<readonly AdfMark[]>((acc, m) => withMark(acc, m), ctx.marks),
});

export const markHandler =
  (mark: AdfMark): Handler =>
  (el, ctx, state) =>
    state.all(el, withMarks(ctx, [mark]));

const MONOSPACE = /(mono|courier|consolas|menlo)/i;

/** Formatting a `style` attribute (or BBCode COLOR/FONT, which become spans) can express in ADF. */
function styleMarks(style: string): AdfMark[] {
  const marks: AdfMark[] = [];
  for (const declaration of style.split(';')) {
    const [rawName, ...rest] = declaration.split(':');
    const name = rawName?.trim().toLowerCase();
    const value = rest.join(':').trim().toLowerCase();
    if (name === 'color') {
      const color = adfColour(value);
      if (color) marks.push({ type: 'textColor', attrs: { color } });
    } else if (name === 'font-weight' && (value === 'bold' || Number(value) >= 600)) {
      marks.push({ type: 'strong' });
    } else if (name === 'font-style' && value === 'italic') {
      marks.push({ type: 'em' });
    } else if (name === 'text-decoration' || name === 'text-decoration-line') {
      if (value.includes('underline')) marks.push({ type: 'underline' });
      if (value.includes('line-through')) marks.push({ type: 'strike' });
    } else if (name === 'font-family' && MONOSPACE.test(value)) {
      marks.push({ type: 'code' });
    }
  }
  return marks;
}

export const span: Handler = (el, ctx, state) =>
  state.all(el, withMarks(ctx, styleMarks(propString(el, 'style') ?? '')));

/** `<font color face>` (old B24 HTML). */
export const font: Handler = (el, ctx, state) => {
  const marks = styleMarks(propString(el, 'style') ?? '');
  const color = adfColour(propString(el, 'color') ?? '');
  if (color) marks.push({ type: 'textColor', attrs: { color } });
  if (MONOSPACE.test(propString(el, 'face') ?? '')) marks.push({ type: 'code' });
  return state.all(el, withMarks(ctx, marks));
};

/** A link keeps its text even when its target is unsafe; a link without content shows its URL. */
export const anchor: Handler = (el: Element, ctx: Ctx, state: State): AdfNode[] => {
  const href = safeLinkHref(propString(el, 'href'));
  if (!href) return state.all(el, ctx);
  const inner = withMarks(ctx, [{ type: 'link', attrs: { href } }]);
  const content = state.all(el, inner);
  return content.length > 0 ? content : state.all({ ...el, children: [{ type: 'text', value: href }] }, inner);
};

export const subsup = (type: 'sub' | 'sup'): Handler => markHandler({ type: 'subsup', attrs: { type } });
