/**
 * The BBCode tags of Bitrix24 task descriptions and comments, and what each becomes in the middle tree.
 * Anything not listed here is not a tag: it stays literal text.
 */
import { hElement, hText, type Element, type ElementContent } from '../hast';

export type TagKind = 'inline' | 'block' | 'void' | 'raw';

export interface TagSpec {
  readonly kind: TagKind;
  /** The element the tag opens (for `raw` tags, built from the raw content instead). */
  build(attr: string, raw: string): Element | ElementContent;
}

const unquote = (attr: string): string =>
  attr
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim();

const simple = (kind: TagKind, tagName: string): TagSpec => ({ kind, build: () => hElement(tagName) });

/** `[USER=503 REPLACE]` → 503; `[DISK FILE ID=n123]` → n123. */
const firstWord = (attr: string): string => unquote(attr).split(/\s+/)[0] ?? '';

export const TAGS: Readonly<Record<string, TagSpec>> = {
  B: simple('inline', 'strong'),
  I: simple('inline', 'em'),
  U: simple('inline', 'u'),
  S: simple('inline', 's'),
  COLOR: { kind: 'inline', build: (attr) => hElement('span', { style: `color:${unquote(attr)}` }) },
  FONT: { kind: 'inline', build: (attr) => hElement('span', { style: `font-family:${unquote(attr)}` }) },
  SIZE: simple('inline', 'span'),
  URL: {
    kind: 'inline',
    build: (attr, raw) =>
      unquote(attr) === '' ? hElement('a', { href: raw.trim() }, [hText(raw)]) : hElement('a', { href: unquote(attr) }),
  },
  USER: { kind: 'inline', build: (attr) => hElement('b24-user', { dataUserId: firstWord(attr) }) },
  P: simple('block', 'p'),
  LEFT: simple('block', 'div'),
  CENTER: simple('block', 'div'),
  RIGHT: simple('block', 'div'),
  JUSTIFY: simple('block', 'div'),
  QUOTE: simple('block', 'blockquote'),
  LIST: { kind: 'block', build: (attr) => hElement(unquote(attr) === '' ? 'ul' : 'ol') },
  '*': simple('block', 'li'),
  TABLE: simple('block', 'table'),
  TR: simple('block', 'tr'),
  TD: simple('block', 'td'),
  TH: simple('block', 'th'),
  BR: simple('void', 'br'),
  DISK: { kind: 'void', build: (attr) => hText(`📎 file ${/ID=\s*(\w+)/i.exec(attr)?.[1] ?? firstWord(attr)}`) },
  CODE: { kind: 'raw', build: (_attr, raw) => hElement('pre', {}, [hElement('code', {}, [hText(raw)])]) },
  IMG: { kind: 'raw', build: (_attr, raw) => hElement('img', { src: raw.trim() }) },
};

/** URL is raw only in its `[URL]address[/URL]` form. */
export function kindOf(name: string, attr: string): TagKind | undefined {
  if (name === 'URL' && unquote(attr) === '') return 'raw';
  return TAGS[name]?.kind;
}
