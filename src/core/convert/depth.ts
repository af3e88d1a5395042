/**
 * Nesting caps. The converters walk trees recursively, and a person controls how deep those trees are (a task
 * with ten thousand `[QUOTE]`s, an ADF document nested as deep as Jira stores it). So every tree is cut to a
 * fixed depth before any recursive walk: what lies deeper keeps its text and loses its structure. These helpers
 * themselves never recurse deeper than the cap (the text of a deep subtree is collected with an explicit stack).
 */
import type { AdfDoc, AdfNode } from '../adf';
import type { Element, ElementContent, Root } from './hast';
import { hText } from './hast';
import { attrString, cardUrl, dateText, emojiText, mediaLabel, mentionName } from './from-adf/degrade';

/** Open BBCode tags / hast element levels kept as structure; real descriptions rarely pass ten. */
export const MAX_HAST_DEPTH = 40;
/** ADF levels kept as structure: above what hast → ADF can produce (+ listItem, paragraph, text), so round trips agree. */
const MAX_ADF_DEPTH = MAX_HAST_DEPTH + 8;

/** The text of a hast subtree without recursion: `br` is a newline, ignored elements (scripts) give nothing. */
function flatHastText(node: ElementContent, ignored: ReadonlySet<string>): string {
  let out = '';
  const stack: ElementContent[] = [node];
  while (stack.length > 0) {
    const next = stack.pop() as ElementContent;
    if (next.type === 'text') out += next.value;
    else if (next.type === 'element' && next.tagName === 'br') out += '\n';
    else if (next.type === 'element' && !ignored.has(next.tagName)) {
      for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as ElementContent);
    }
  }
  return out;
}

/** Elements deeper than `max` are replaced by their text (in place: the tree is ours, fresh from the parser). */
export function capHastDepth(root: Root, ignored: ReadonlySet<string>, max: number = MAX_HAST_DEPTH): Root {
  const stack: { el: Root | Element; depth: number }[] = [{ el: root, depth: 0 }];
  while (stack.length > 0) {
    const { el, depth } = stack.pop() as { el: Root | Element; depth: number };
    for (let i = 0; i < el.children.length; i++) {
      const child = el.children[i];
      if (child?.type !== 'element') continue;
      if (depth + 1 < max) stack.push({ el: child, depth: depth + 1 });
      else if (child.children.length > 0) child.children = [hText(flatHastText(child, ignored))];
    }
  }
  return root;
}

function atomText(node: AdfNode): string {
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
    case 'blockCard':
    case 'embedCard':
      return cardUrl(node) ?? '';
    case 'media':
      return mediaLabel(node);
    default:
      return '';
  }
}

/** The text of an ADF subtree without recursion; blocks are separated by newlines. */
function flatAdfText(node: AdfNode): string {
  const parts: string[] = [];
  const stack: (AdfNode | '\n')[] = [node];
  while (stack.length > 0) {
    const next = stack.pop() as AdfNode | '\n';
    if (next === '\n') {
      parts.push('\n');
      continue;
    }
    parts.push(atomText(next));
    const content = Array.isArray(next.content) ? next.content : [];
    const isBlock = content.length > 0 && next.type !== 'paragraph' && next.type !== 'heading';
    for (let i = content.length - 1; i >= 0; i--) {
      stack.push(content[i] as AdfNode);
      if (isBlock && i > 0) stack.push('\n');
    }
  }
  return parts
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function deeperThan(doc: AdfDoc, max: number): boolean {
  const stack: { node: AdfNode; depth: number }[] = (doc.content ?? []).map((node) => ({ node, depth: 1 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: AdfNode; depth: number };
    if (depth > max) return true;
    if (Array.isArray(node.content)) for (const child of node.content) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/**
 * A node at the cap becomes a holder of one paragraph with its text. The holder's type is unknown to the writers,
 * whose fallback writes its content wherever it stands (a list item, a cell, a quote), so no text is lost.
 */
function capped(node: AdfNode, depth: number, max: number): AdfNode {
  if (!Array.isArray(node.content) || node.content.length === 0) return node;
  if (depth >= max) {
    const text = flatAdfText(node);
    return {
      type: 'flattened',
      content: text === '' ? [] : [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    };
  }
  return { ...node, content: node.content.map((child) => capped(child, depth + 1, max)) };
}

/** The document itself when it is shallow enough (the usual case), a capped copy otherwise. */
export function capAdfDepth(doc: AdfDoc, max: number = MAX_ADF_DEPTH): AdfDoc {
  if (!deeperThan(doc, max)) return doc;
  return { ...doc, content: doc.content.map((node) => capped(node, 1, max)) };
}
