/** Test data: ADF node builders and fast-check generators of Bitrix24 BBCode and of valid ADF. */
import fc from 'fast-check';
import type { AdfDoc, AdfMark, AdfNode } from '../../src/core/adf';

export const doc = (...content: AdfNode[]): AdfDoc => ({ type: 'doc', version: 1, content });
export const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
export const text = (value: string, ...marks: AdfMark[]): AdfNode =>
  marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value };
export const strong: AdfMark = { type: 'strong' };
export const link = (href: string): AdfMark => ({ type: 'link', attrs: { href } });

const plainWord = fc.stringMatching(/^[a-zа-я0-9]{1,7}$/);
/** Words whose characters mean something in BBCode, HTML or entities: they must survive as text. */
const trickyWord = fc.constantFrom('[B]', '[/URL]', '[*]', '&amp;', '&', '<x>', '[list]', 'Привет', '🚀', '#1');
export const word = fc.oneof({ weight: 6, arbitrary: plainWord }, { weight: 1, arbitrary: trickyWord });

// ---------- Bitrix24 BBCode documents (words are alphanumeric so they can be found again) ----------

export interface BbSample {
  readonly bbcode: string;
  readonly words: readonly string[];
}

const bbWord = plainWord.map((w): BbSample => ({ bbcode: w, words: [w] }));
const join = (parts: readonly BbSample[], sep: string, open = '', close = ''): BbSample => ({
  bbcode: `${open}${parts.map((x) => x.bbcode).join(sep)}${close}`,
  words: parts.flatMap((x) => x.words),
});

const bbInline: fc.Arbitrary<BbSample> = fc.letrec<{ inline: BbSample }>((tie) => ({
  inline: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    bbWord,
    fc
      .tuple(fc.constantFrom('B', 'I', 'U', 'S'), fc.array(tie('inline'), { minLength: 1, maxLength: 3 }))
      .map(([tag, parts]) => join(parts, ' ', `[${tag}]`, `[/${tag}]`)),
    fc
      .tuple(fc.constantFrom('#ff5630', '#0747a6', '#36b37e', 'red'), tie('inline'))
      .map(([c, part]) => join([part], '', `[COLOR=${c}]`, '[/COLOR]')),
    fc.tuple(plainWord, tie('inline')).map(([w, part]) => join([part], '', `[URL=https://example.com/${w}]`, '[/URL]')),
    fc.tuple(fc.nat(999), plainWord).map(([id, name]) => ({ bbcode: `[USER=${id}]${name}[/USER]`, words: [name] })),
  ),
})).inline;

const bbLine = fc.array(bbInline, { minLength: 1, maxLength: 5 }).map((parts) => join(parts, ' '));
const bbParagraph = fc.array(bbLine, { minLength: 1, maxLength: 3 }).map((lines) => join(lines, '\n'));
const bbList = fc.tuple(fc.boolean(), fc.array(bbLine, { minLength: 1, maxLength: 4 })).map(([ordered, items]) =>
  join(
    items.map((i) => join([i], '', '[*]')),
    '\n',
    ordered ? '[LIST=1]\n' : '[LIST]\n',
    '\n[/LIST]',
  ),
);
const bbQuote = bbParagraph.map((para) => join([para], '', '[QUOTE]', '[/QUOTE]'));
const bbCode = fc
  .array(plainWord, { minLength: 1, maxLength: 6 })
  .map((ws) => ({ bbcode: `[CODE]${ws.join('\n')}[/CODE]`, words: ws }));
const bbTable = fc.integer({ min: 1, max: 3 }).chain((cols) =>
  fc.array(fc.array(bbLine, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 3 }).map((rows) =>
    join(
      rows.map((r) =>
        join(
          r.map((c) => join([c], '', '[TD]', '[/TD]')),
          '',
          '[TR]',
          '[/TR]',
        ),
      ),
      '\n',
      '[TABLE]\n',
      '\n[/TABLE]',
    ),
  ),
);
const bbBlock = fc.oneof({ weight: 4, arbitrary: bbParagraph }, bbList, bbQuote, bbCode, bbTable);

