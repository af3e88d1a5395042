/** Handlers for block elements: paragraphs and generic containers, headings, quotes, code, rules, images. */
import type { AdfNode } from '../../../adf';
import { hastText, propString, type Element } from '../../hast';
import { fitBlocks } from '../fit';
import { isInline, toBlocks, trimInline } from '../group';
import { textNode, type Ctx, type Handler } from '../state';
import { safeImageSrc } from '../url';

/** p, div and friends: their inline runs become paragraphs, nested blocks pass through. */
export const container: Handler = (el, ctx, state) => toBlocks(state.all(el, ctx), ctx.collapse);

export const heading =
  (level: number): Handler =>
  (el, ctx, state) => {
    const mixed = state.all(el, ctx);
    const content = trimInline(mixed.filter(isInline), ctx.collapse);
    const head: AdfNode[] = content.length > 0 ? [{ type: 'heading', attrs: { level }, content }] : [];
    return [
      ...head,
      ...toBlocks(
        mixed.filter((n) => !isInline(n)),
        ctx.collapse,
      ),
    ];
  };

export const blockquote: Handler = (el, ctx, state) => {
  const content = fitBlocks(toBlocks(state.all(el, ctx), ctx.collapse), 'blockquote');
  return content.length > 0 ? [{ type: 'blockquote', content }] : [];
};

function languageOf(el: Element): string | undefined {
  const classes = [
    propString(el, 'className'),
    ...el.children.map((c) => (c.type === 'element' ? propString(c, 'className') : undefined)),
  ].join(' ');
  return /(?:^|\s)lang(?:uage)?-([\w+#.-]+)/.exec(classes)?.[1];
}

/** Code keeps its text exactly; ADF forbids marks inside a codeBlock, so formatting inside is dropped. */
export const pre: Handler = (el) => {
  const text = hastText(el).replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const language = languageOf(el);
  const node: AdfNode = { type: 'codeBlock' };
  if (language) node.attrs = { language };
  if (text !== '') node.content = [{ type: 'text', text }];
  return [node];
};

export const rule: Handler = () => [{ type: 'rule' }];

export const hardBreak: Handler = () => [{ type: 'hardBreak' }];

/** ADF has no inline image: an image becomes a block `mediaSingle` (external), or its alt text if unsafe. */
export const image: Handler = (el: Element, ctx: Ctx) => {
  const url = safeImageSrc(propString(el, 'src'));
  const alt = propString(el, 'alt')?.trim();
  if (!url) return alt ? [textNode(alt, ctx.marks)] : [];
  const media: AdfNode = { type: 'media', attrs: { type: 'external', url, ...(alt ? { alt } : {}) } };
  return [{ type: 'mediaSingle', attrs: { layout: 'center' }, content: [media] }];
};
