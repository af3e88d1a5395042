/**
 * One line of wiki text → hast inline content, in one pass with a stack of open marks (like the BBCode tree
 * builder). A mark character opens where Jira's renderer would start one (after a non-word character, before a
 * non-space) and closes the nearest open mark of its kind (after a non-space, before a non-word character); the
 * `{*}…{*}` form opens and closes anywhere. A mark left open at the end of the line was text all along: its
 * delimiter goes back in as a literal. A kind is open at most once, so the stack never holds more than ten frames.
 */
import { hElement, hText, type ElementContent } from '../hast';
import { atomAt, type InlineEnv } from './atoms';
import { emoticonAt } from './emoticons';
import { isEscapable, isSpace, isWordChar, unescapeText, type ScannedLine } from './scan';

type Kind = 'strong' | 'em' | 's' | 'u' | 'sup' | 'sub' | 'cite' | 'color';

const SIMPLE: Readonly<Record<string, Kind>> = { '*': 'strong', _: 'em', '-': 's', '+': 'u', '^': 'sup', '~': 'sub' };
const BRACED = /\{([*_+^~-]|\?\?)\}/y;
const COLOUR_OPEN = /\{colou?r:([^}]{1,40})\}/y;
const COLOUR_CLOSE = /\{colou?r\}/y;
const ENTITY = /&#(\d{1,7});/y;
const AUTOLINK = /https?:\/\/[^\s[\]|!{}<>"]+/iy;
/** Characters that may start something; everything between them is copied in one slice. */
const INTERESTING = /[\\&{}*_+^~?[\]!:;(-]|https?:\/\//gi;

interface Frame {
  readonly kind: Kind | 'root';
  readonly source: string;
  readonly children: ElementContent[];
  readonly colour?: string;
}

function element(frame: Frame): ElementContent {
  switch (frame.kind) {
    case 'color':
      return hElement('span', { style: `color:${frame.colour ?? ''}` }, frame.children);
    case 'root':
      return hElement('span', {}, frame.children);
    default:
      return hElement(frame.kind, {}, frame.children);
  }
}

class InlineReader {
  private readonly stack: Frame[] = [{ kind: 'root', source: '', children: [] }];
  private buffer = '';

  constructor(
    private readonly line: ScannedLine,
    private readonly env: InlineEnv,
  ) {}

  private get top(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private flush(): void {
    if (this.buffer !== '') this.top.children.push(hText(this.buffer));
    this.buffer = '';
  }

  private push(...nodes: ElementContent[]): void {
    this.flush();
    this.top.children.push(...nodes);
  }

  private indexOf(kind: Kind): number {
    for (let i = this.stack.length - 1; i > 0; i--) if ((this.stack[i] as Frame).kind === kind) return i;
    return -1;
  }

  /** Frames above `depth` were never closed: their delimiters are text. */
  private revertTo(depth: number): void {
    this.flush();
    while (this.stack.length > depth) {
      const frame = this.stack.pop() as Frame;
      this.top.children.push(hText(frame.source), ...frame.children);
    }
  }

  private open(kind: Kind, source: string, colour?: string): void {
    this.flush();
    this.stack.push({ kind, source, children: [], ...(colour === undefined ? {} : { colour }) });
  }

  private close(at: number): void {
    this.revertTo(at + 1);
    const frame = this.stack.pop() as Frame;
    this.top.children.push(element(frame));
  }

  /** A simple delimiter (`*`, `??`, …) of `length` at `i`: closes, opens or is text. */
  private delimiter(kind: Kind, i: number, length: number, end: number): void {
    const text = this.line.text;
    const before = i > 0 ? text[i - 1] : undefined;
    const after = i + length < end ? text[i + length] : undefined;
    const at = this.indexOf(kind);
    const hasContent = at !== -1 && (at < this.stack.length - 1 || this.top.children.length > 0 || this.buffer !== '');
    if (at !== -1 && hasContent && before !== undefined && !isSpace(before) && !isWordChar(after))
      return this.close(at);
    if (at === -1 && !isWordChar(before) && after !== undefined && !isSpace(after))
      return this.open(kind, text.slice(i, i + length));
    this.buffer += text.slice(i, i + length);
  }

  /** Handles what starts at `i`; returns where reading continues. */
  private special(i: number, end: number): number {
    const { text } = this.line;
    const c = text[i] as string;
    if (this.line.escaped(i)) return this.literal(i);
    if (c === '\\') {
      if (text[i + 1] === '\\' && i + 1 < end) {
        this.push(hElement('br'));
        return i + 2;
      }
      if (isEscapable(text[i + 1]) && i + 1 < end) return i + 1;
      return this.literal(i);
    }
    // `--` and `---` are dashes in Jira, never strike delimiters.
    if (c === '-' && (text[i + 1] === '-' || text[i - 1] === '-')) return this.literal(i);
    const kind = SIMPLE[c];
    if (kind) {
      this.delimiter(kind, i, 1, end);
      return i + 1;
    }
    if (c === '?' && text[i + 1] === '?' && i + 1 < end) {
      this.delimiter('cite', i, 2, end);
      return i + 2;
    }
    if (c === '{') return this.brace(i, end);
    if (c === '&') return this.entity(i);
    if (c === 'h') return this.autolink(i, end);
    if (c === ':' || c === ';' || c === '(') {
      const found = emoticonAt(text, i, end);
      if (!found) return this.literal(i);
      const { emoji } = found;
      this.push(hElement('wiki-emoji', { shortName: emoji.shortName, emojiId: emoji.id, text: emoji.text }));
      return i + found.spelling.length;
    }
    if (c === '[' || c === '!') {
      const atom = atomAt(this.line, i, end, this.env, (from, to) => readInline(this.line, from, to, this.env));
      if (!atom) return this.literal(i);
      this.push(...atom.nodes);
      return atom.next;
    }
    return this.literal(i);
  }

  private literal(i: number): number {
    this.buffer += this.line.text[i] as string;
    return i + 1;
  }

  private brace(i: number, end: number): number {
    const { text } = this.line;
    if (text[i + 1] === '{') {
      const close = this.line.nextBraces(i + 2);
      if (close > i + 2 && close + 2 <= end) {
        this.push(hElement('code', {}, [hText(unescapeText(text.slice(i + 2, close)))]));
        return close + 2;
      }
      return this.literal(i);
    }
    for (const re of [BRACED, COLOUR_OPEN, COLOUR_CLOSE]) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m || m.index + m[0].length > end) continue;
      const next = i + m[0].length;
      if (re === COLOUR_CLOSE) {
        const at = this.indexOf('color');
        if (at === -1) return this.literal(i);
        this.close(at);
      } else if (re === COLOUR_OPEN) {
        if (this.indexOf('color') !== -1) return this.literal(i);
        this.open('color', m[0], (m[1] ?? '').trim());
      } else {
        const kind = m[1] === '??' ? 'cite' : (SIMPLE[m[1] ?? ''] as Kind);
        const at = this.indexOf(kind);
        if (at === -1) this.open(kind, m[0]);
        else this.close(at);
      }
      return next;
    }
    return this.literal(i);
  }

  private entity(i: number): number {
    ENTITY.lastIndex = i;
    const m = ENTITY.exec(this.line.text);
    const code = Number(m?.[1]);
    if (!m || !(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return this.literal(i);
    this.buffer += String.fromCodePoint(code);
    return i + m[0].length;
  }

  private autolink(i: number, end: number): number {
    const { text } = this.line;
    if (isWordChar(text[i - 1])) return this.literal(i);
    AUTOLINK.lastIndex = i;
    const m = AUTOLINK.exec(text);
    if (!m) return this.literal(i);
    const url = m[0].slice(0, end - i).replace(/[.,;:?)]+$/, '');
    if (!/^https?:\/\/./i.test(url)) return this.literal(i);
    this.push(hElement('a', { href: url }, [hText(url)]));
    return i + url.length;
  }

  read(from: number, to: number): ElementContent[] {
    const { text } = this.line;
    let i = from;
    while (i < to) {
      INTERESTING.lastIndex = i;
      const m = INTERESTING.exec(text);
      const next = m && m.index < to ? m.index : to;
      if (next > i) this.buffer += text.slice(i, next);
      if (next >= to) break;
      i = this.special(next, to);
    }
    this.revertTo(1);
    return this.top.children;
  }
}

export function readInline(line: ScannedLine, from: number, to: number, env: InlineEnv): ElementContent[] {
  return new InlineReader(line, env).read(from, to);
}