export const bbDocument = fc.array(bbBlock, { minLength: 1, maxLength: 5 }).map((blocks) => join(blocks, '\n\n'));

/** Anything at all, biased towards BBCode's and HTML's special characters. */
export const bbGarbage = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '[',
        ']',
        '[/',
        '[B]',
        '[/B]',
        '[LIST]',
        '[*]',
        '[/LIST]',
        '[TD]',
        '[TABLE]',
        '[TR]',
        '[CODE]',
        '[/QUOTE]',
        '[URL=',
        '[URL]',
        '[IMG]',
        '[USER=1]',
        '[DISK FILE ID=n1]',
        '\n',
        '\n\n',
        '&',
        '&#',
        '&#91;',
        '<',
        '>',
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

// ---------- valid ADF documents, limited to what BBCode can express ----------

const palette = fc.constantFrom('#ff5630', '#0747a6', '#36b37e', '#172b4d');
const formatMark: fc.Arbitrary<AdfMark> = fc.oneof(
  fc.constantFrom<AdfMark>({ type: 'strong' }, { type: 'em' }, { type: 'underline' }, { type: 'strike' }),
  palette.map((color): AdfMark => ({ type: 'textColor', attrs: { color } })),
  plainWord.map((w): AdfMark => ({ type: 'link', attrs: { href: `https://example.com/${w}` } })),
);
const marks = fc.oneof(
  { weight: 5, arbitrary: fc.uniqueArray(formatMark, { maxLength: 3, selector: (m) => m.type }) },
  fc.boolean().map((withLink): AdfMark[] => [{ type: 'code' }, ...(withLink ? [link('https://example.com/c')] : [])]),
);
const textRun = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), marks)
  .map(([ws, ms]) => text(ws.join(' '), ...ms));
const line = fc
  .array(textRun, { minLength: 1, maxLength: 4 })
  .map((runs) => runs.flatMap((r, i) => (i === 0 ? [r] : [text(' '), r])));
const paragraph = fc
  .array(line, { minLength: 1, maxLength: 3 })
  .map((lines) => p(...lines.flatMap((l, i) => (i === 0 ? l : [{ type: 'hardBreak' }, ...l]))));

/** Bullet or ordered lists of 1–3 items of `paragraph`, each item holding at most one nested list (up to `depth`). */
export function listsOf(paragraph: fc.Arbitrary<AdfNode>): fc.Memo<AdfNode> {
  const list: fc.Memo<AdfNode> = fc.memo((depth) =>
    fc
      .tuple(
        fc.boolean(),
        fc.array(
          fc.tuple(paragraph, depth > 1 ? fc.option(list(depth - 1), { nil: undefined }) : fc.constant(undefined)),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([ordered, items]) => ({
        type: ordered ? 'orderedList' : 'bulletList',
        content: items.map(([para, sub]) => ({ type: 'listItem', content: sub ? [para, sub] : [para] })),
      })),
  );
  return list;
}

const list = listsOf(paragraph);
const codeBlock = fc
  .array(word, { minLength: 1, maxLength: 5 })
  .map((ws): AdfNode => ({ type: 'codeBlock', content: [text(`${ws.join('\n')} [/CODE] &lt;`)] }));
const blockquote = fc
  .array(fc.oneof(paragraph, list(1)), { minLength: 1, maxLength: 2 })
  .map((content): AdfNode => ({ type: 'blockquote', content }));
const table = fc.integer({ min: 1, max: 3 }).chain((cols) =>
  fc
    .array(fc.array(paragraph, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 3 })
    .map((rows): AdfNode => ({
      type: 'table',
      content: rows.map((cells, r) => ({
        type: 'tableRow',
        content: cells.map((c) => ({ type: r === 0 ? 'tableHeader' : 'tableCell', content: [c] })),
      })),
    })),
);
const image = plainWord.map((w): AdfNode => ({
  type: 'mediaSingle',
  attrs: { layout: 'center' },
  content: [{ type: 'media', attrs: { type: 'external', url: `https://img.example/${w}.png` } }],
}));

export const expressibleAdf = fc
  .array(fc.oneof({ weight: 4, arbitrary: paragraph }, list(2), codeBlock, blockquote, table, image), {
    minLength: 1,
    maxLength: 5,
  })
  .map((content) => doc(...content));

// ---------- valid ADF with the nodes BBCode cannot express (they must degrade, keeping their text) ----------

const richInline = fc.oneof(
  textRun,
  plainWord.map((w): AdfNode => ({ type: 'mention', attrs: { id: `acc-${w}`, text: `@${w}` } })),
  fc.constantFrom<AdfNode>({ type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } }),
  plainWord.map((w): AdfNode => ({ type: 'status', attrs: { text: w, color: 'blue' } })),
  fc.integer({ min: 0, max: 4102444800000 }).map((ms): AdfNode => ({ type: 'date', attrs: { timestamp: String(ms) } })),
  plainWord.map((w): AdfNode => ({ type: 'inlineCard', attrs: { url: `https://example.com/${w}` } })),
  fc.constantFrom<AdfNode>(text('x', { type: 'subsup', attrs: { type: 'sup' } })),
);
const richParagraph = fc
  .array(richInline, { minLength: 1, maxLength: 4 })
  .map((runs) => p(...runs.flatMap((r, i) => (i === 0 ? [r] : [text(' '), r]))));
