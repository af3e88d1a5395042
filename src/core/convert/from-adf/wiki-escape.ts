/**
 * Escaping for the wiki writer: a character is written with a backslash wherever Jira's wiki reader (and ours)
 * could take it for markup, judged on the plain text of the line and only where its neighbours are certain
 * (inside the same text node; across nodes a delimiter may stand between). A backslash that would escape the
 * next character is written `&#92;`, since `\\` is a line break in wiki.
 */
import { emoticonAt } from '../wiki/emoticons';
import { isEscapable, isSpace, isWordChar } from '../wiki/scan';

const MARK_CHARS = new Set(['*', '_', '+', '^', '~', '-']);
const ALWAYS = new Set(['[', ']', '{', '}', '|']);

/** The line's plain text and the span [from, to) of the node being escaped. */
export interface EscapeSpan {
  readonly plain: string;
  readonly from: number;
  readonly to: number;
  /** Whether the end of `plain` ends a physical line (not a `\\` break with more markup after it). */
  readonly lineEnds?: boolean;
}

/**
 * Whether an emoticon starts at `k`. Read inside the node only: what follows the node in the output may be a
 * delimiter, so an emoticon ending at the node's end counts as one.
 */
function emoticonNear(plain: string, k: number, to: number): boolean {
  const window = plain.slice(k, Math.min(to, k + 10));
  return emoticonAt(window, 0, window.length) !== undefined;
}

function escapeAt(c: string, k: number, { plain, from, to, lineEnds = true }: EscapeSpan): string {
  const prev = k > from ? plain[k - 1] : undefined;
  const next = k + 1 < to ? plain[k + 1] : undefined;
  if (ALWAYS.has(c)) return `\\${c}`;
  if (MARK_CHARS.has(c)) {
    // Between two letters or two spaces a mark character can neither open nor close; a dash next to a dash is
    // a dash to every reader.
    const safe =
      (isWordChar(prev) && isWordChar(next)) ||
      (isSpace(prev) && isSpace(next)) ||
      (c === '-' && (prev === '-' || next === '-'));
    return safe ? c : `\\${c}`;
  }
  switch (c) {
    // At a node's start a `#` may follow a delimiter at the line's start (`*# x*` reads as a list marker run).
    case '#':
      return prev === undefined ? '\\#' : c;
    case '?':
      return plain[k - 1] === '?' || plain[k + 1] === '?' ? '\\?' : c;
    case '!':
      return isSpace(next) || (lineEnds && k === plain.length - 1) ? c : '\\!';
    case '\\':
      return next === undefined || next === '\\' || isEscapable(next) ? '&#92;' : c;
    case '&':
      return /^&#\d{1,7};/.test(plain.slice(k, k + 10)) ? '\\&' : c;
    case ':':
      if (plain.startsWith('//', k + 1)) return '\\:';
      return next === undefined || emoticonNear(plain, k, to) ? '\\:' : c;
    case ';':
    case '(':
      return next === undefined || emoticonNear(plain, k, to) ? `\\${c}` : c;
    default:
      return c;
  }
}

export function escapeWikiText(span: EscapeSpan): string {
  let out = '';
  for (let k = span.from; k < span.to; k++) out += escapeAt(span.plain[k] as string, k, span);
  return out;
}

/**
 * Text read as plain text by the reader (inside `{{…}}`, a file name): a backslash escapes only `special`, and
 * `\` and `&#…;` are written so they read back as themselves.
 */
function escapeRaw(text: string, special: ReadonlySet<string>): string {
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k] as string;
    const next = text[k + 1];
    if (special.has(c)) out += `\\${c}`;
    else if (c === '\\') out += next === undefined || next === '\\' || isEscapable(next) ? '&#92;' : c;
    else if (c === '&' && /^&#\d{1,7};/.test(text.slice(k, k + 10))) out += '\\&';
    else out += c;
  }
  return out;
}

const MONOSPACE = new Set(['{', '}']);
/** Inside a link label a `]` or `|` would end the label. */
const MONOSPACE_IN_LINK = new Set(['{', '}', ']', '|']);
const FILE_NAME = new Set(['!', '|', ']', '[']);

export const escapeMonospace = (text: string, inLink: boolean): string =>
  escapeRaw(text, inLink ? MONOSPACE_IN_LINK : MONOSPACE);

export const escapeFileName = (name: string): string => escapeRaw(name.replace(/\n/g, ' '), FILE_NAME);

/** Line starts that would read as a list, heading, quote or table: the marker is escaped. */
export function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)(?=(?:[*#]+|-)\s)/, '$1\\')
    .replace(/^(\s*)(?=-{4,}\s*$)/, '$1\\')
    .replace(/^(\s*(?:h[1-6]|bq))\./, '$1\\.');
}

/** A URL as it may stand in `[text|url]` or `!url!`: characters that would end or split it are percent-encoded. */
export function wikiUrl(url: string): string {
  return url.replace(
    /[\u0000-\u0020\u007f-\u009f[\]|{}!\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
