/**
 * ADF inline content → wiki markup, one line (between hard breaks) at a time. Marks open and close as a stack so
 * runs share their delimiters; each span is written `*x*` where Jira would read that back, else in the braced
 * form `{*}x{*}`, which reads anywhere (inside words, around spaces). Nodes wiki has no syntax for become text.
 */
import type { AdfMark, AdfNode } from '../../adf';
import { sortMarks } from '../to-adf/marks';
import { safeLinkHref } from '../to-adf/url';
import { wikiEmoticon } from '../wiki/emoticons';
import type { AdfToWikiOptions } from '../wiki/options';
import { isSpace, isWordChar } from '../wiki/scan';
import { attrString, cardUrl, dateText, emojiText, mentionName } from './degrade';
import { escapeLineStart, escapeMonospace, escapeWikiText, wikiUrl } from './wiki-escape';

type Piece =
  | { readonly kind: 'text'; readonly text: string; readonly marks: readonly AdfMark[] }
  | { readonly kind: 'atom'; readonly wiki: string };

/** An atom stands in the line's plain text as one character that is neither a letter nor a space. */
const ATOM = '\u0001';
const DELIMITER: Readonly<Record<string, string>> = { strong: '*', em: '_', strike: '-', underline: '+' };

const hrefOf = (mark: AdfMark): string | undefined =>
  safeLinkHref(typeof mark.attrs?.href === 'string' ? mark.attrs.href : undefined);

/** Marks wiki can write (an unsafe link is no link: its text stays). */
function writable(marks: readonly AdfMark[] | undefined): AdfMark[] {
  return sortMarks((marks ?? []).filter((m) => (m.type === 'link' ? hrefOf(m) !== undefined : true)));
}

const text = (value: string, marks: readonly AdfMark[] = []): Piece => ({ kind: 'text', text: value, marks });

function piece(node: AdfNode, options: AdfToWikiOptions): Piece | 'emoji' {
  switch (node.type) {
    case 'text':
      return text(node.text ?? '', writable(node.marks));
    case 'mention': {
      const id = attrString(node, 'id') ?? '';
      const name = options.mention?.({ id, text: attrString(node, 'text') });
      return name ? { kind: 'atom', wiki: `[~${name.replace(/[\]|\\]/g, '')}]` } : text(mentionName(node));
    }
    case 'emoji':
      return 'emoji';
    case 'date':
      return text(dateText(node));
    case 'status':
      return text(attrString(node, 'text') ?? '', [{ type: 'strong' }]);
    case 'inlineCard': {
      const url = cardUrl(node) ?? '';
      const href = safeLinkHref(url);
      return text(url, href ? [{ type: 'link', attrs: { href } }] : []);
    }
    default:
      return text(plain(node));
  }
}

const plain = (node: AdfNode): string => node.text ?? (node.content ?? []).map(plain).join('');

/** Inline nodes → lines of pieces (split at hard breaks and at newlines inside text). */
function linesOf(nodes: readonly AdfNode[], options: AdfToWikiOptions): Piece[][] {
  const lines: Piece[][] = [[]];
  const pending: (Piece | AdfNode)[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'hardBreak') pending.push([]);
    else if (node.type === 'text' && (node.text ?? '').includes('\n')) {
      (node.text ?? '').split('\n').forEach((part, i) => {
        if (i > 0) pending.push([]);
        if (part !== '') pending[pending.length - 1]?.push({ ...node, text: part });
      });
    } else pending[pending.length - 1]?.push(node);
  }
  lines.length = 0;
  for (const line of pending) {
    const pieces = line.map((n) => piece(n as AdfNode, options));
    lines.push(pieces.map((p, i) => (p === 'emoji' ? emojiPiece(line[i] as AdfNode, pieces[i + 1]) : p)));
  }
  return lines;
}

/** `:)` reads back only before a non-word character; elsewhere the emoji is written as its character. */
function emojiPiece(node: AdfNode, next: Piece | 'emoji' | undefined): Piece {
  const spelling = wikiEmoticon(attrString(node, 'shortName'));
  const nextChar = next === undefined || next === 'emoji' ? ATOM : next.kind === 'atom' ? ATOM : next.text[0];
  return spelling && !isWordChar(nextChar) ? { kind: 'atom', wiki: spelling } : text(emojiText(node));
}

interface Span {
  readonly mark: AdfMark;
  readonly start: number;
  end: number;
}

type Token = string | { readonly span: Span; readonly open: boolean };

