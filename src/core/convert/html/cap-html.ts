/**
 * rehype-parse builds its tree recursively (hast-util-from-parse5), so HTML nested a few thousand levels deep
 * overflows the stack before we ever see the tree. One linear scan first drops the tags of elements nested past
 * MAX_HTML_NESTING (their text stays; each dropped opening tag's closing tag is dropped with it), so the parser
 * only ever sees a bounded depth. Elements that close themselves (`p`, `li`, `td`, …) and void ones are not
 * counted: they cannot nest directly, so ordinary documents never come near the cap. Raw-text content (scripts)
 * may be miscounted; that only costs formatting after it, never text.
 */
const MAX_HTML_NESTING = 200;

const UNCOUNTED = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'rb',
  'rt',
  'rp',
  'colgroup',
  'caption',
]);

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w:-]*)(?:\s[^>]*)?(\/?)>/g;

export function capHtmlNesting(html: string, max: number = MAX_HTML_NESTING): string {
  if (!html.includes('<')) return html;
  const open: string[] = [];
  const dropped = new Map<string, number>();
  let out = '';
  let cursor = 0;
  for (const m of html.matchAll(TAG)) {
    const [whole, slash, rawName, selfClosing] = m;
    const name = rawName?.toLowerCase();
    if (name === undefined || UNCOUNTED.has(name) || selfClosing === '/') continue;
    let keep = true;
    if (slash === '') {
      if (open.length >= max) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        keep = false;
      } else open.push(name);
    } else if ((dropped.get(name) ?? 0) > 0) {
      dropped.set(name, (dropped.get(name) ?? 0) - 1);
      keep = false;
    } else {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
    }
    if (!keep) {
      out += html.slice(cursor, m.index);
      cursor = (m.index ?? 0) + whole.length;
    }
  }
  return cursor === 0 ? html : out + html.slice(cursor);
}
