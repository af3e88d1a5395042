/**
 * The bracketed atoms of a wiki line: `[text|target]` links, `[~user]` mentions, `[^file]` attachments and
 * `!image!`. People and files are resolved by the caller (options); a target that is neither a safe URL nor
 * resolved stays readable text. Unsafe schemes (`javascript:`, `data:`, …) keep their text and lose the link.
 */
import { hElement, hText, type ElementContent } from '../hast';
import { safeImageSrc, safeLinkHref } from '../to-adf/url';
import type { WikiToAdfOptions } from './options';
import { hasScheme, isSpace, unescapeText, type ScannedLine } from './scan';

export interface InlineEnv {
  readonly options: WikiToAdfOptions;
}

export interface Atom {
  readonly nodes: ElementContent[];
  readonly next: number;
}

type ReadRange = (from: number, to: number) => ElementContent[];

const ATTACHMENT_MARK = '📎';

function mention(name: string, env: InlineEnv, label?: ElementContent[]): ElementContent[] {
  const person = name === '' ? undefined : env.options.mention?.(name);
  if (person) return [hElement('wiki-mention', { id: person.id, text: person.text ?? `@${name}` })];
  return label ?? [hText(`@${name}`)];
}

function attachment(file: string, env: InlineEnv, inline: boolean, label?: ElementContent[]): ElementContent[] {
  const target = file === '' ? undefined : env.options.attachment?.(file);
  if (target?.type === 'file') {
    return [
      hElement('wiki-media', { id: target.id, collection: target.collection, alt: file, group: inline ? 'group' : '' }),
    ];
  }
  const href = target?.type === 'link' ? safeLinkHref(target.url) : undefined;
  if (href) return [hElement('a', { href }, label ?? [hText(file)])];
  return label ?? [hText(`${ATTACHMENT_MARK} ${file}`)];
}

/**
 * Links and images longer than this are text: real ones are far shorter, and the cap keeps a line of ten thousand
 * `[` from costing ten thousand scans of the rest of the line.
 */
const MAX_ATOM = 2048;

/** The first unescaped `|` in [from, to), or -1. */
function pipeIn(line: ScannedLine, from: number, to: number): number {
  const at = line.nextPipe(from);
  return at !== -1 && at < to ? at : -1;
}

function link(
  line: ScannedLine,
  open: number,
  close: number,
  env: InlineEnv,
  read: ReadRange,
): ElementContent[] | undefined {
  const pipe = pipeIn(line, open + 1, close);
  const label = pipe === -1 ? undefined : read(open + 1, pipe);
  const from = pipe === -1 ? open + 1 : pipe + 1;
  const tooltip = pipeIn(line, from, close);
  const target = unescapeText(line.text.slice(from, tooltip === -1 ? close : tooltip)).trim();
  if (target === '') return undefined;
  if (target.startsWith('~')) return mention(target.slice(1).trim(), env, label);
  if (target.startsWith('^')) return attachment(target.slice(1).trim(), env, pipe === -1, label);
  // Anchors point into a page that does not exist on the other side: the text stays, the link goes.
  if (target.startsWith('#')) return label ?? [hText(target)];
  const href = safeLinkHref(target);
  if (href) return [hElement('a', { href }, label ?? [hText(target)])];
  if (hasScheme(target)) return label ?? [hText(target)];
  return undefined;
}

function image(line: ScannedLine, open: number, close: number, env: InlineEnv): ElementContent[] | undefined {
  const [rawSource = ''] = line.text.slice(open + 1, close).split('|');
  const source = unescapeText(rawSource).trim();
  if (source === '') return undefined;
  const src = safeImageSrc(source);
  if (src) return [hElement('img', { src })];
  if (hasScheme(source)) return [hText(source)];
  return attachment(source, env, false);
}

export function atomAt(line: ScannedLine, at: number, end: number, env: InlineEnv, read: ReadRange): Atom | undefined {
  const { text } = line;
  if (text[at] === '[') {
    const close = line.nextClose(at + 1);
    if (close === -1 || close >= end || close - at > MAX_ATOM) return undefined;
    const nodes = link(line, at, close, env, read);
    return nodes ? { nodes, next: close + 1 } : undefined;
  }
  const close = line.nextBang(at + 1);
  if (
    close === -1 ||
    close >= end ||
    close - at > MAX_ATOM ||
    close === at + 1 ||
    isSpace(text[at + 1]) ||
    isSpace(text[close - 1])
  )
    return undefined;
  const nodes = image(line, at, close, env);
  return nodes ? { nodes, next: close + 1 } : undefined;
}
