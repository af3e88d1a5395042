/**
 * BBCode → tokens in one linear scan. A bracket that does not form a known tag is text. Raw tags (CODE,
 * IMG, [URL]x[/URL]) swallow everything up to their closing tag; unclosed, they are text too.
 */
import { decodeEntities } from './entities';
import { kindOf, type TagKind } from './tags';

export type Token =
  | { readonly type: 'text'; readonly value: string }
  | {
      readonly type: 'open';
      readonly name: string;
      readonly attr: string;
      readonly kind: TagKind;
      readonly raw: string;
    }
  | { readonly type: 'close'; readonly name: string; readonly source: string };

const TAG = /\[(\/?)([a-z]+|\*)((?:[= ])[^[\]]*)?\]/gi;
const closers = new Map<string, RegExp>();

function closerOf(name: string): RegExp {
  let re = closers.get(name);
  if (!re) {
    re = new RegExp(`\\[/${name}\\]`, 'gi');
    closers.set(name, re);
  }
  return re;
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const pushText = (value: string): void => {
    text += value;
  };
  const flush = (): void => {
    if (text !== '') tokens.push({ type: 'text', value: text });
    text = '';
  };
  TAG.lastIndex = 0;
  let cursor = 0;
  for (let m = TAG.exec(input); m; m = TAG.exec(input)) {
    const [whole, slash = '', rawName = '', rawAttr = ''] = m;
    const attr = rawAttr.startsWith('=') ? rawAttr.slice(1) : rawAttr;
    const name = rawName.toUpperCase();
    const kind = kindOf(name, attr);
    if (kind === undefined || (slash !== '' && (kind === 'void' || rawAttr !== ''))) continue;
    pushText(input.slice(cursor, m.index));
    cursor = m.index + whole.length;
    if (slash !== '') {
      flush();
      tokens.push({ type: 'close', name, source: whole });
      continue;
    }
    if (kind === 'raw') {
      const closer = closerOf(name);
      closer.lastIndex = cursor;
      const end = closer.exec(input);
      if (!end) {
        pushText(whole);
        continue;
      }
      flush();
      tokens.push({ type: 'open', name, attr, kind, raw: decodeEntities(input.slice(cursor, end.index)) });
      cursor = end.index + end[0].length;
      TAG.lastIndex = cursor;
      continue;
    }
    flush();
    tokens.push({ type: 'open', name, attr, kind, raw: '' });
  }
  pushText(input.slice(cursor));
  flush();
  return tokens;
}
