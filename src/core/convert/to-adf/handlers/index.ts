/**
 * The handler table: which hast element becomes which ADF node or mark. Tags in `ignored` are dropped with
 * their content; every other unknown tag passes through (its text is kept). See ../../README.md.
 */
import type { HandlerTable } from '../state';
import { blockquote, container, hardBreak, heading, image, pre, rule } from './blocks';
import { anchor, font, markHandler, span, subsup } from './inline';
import { list, looseItem } from './lists';
import { table } from './table';

const CONTAINERS = ['p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'center',
  'address', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'details', 'summary', 'caption'];

export const HANDLERS: HandlerTable = {
  handlers: {
    ...Object.fromEntries(CONTAINERS.map((tag) => [tag, container])),
    ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((level) => [`h${level}`, heading(level)])),
    b: markHandler({ type: 'strong' }),
    strong: markHandler({ type: 'strong' }),
    i: markHandler({ type: 'em' }),
    em: markHandler({ type: 'em' }),
    cite: markHandler({ type: 'em' }),
    u: markHandler({ type: 'underline' }),
    ins: markHandler({ type: 'underline' }),
    s: markHandler({ type: 'strike' }),
    del: markHandler({ type: 'strike' }),
    strike: markHandler({ type: 'strike' }),
    code: markHandler({ type: 'code' }),
    kbd: markHandler({ type: 'code' }),
    tt: markHandler({ type: 'code' }),
    samp: markHandler({ type: 'code' }),
    sub: subsup('sub'),
    sup: subsup('sup'),
    a: anchor,
    span,
    font,
    br: hardBreak,
    hr: rule,
    img: image,
    pre,
    blockquote,
    ul: list(false),
    ol: list(true),
    li: looseItem,
    table,
  },
  ignored: new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'head', 'title',
    'meta', 'link', 'base', 'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'frame', 'frameset',
    'applet', 'param', 'input']),
};