const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), textRun)
  .map(([level, t]): AdfNode => ({ type: 'heading', attrs: { level }, content: [t] }));
const panel = fc
  .array(fc.oneof(richParagraph, heading), { minLength: 1, maxLength: 2 })
  .map((content): AdfNode => ({ type: 'panel', attrs: { panelType: 'info' }, content }));
const expand = fc
  .tuple(plainWord, richParagraph)
  .map(([title, para]): AdfNode => ({ type: 'expand', attrs: { title }, content: [para] }));
const tasks = fc.array(fc.tuple(textRun, fc.boolean()), { minLength: 1, maxLength: 3 }).map((items): AdfNode => ({
  type: 'taskList',
  attrs: { localId: 'tl' },
  content: items.map(([t, done], i) => ({
    type: 'taskItem',
    attrs: { localId: `t${i}`, state: done ? 'DONE' : 'TODO' },
    content: [t],
  })),
}));
const decisions = textRun.map((t): AdfNode => ({
  type: 'decisionList',
  attrs: { localId: 'dl' },
  content: [{ type: 'decisionItem', attrs: { localId: 'd', state: 'DECIDED' }, content: [t] }],
}));
const fileMedia = plainWord.map((w): AdfNode => ({
  type: 'mediaSingle',
  attrs: { layout: 'center' },
  content: [{ type: 'media', attrs: { type: 'file', id: w, collection: 'c', alt: `${w}.pdf` } }],
}));

export const anyAdf = fc
  .array(
    fc.oneof(
      richParagraph,
      heading,
      panel,
      expand,
      tasks,
      decisions,
      fileMedia,
      fc.constant<AdfNode>({ type: 'rule' }),
      codeBlock,
      list(2),
      table,
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((content) => doc(...content));

// ---------- HTML tag soup: every handled tag, nested at random, often malformed ----------

const htmlTags = [
  'p',
  'div',
  'span',
  'b',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'code',
  'pre',
  'h1',
  'h3',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'table',
  'thead',
  'tr',
  'th',
  'td',
  'a',
  'font',
  'em',
  'strong',
  'del',
  'section',
  'custom-x',
];
export const htmlSoup = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: plainWord.map((w) => ` ${w} `) },
      fc
        .constantFrom(...htmlTags)
        .map((t) => `<${t}${t === 'a' ? ' href="https://x.example"' : t === 'span' ? ' style="color:red"' : ''}>`),
      fc.constantFrom(...htmlTags).map((t) => `</${t}>`),
      fc.constantFrom('<br>', '<hr>', '<img src="https://i.example/a.png">', '&nbsp;', '&amp;', '<script>x</script>'),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
