/** The visible text of an ADF document (what a reader sees), used for hashing and comparison. */
import type { AdfDoc, AdfNode } from '../adf';
import { capAdfDepth } from './depth';
import { cardUrl, dateText, emojiText, attrString, mediaLabel, mentionName } from './from-adf/degrade';
import { isInline } from './to-adf/group';

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return mentionName(node);
    case 'emoji':
      return emojiText(node);
    case 'date':
      return dateText(node);
    case 'status':
      return attrString(node, 'text') ?? '';
    case 'inlineCard':
      return cardUrl(node) ?? '';
    default:
      return '';
  }
}

function blockText(node: AdfNode): string {
  if (node.type === 'media') return mediaLabel(node);
  if (node.type === 'blockCard' || node.type === 'embedCard') return cardUrl(node) ?? '';
  const content = node.content ?? [];
  const title = attrString(node, 'title');
  const own = title && (node.type === 'expand' || node.type === 'nestedExpand') ? [title] : [];
  if (content.length > 0 && content.every(isInline)) return [...own, content.map(inlineText).join('')].join('\n');
  return [...own, ...content.map(blockText)].filter((t) => t !== '').join('\n');
}

export function adfPlainText(doc: AdfDoc): string {
  return capAdfDepth(doc)
    .content.map(blockText)
    .filter((t) => t !== '')
    .join('\n');
}
