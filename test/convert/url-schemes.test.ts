/**
 * Only `http`, `https` and `mailto` URLs cross, from every place ADF carries one (link marks,
 * inline/block/embed cards, external media), and each is escaped for the syntax it lands in. The checks read the
 * output the way the other side does: every `[URL=…]`, `[URL]…[/URL]` and `[IMG]…[/IMG]` of the BBCode, every
 * `href`/`src` of the HTML after an HTML5 parse.
 */
import fc from 'fast-check';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { AdfNode } from '../../src/core/adf';
import { adfToBbcode, adfToHtml, bbcodeToAdf, htmlToAdf, type AdfDoc } from '../../src/core/convert';

const RUNS = { seed: 10_007, numRuns: 300 };
const SAFE = /^(https?:|mailto:)/i;

/** What a browser makes of an address before it looks at the scheme: entities decoded, controls gone. */
const asBrowserReads = (url: string): string =>
  url
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '');

const scheme = fc.constantFrom(
  'javascript',
  'JavaScript',
  'vbscript',
  'data',
  'file',
  'tel',
  'ftp',
  'blob',
  'http',
  'https',
  'mailto',
  'HTTPS',
  'jav\tascript',
  'java\u0000script',
  ' javascript',
  'javascript&#58;',
  'jav&#x61;script',
  '&#106;avascript',
);
const separator = fc.constantFrom(':', ':', '&colon;', '&#58;', '%3A', '');
const rest = fc.constantFrom(
  '//example.com/a',
  'alert(1)',
  '//x.test/"onmouseover="alert(1)',
  '//x.test/a]b[/URL][URL=javascript:alert(1)]c',
  "//x.test/'><script>alert(1)</script>",
  'text/html;base64,PHNjcmlwdD4=',
  'someone@example.com',
  '//x.test/a b\tc',
);
const url = fc.tuple(scheme, separator, rest).map(([s, sep, r]) => `${s}${sep}${r}`);

const text = (value: string, href?: string): AdfNode => ({
  type: 'text',
  text: value,
  ...(href === undefined ? {} : { marks: [{ type: 'link', attrs: { href } }] }),
});
const carriers: ((u: string) => AdfNode)[] = [
  (u) => ({ type: 'paragraph', content: [text('label', u)] }),
  (u) => ({ type: 'paragraph', content: [{ type: 'inlineCard', attrs: { url: u } }] }),
  (u) => ({ type: 'blockCard', attrs: { url: u } }),
  (u) => ({ type: 'embedCard', attrs: { url: u, layout: 'center' } }),
  (u) => ({
    type: 'mediaSingle',
    attrs: { layout: 'center' },
    content: [{ type: 'media', attrs: { type: 'external', url: u } }],
  }),
  (u) => ({
    type: 'mediaSingle',
    attrs: { layout: 'center' },
    content: [
      {
        type: 'media',
        attrs: { type: 'external', url: 'https://img.test/a.png' },
        marks: [{ type: 'link', attrs: { href: u } }],
      },
    ],
  }),
];
const carried = fc
  .array(fc.tuple(fc.integer({ min: 0, max: carriers.length - 1 }), url), { minLength: 1, maxLength: 4 })
  .map((pairs): AdfDoc => ({
    type: 'doc',
    version: 1,
    content: pairs.map(([i, u]) => (carriers[i] as (u: string) => AdfNode)(u)),
  }));

/** Every address the BBCode carries, as Bitrix24's parser delimits them. */
function bbcodeUrls(bbcode: string): string[] {
  const out: string[] = [];
  for (const m of bbcode.matchAll(/\[URL=([^\]]*)\]/gi)) out.push(m[1] ?? '');
  for (const m of bbcode.matchAll(/\[(URL|IMG)\]([\s\S]*?)\[\/\1\]/gi)) out.push(m[2] ?? '');
  return out;
}

/** Every href/src of the HTML as a browser parses it; an event-handler attribute or a script fails at once. */
function htmlUrls(html: string): string[] {
  const out: string[] = [];
  const walk = (node: { tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }): void => {
    expect(node.tagName).not.toBe('script');
    expect(Object.keys(node.properties ?? {}).filter((k) => /^on/i.test(k))).toEqual([]);
    for (const key of ['href', 'src']) if (typeof node.properties?.[key] === 'string') out.push(node.properties[key]);
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(unified().use(rehypeParse, { fragment: true }).parse(html));
  return out;
}

describe('URLs from Jira to Bitrix24', () => {
  it('only http, https and mailto addresses become links or images in BBCode, each inside its own tag', () => {
    fc.assert(
      fc.property(carried, (doc) => {
        const bbcode = adfToBbcode(doc);
        for (const u of bbcodeUrls(bbcode)) {
          expect(asBrowserReads(u)).toMatch(SAFE);
          // Nothing that could end the tag or leave the attribute Bitrix24 renders it into.
          expect(u).not.toMatch(/["'<>\s[\]]/);
        }
      }),
      RUNS,
    );
  });

  it('only http, https and mailto addresses become href or src in HTML, and no markup escapes the attribute', () => {
    fc.assert(
      fc.property(carried, (doc) => {
        const html = adfToHtml(doc);
        for (const u of htmlUrls(html)) expect(asBrowserReads(u)).toMatch(SAFE);
      }),
      RUNS,
    );
  });

  it('keeps a quote or bracket inside a safe address from ending [URL=…]', () => {
    const href = 'https://x.test/a"b]c[d\'e f';
    const bbcode = adfToBbcode({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [text('go', href)] }],
    });
    expect(bbcode).toBe('[URL=https://x.test/a%22b%5Dc%5Bd%27e%20f]go[/URL]');
    // And it reads back as the same link (percent-encoded).
    expect(bbcodeToAdf(bbcode).content[0]?.content?.[0]?.marks).toEqual([
      { type: 'link', attrs: { href: 'https://x.test/a%22b%5Dc%5Bd%27e%20f' } },
    ]);
  });

  it('writes an unsafe card as its address in plain text, so no text is lost and nothing is live', () => {
    const bbcode = adfToBbcode({
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'inlineCard', attrs: { url: 'javascript:alert(1)' } }] }],
    });
    expect(bbcode).toBe('javascript:alert(1)');
  });
});

describe('URLs from Bitrix24 to Jira', () => {
  it('only http, https and mailto addresses become link marks or media', () => {
    fc.assert(
      fc.property(fc.array(url, { minLength: 1, maxLength: 3 }), (urls) => {
        const bbcode = urls
          .map((u, i) => (i % 3 === 0 ? `[URL=${u}]t${i}[/URL]` : i % 3 === 1 ? `[URL]${u}[/URL]` : `[IMG]${u}[/IMG]`))
          .join(' ');
        const html = urls
          .map((u, i) => `<a href="${u.replace(/"/g, '&quot;')}">t${i}</a><img src="${u.replace(/"/g, '&quot;')}">`)
          .join('');
        for (const doc of [bbcodeToAdf(bbcode), htmlToAdf(html)]) {
          const found = [...JSON.stringify(doc).matchAll(/"(?:href|url)":"((?:[^"\\]|\\.)*)"/g)].map(
            (m) => JSON.parse(`"${m[1] ?? ''}"`) as string,
          );
          for (const u of found) expect(asBrowserReads(u)).toMatch(SAFE);
        }
      }),
      RUNS,
    );
  });
});
