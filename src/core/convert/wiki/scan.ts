/**
 * Character classes of the wiki notation and the tables the inline reader asks instead of searching: which
 * characters a backslash escapes and, for every position, where the next unescaped `]`, `!`, `|` and `}}` are, so
 * `[[[[…` or `!!!!…` cannot make it quadratic. A short line is searched instead (a search costs at most its
 * length, so the line stays linear); a long one builds each table on first use, in one pass.
 */
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

export const isWordChar = (c: string | undefined): boolean => c !== undefined && c !== '' && WORD.test(c);
export const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && SPACE.test(c);

/** A backslash makes any of these literal (a backslash before a letter, digit or space is itself literal). */
export const isEscapable = (c: string | undefined): boolean =>
  c !== undefined && c !== '' && c !== '\\' && !WORD.test(c) && !SPACE.test(c);

/** `escaped[i]` = 1 when a backslash before `i` makes it literal; undefined when the line has no escape. */
function escapesOf(text: string): Uint8Array | undefined {
  const n = text.length;
  let i = text.indexOf('\\');
  if (i === -1 || i >= n - 1) return undefined;
  const escaped = new Uint8Array(n + 1);
  for (; i !== -1 && i < n - 1; i = text.indexOf('\\', i)) {
    if (isEscapable(text[i + 1])) escaped[i + 1] = 1;
    i += 2;
  }
  return escaped;
}

/** Lines up to this long are searched per question: cheaper than building a table, and still linear. */
const SEARCHED = 256;

export class ScannedLine {
  private readonly escapes: Uint8Array | undefined;
  /** Built on first use, by the character sought; only long lines have any. */
  private tables: Map<string, Int32Array> | undefined;

  constructor(readonly text: string) {
    this.escapes = escapesOf(text);
  }

  /** True when a backslash before `i` makes it literal. */
  escaped(i: number): boolean {
    return this.escapes !== undefined && this.escapes[i] === 1;
  }

  /** Next unescaped `]` at or after i (or -1). */
  nextClose(i: number): number {
    return this.next(']', false, i);
  }

  /** Next unescaped `!` at or after i (or -1). */
  nextBang(i: number): number {
    return this.next('!', false, i);
  }

  /** Next unescaped `}}` starting at or after i (or -1). */
  nextBraces(i: number): number {
    return this.next('}', true, i);
  }

  /** Next unescaped `|` at or after i (or -1). */
  nextPipe(i: number): number {
    return this.next('|', false, i);
  }

  private next(char: string, doubled: boolean, i: number): number {
    if (this.text.length <= SEARCHED) return this.search(char, doubled, i);
    this.tables ??= new Map();
    let table = this.tables.get(char);
    if (!table) {
      table = this.table(char, doubled);
      this.tables.set(char, table);
    }
    return table[i] ?? -1;
  }

  /** The next unescaped `char` (doubled, when `doubled`) at or after `from`, or -1. */
  private search(char: string, doubled: boolean, from: number): number {
    const { text } = this;
    for (let at = text.indexOf(char, from); at !== -1; at = text.indexOf(char, at + 1)) {
      if (!this.escaped(at) && (!doubled || text[at + 1] === char)) return at;
    }
    return -1;
  }

  /** For every position, the next unescaped `char` (doubled, when `doubled`) at or after it. */
  private table(char: string, doubled: boolean): Int32Array {
    const { text } = this;
    const next = new Int32Array(text.length + 1);
    let from = 0;
    for (let at = this.search(char, doubled, 0); at !== -1; at = this.search(char, doubled, at + 1)) {
      next.fill(at, from, at + 1);
      from = at + 1;
    }
    next.fill(-1, from);
    return next;
  }
}

export function scanLine(text: string): ScannedLine {
  return new ScannedLine(text);
}

const PLAIN_ESCAPE = /\\(.)|&#(\d{1,7});/gsu;

function codePoint(digits: string, whole: string): string {
  const code = Number(digits);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
}

/**
 * Backslash escapes and numeric character references resolved, in one pass, in a stretch read as plain text
 * (monospace, link targets, file names).
 */
export function unescapeText(text: string): string {
  if (!text.includes('\\') && !text.includes('&#')) return text;
  return text.replace(PLAIN_ESCAPE, (whole, c: string | undefined, digits: string | undefined) =>
    digits !== undefined ? codePoint(digits, whole) : c !== undefined && isEscapable(c) ? c : whole,
  );
}

/** A URL scheme, read as browsers do (control characters and spaces inside it ignored). */
export function hasScheme(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
}
