/**
 * ADF → Bitrix24 BBCode. Paragraphs are separated by a blank line, hard breaks are newlines, block tags sit
 * on their own lines. Marks are opened and closed as a stack so adjacent runs share their tags.
 */
import type { AdfDoc, AdfMark, AdfNode } from '../../adf';
import { escapeAmpersands } from '../bbcode/entities';
import { kindOf } from '../bbcode/tags';
import { bbcodeUrl, safeImageSrc, safeLinkHref } from '../to-adf/url';
import {
  cardUrl,
  dateText,
  DECISION_MARK,
  emojiText,
  EXPAND_TYPES,
  attrString,
  mediaLabel,
  mentionName,
  taskBox,
} from './degrade';
import { sortMarks } from '../to-adf/marks';

const TAG = /\[(\/?)([a-z]+|\*)([= ][^[\]]*)?\]/gi;

/** `[` that would read back as a known tag is written as a character reference. */
function escapeText(text: string): string {
  return escapeAmpersands(text).replace(TAG, (whole, _slash, name: string, attr?: string) =>
    kindOf(name.toUpperCase(), attr?.slice(1) ?? '') ? `&#91;${whole.slice(1)}` : whole,
  );
}

function openTag(mark: AdfMark): [string, string] {
  switch (mark.type) {
    case 'strong':
      return ['[B]', '[/B]'];
    case 'em':
      return ['[I]', '[/I]'];
    case 'underline':
      return ['[U]', '[/U]'];
    case 'strike':
      return ['[S]', '[/S]'];
    case 'code':
      return ['[FONT=monospace]', '[/FONT]'];
    case 'textColor':
      return [`[COLOR=${String(mark.attrs?.color)}]`, '[/COLOR]'];
    case 'link': {
      const href = safeLinkHref(typeof mark.attrs?.href === 'string' ? mark.attrs.href : undefined);
      return href ? [`[URL=${bbcodeUrl(href)}]`, '[/URL]'] : ['', ''];
    }
    default:
      return ['', ''];
  }
}

const key = (mark: AdfMark): string => JSON.stringify(mark);

function inlineAtom(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.text ?? '');
    case 'hardBreak':
      return '\n';
    case 'mention':
      return escapeText(mentionName(node));
    case 'emoji':
      return escapeText(emojiText(node));
    case 'date':
      return dateText(node);
    case 'status':
      return `[B]${escapeText(attrString(node, 'text') ?? '')}[/B]`;
    case 'inlineCard':
      return card(node);
    default:
      return escapeText(plain(node));
  }
}

const plain = (node: AdfNode): string => node.text ?? (node.content ?? []).map(plain).join('');

function inlineToBbcode(nodes: readonly AdfNode[]): string {
  let out = '';
  const open: AdfMark[] = [];
  for (const node of nodes) {
    const marks = node.type === 'text' ? sortMarks(node.marks ?? []) : [];
    let common = 0;
    while (
      common < open.length &&
      common < marks.length &&
      key(open[common] as AdfMark) === key(marks[common] as AdfMark)
    )
      common++;
    while (open.length > common) out += openTag(open.pop() as AdfMark)[1];
    for (const mark of marks.slice(common)) {
      out += openTag(mark)[0];
      open.push(mark);
    }
    out += inlineAtom(node);
  }
  while (open.length > 0) out += openTag(open.pop() as AdfMark)[1];
  return out;
}

const BLOCK_TAGGED = new Set(['bulletList', 'orderedList', 'codeBlock', 'blockquote', 'table', 'panel']);

function blocks(nodes: readonly AdfNode[]): string {
  let out = '';
  nodes.forEach((node, i) => {
    const text = block(node);
    if (text === '') return;
    const prev = nodes[i - 1];
    if (out !== '') out += BLOCK_TAGGED.has(node.type) || (prev && BLOCK_TAGGED.has(prev.type)) ? '\n' : '\n\n';
    out += text;
  });
  return out;
}

function listItems(node: AdfNode): string {
  return (node.content ?? []).map((item) => `[*]${blocks(item.content ?? [])}`).join('\n');
}

function block(node: AdfNode): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return inlineToBbcode(content);
    case 'heading':
      return `[B]${inlineToBbcode(content)}[/B]`;
    case 'bulletList':
      return `[LIST]\n${listItems(node)}\n[/LIST]`;
    case 'orderedList':
      return `[LIST=1]\n${listItems(node)}\n[/LIST]`;
    case 'codeBlock':
      return `[CODE]${escapeAmpersands(plain(node)).replace(/\[\/code\]/gi, '&#91;/CODE]')}[/CODE]`;
    case 'blockquote':
    case 'panel':
      return `[QUOTE]${blocks(content)}[/QUOTE]`;
    case 'rule':
      return '————';
    case 'table':
      return `[TABLE]\n${content.map((row) => `[TR]${(row.content ?? []).map(cell).join('')}[/TR]`).join('\n')}\n[/TABLE]`;
    case 'mediaSingle':
    case 'mediaGroup':
      return content.map(media).join('\n');
    case 'media':
      return media(node);
    case 'blockCard':
    case 'embedCard':
      return card(node);
    case 'taskList':
      return content
        .map((item) =>
          item.type === 'taskItem' ? `${taskBox(item)} ${inlineToBbcode(item.content ?? [])}` : block(item),
        )
        .join('\n');
    case 'decisionList':
      return content.map((item) => `${DECISION_MARK} ${inlineToBbcode(item.content ?? [])}`).join('\n');
    default:
      if (EXPAND_TYPES.has(node.type)) return blocks([...expandTitle(node), ...content]);
      return content.some((c) => c.type === 'text') ? inlineToBbcode(content) : blocks(content);
  }
}

function expandTitle(node: AdfNode): AdfNode[] {
  const title = attrString(node, 'title')?.trim();
  return title ? [{ type: 'paragraph', content: [{ type: 'text', text: title, marks: [{ type: 'strong' }] }] }] : [];
}

function cell(node: AdfNode): string {
  const tag = node.type === 'tableHeader' ? 'TH' : 'TD';
  return `[${tag}]${blocks(node.content ?? [])}[/${tag}]`;
}

/** A card is its URL as a link when the URL is safe, else the address as plain text (never a live link). */
function card(node: AdfNode): string {
  const url = cardUrl(node);
  const href = safeLinkHref(url);
  return href ? `[URL]${bbcodeUrl(href)}[/URL]` : escapeText(url ?? '');
}

function media(node: AdfNode): string {
  const src = attrString(node, 'type') === 'external' ? safeImageSrc(attrString(node, 'url')) : undefined;
  if (src) return `[IMG]${bbcodeUrl(src)}[/IMG]`;
  return escapeText(`📎 ${mediaLabel(node)}`);
}

export function adfToBbcodeString(doc: AdfDoc): string {
  return blocks(doc.content);
}