function delimiters(
  span: Span,
  plainText: string,
  offsets: readonly number[],
  pieces: readonly Piece[],
): [string, string] {
  const { mark } = span;
  if (mark.type === 'code') return ['{{', '}}'];
  if (mark.type === 'textColor') return [`{color:${String(mark.attrs?.color)}}`, '{color}'];
  if (mark.type === 'link') {
    const only = pieces[span.start];
    const bare =
      span.end === span.start + 1 &&
      only?.kind === 'text' &&
      only.marks.length === 1 &&
      only.text === hrefOf(mark) &&
      wikiUrl(only.text) === only.text;
    return bare ? ['[', ']'] : ['[', `|${wikiUrl(hrefOf(mark) ?? '')}]`];
  }
  const char = mark.type === 'subsup' ? (mark.attrs?.type === 'sub' ? '~' : '^') : DELIMITER[mark.type];
  if (char === undefined) return ['', ''];
  const from = offsets[span.start] as number;
  const to = offsets[span.end] as number;
  const simple =
    !isWordChar(plainText[from - 1]) &&
    !isWordChar(plainText[to]) &&
    plainText[from - 1] !== char &&
    plainText[to] !== char &&
    plainText[from] !== char &&
    plainText[to - 1] !== char &&
    !isSpace(plainText[from]) &&
    !isSpace(plainText[to - 1]);
  return simple ? [char, char] : [`{${char}}`, `{${char}}`];
}

const markKey = (mark: AdfMark): string => JSON.stringify(mark);

/** How many pieces from `at` on carry `mark`. */
function reach(mark: AdfMark, pieces: readonly Piece[], at: number): number {
  const key = markKey(mark);
  let n = 0;
  for (let i = at; i < pieces.length; i++) {
    const p = pieces[i];
    if (p?.kind !== 'text' || !p.marks.some((m) => markKey(m) === key)) break;
    n++;
  }
  return n;
}

/** Marks that run longer open first (outside), so `*a _b_ c*` is not split; code, being literal, is innermost. */
function opening(marks: readonly AdfMark[], pieces: readonly Piece[], at: number): AdfMark[] {
  const rank = (m: AdfMark): number => (m.type === 'code' ? -1 : reach(m, pieces, at));
  return [...marks].sort((a, b) => rank(b) - rank(a));
}

function renderLine(pieces: readonly Piece[], lineEnds: boolean): string {
  const offsets: number[] = [0];
  let plainText = '';
  for (const p of pieces) {
    plainText += p.kind === 'text' ? p.text : ATOM;
    offsets.push(plainText.length);
  }
  const tokens: Token[] = [];
  const open: Span[] = [];
  const closeTo = (depth: number, at: number): void => {
    while (open.length > depth) {
      const span = open.pop() as Span;
      span.end = at;
      tokens.push({ span, open: false });
    }
  };
  pieces.forEach((p, i) => {
    const marks = p.kind === 'text' ? p.marks : [];
    const keys = new Set(marks.map(markKey));
    let common = 0;
    while (common < open.length && keys.has(markKey((open[common] as Span).mark))) common++;
    // `{{…}}` is literal inside: a mark that opens now must open outside it, so an open code span closes first.
    const codeAt = open.findIndex((span) => span.mark.type === 'code');
    if (codeAt !== -1 && codeAt < common && marks.length > common) common = codeAt;
    closeTo(common, i);
    const kept = new Set(open.map((span) => markKey(span.mark)));
    for (const mark of opening(
      marks.filter((m) => !kept.has(markKey(m))),
      pieces,
      i,
    )) {
      const span: Span = { mark, start: i, end: -1 };
      open.push(span);
      tokens.push({ span, open: true });
    }
    if (p.kind === 'atom') tokens.push(p.wiki);
    else if (marks.some((m) => m.type === 'code'))
      tokens.push(
        escapeMonospace(
          p.text,
          marks.some((m) => m.type === 'link'),
        ),
      );
    else
      tokens.push(
        escapeWikiText({ plain: plainText, from: offsets[i] as number, to: offsets[i + 1] as number, lineEnds }),
      );
  });
  closeTo(0, pieces.length);
  return tokens
    .map((t, i) => {
      if (typeof t === 'string') return t;
      const [openWith, closeWith] = delimiters(t.span, plainText, offsets, pieces);
      if (t.open && openWith === '[' && closeWith === ']') {
        tokens[i + 1] = wikiUrl(hrefOf(t.span.mark) ?? '');
      }
      return t.open ? openWith : closeWith;
    })
    .join('');
}

/**
 * Inline content as wiki. Paragraph lines are separated by newlines (and their starts escaped); in list items,
 * headings and table cells, where a newline would end the block, a hard break is written `\\`.
 */
export function inlineToWiki(nodes: readonly AdfNode[], options: AdfToWikiOptions, physicalLines: boolean): string {
  const lines = linesOf(nodes, options).map((line) => renderLine(line, physicalLines));
  return physicalLines ? lines.map(escapeLineStart).join('\n') : lines.join('\\\\');
}
