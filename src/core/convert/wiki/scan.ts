/**
 * Character classes of the wiki notation and one linear pre-pass per line: which characters a backslash escapes
 * and, for every position, where the next unescaped `]`, `!` and `}}` are. The inline reader asks these tables
 * instead of searching, so `[[[[…` or `!!!!…` cannot make it quadratic.
 */
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

export const isWordChar = (c: string | undefined): boolean => c !== undefined && c !== '' && WORD.test(c);
export const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && SPACE.test(c);

/** A backslash makes any of these literal (a backslash before a letter, digit or space is itself literal). */
export const isEscapable = (c: string | undefined): boolean =>
  c !== undefined && c !== '' && c !== '\\' && !WORD.test(c) && !SPACE.test(c);

export interface ScannedLine {
  readonly text: string;
  /** `escaped[i]` = 1 when a backslash before `i` makes it literal. */
  readonly escaped: Uint8Array;
  /** Next unescaped `]` at or after i (or -1). */
  readonly nextClose: Int32Array;
  /** Next unescaped `!` at or after i (or -1). */
  readonly nextBang: Int32Array;
  /** Next unescaped `}}` starting at or after i (or -1). */
  readonly nextBraces: Int32Array;
  /** Next unescaped `|` at or after i (or -1). */
  readonly nextPipe: Int32Array;
}

const CLOSE = 93; // ]
const BANG = 33; // !
const BRACE = 125; // }
const PIPE = 124; // |

export function scanLine(text: string): ScannedLine {
  const n = text.length;
  const escaped = new Uint8Array(n + 1);
  for (let i = text.indexOf('\\'); i !== -1 && i < n - 1; i = text.indexOf('\\', i)) {
    if (isEscapable(text[i + 1])) escaped[i + 1] = 1;
    i += 2;
  }
  const nextClose = new Int32Array(n + 1);
  const nextBang = new Int32Array(n + 1);
  const nextBraces = new Int32Array(n + 1);
  const nextPipe = new Int32Array(n + 1);
  let close = -1;
  let bang = -1;
  let braces = -1;
  let pipe = -1;
  nextClose[n] = nextBang[n] = nextBraces[n] = nextPipe[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (escaped[i] === 0) {
      const c = text.charCodeAt(i);
      if (c === CLOSE) close = i;
      else if (c === BANG) bang = i;
      else if (c === PIPE) pipe = i;
      else if (c === BRACE && text.charCodeAt(i + 1) === BRACE) braces = i;
    }
    nextClose[i] = close;
    nextBang[i] = bang;
    nextBraces[i] = braces;
    nextPipe[i] = pipe;
  }
  return { text, escaped, nextClose, nextBang, nextBraces, nextPipe };
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
    (digits !== undefined ? codePoint(digits, whole) : c !== undefined && isEscapable(c) ? c : whole));
}

/** A URL scheme, read as browsers do (control characters and spaces inside it ignored). */
export function hasScheme(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target.replace(/[\u0000-\u0020\u007f-\u009f]/g, ''));
}
