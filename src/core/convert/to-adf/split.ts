/**
 * A document too long for one Jira comment, split into documents that each fit and that together hold all of it.
 * Whole top-level blocks are packed in order; a block too big for a part on its own is split too: a paragraph or a
 * code block between its text nodes and inside a text (at a code point, after a space where one is near), any
 * other block (a huge list or table) as its visible text, so that no character is lost even where the structure
 * cannot be kept.
 */
import type { AdfDoc, AdfNode } from '../../adf';
import { adfPlainText } from '../plain-text';

const size = (value: unknown): number => JSON.stringify(value).length;

/** How far back from a forced cut a space is looked for, so parts rarely end mid-word. */
const WORD_LOOKBACK = 200;

/** The longest start of `text` whose JSON string fits `budget`, never ending inside a surrogate pair. */
function fittingPrefix(text: string, budget: number): string {
  let end = Math.min(text.length, Math.max(0, budget - 2));
  while (end > 0 && size(text.slice(0, end)) > budget) end -= Math.max(1, size(text.slice(0, end)) - budget);
  if (end > 0 && end < text.length && /[\ud800-\udbff]/.test(text[end - 1] ?? '')) end -= 1;
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end - 1);
    if (space >= 0 && end - space < WORD_LOOKBACK) end = space + 1;
  }
  return text.slice(0, end);
}

/** A text-holding block (paragraph, code block) as several of the same kind, each within `room`. */
function splitTextual(block: AdfNode, room: number): AdfNode[] {
  const shell = (content: AdfNode[]): AdfNode => ({ ...block, content });
  const out: AdfNode[] = [];
  let current: AdfNode[] = [];
  const flush = (): void => {
    if (current.length) out.push(shell(current));
    current = [];
  };
  for (const node of block.content ?? []) {
    if (size(shell([...current, node])) <= room) {
      current.push(node);
      continue;
    }
    flush();
    if (size(shell([node])) <= room || node.type !== 'text') {
      current.push(node);
      continue;
    }
    let rest = node.text ?? '';
    while (rest !== '') {
      const piece = fittingPrefix(rest, room - size(shell([{ ...node, text: '' }])) + 2);
      if (piece === '') return [shell([node])];
      out.push(shell([{ ...node, text: piece }]));
      rest = rest.slice(piece.length);
    }
  }
  flush();
  return out;
}

function splitBlock(block: AdfNode, room: number): AdfNode[] {
  if (size(block) <= room) return [block];
  if (block.type === 'paragraph' || block.type === 'codeBlock') return splitTextual(block, room);
  const text = adfPlainText({ type: 'doc', version: 1, content: [block] });
  return splitTextual({ type: 'paragraph', content: [{ type: 'text', text }] }, room);
}

/**
 * `limit`: the size each part may reach once its label is added; `reserve`: what the label costs. A document
 * that fits comes back as itself, alone.
 */
export function splitDoc(doc: AdfDoc, limit: number, reserve = 0): AdfDoc[] {
  const budget = limit - reserve;
  if (size(doc) <= budget) return [doc];
  const empty = size({ type: 'doc', version: 1, content: [] });
  const parts: AdfNode[][] = [];
  let current: AdfNode[] = [];
  let used = empty;
  for (const block of doc.content) {
    for (const piece of splitBlock(block, budget - empty)) {
      const cost = size(piece) + (current.length ? 1 : 0);
      if (current.length && used + cost > budget) {
        parts.push(current);
        current = [];
        used = empty;
      }
      used += size(piece) + (current.length ? 1 : 0);
      current.push(piece);
    }
  }
  if (current.length) parts.push(current);
  return parts.map((content) => ({ type: 'doc', version: 1, content }));
}
