/**
 * Guarantee 6: Jira refuses a description or comment whose stored document exceeds 32,767 characters. Over
 * the limit we keep whole top-level blocks and end with a visible note, so the sync never fails on size.
 */
import type { AdfDoc, AdfNode } from '../../adf';
import { jsonLength } from './json-length';

export const JIRA_MAX_DOC_CHARS = 32767;

const NOTE_TEXT = '⚠ Truncated: the original text is longer than Jira allows (32,767 characters).';

const note = (): AdfNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text: NOTE_TEXT, marks: [{ type: 'em' }] }],
});

const size = jsonLength;

/**
 * The notice exactly as `truncateDoc` writes it. The sync tells a shortened copy by it (and where the copy ends),
 * so it must never travel back as part of a person's text.
 */
export function isTruncationNotice(node: AdfNode | undefined): boolean {
  // Compared by shape, not serialisation: a copy read back from storage may list the keys in another order.
  const [only, ...more] = node?.type === 'paragraph' && node.attrs === undefined ? (node.content ?? []) : [];
  const [mark, ...moreMarks] = only?.marks ?? [];
  return (
    more.length === 0 &&
    only?.type === 'text' &&
    only.text === NOTE_TEXT &&
    only.attrs === undefined &&
    moreMarks.length === 0 &&
    mark?.type === 'em' &&
    mark.attrs === undefined
  );
}

function plainText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  const separator = node.type === 'paragraph' || node.type === 'heading' ? '' : ' ';
  return (node.content ?? []).map(plainText).join(separator);
}

/** A first block too big on its own is cut as plain text, at a code-point boundary. */
function cutBlock(block: AdfNode, budget: number): AdfNode | undefined {
  let text = plainText(block);
  const overhead = size({ type: 'paragraph', content: [{ type: 'text', text: '' }] });
  while (text !== '' && overhead + size(text) > budget) {
    const excess = overhead + size(text) - budget;
    text = text.slice(0, Math.max(0, text.length - Math.max(excess, 1)));
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1);
  }
  return text.trim() === '' ? undefined : { type: 'paragraph', content: [{ type: 'text', text }] };
}

/**
 * `size(doc) <= limit`, measured block by block and stopping at the first block past the limit: a large input
 * is never serialised whole (a 1 MB document made a ~5 MB string here just to learn it was too long).
 */
function fitsWhole(doc: AdfDoc, limit: number): boolean {
  // `[a,b]` is `[]` plus each block plus one comma fewer than there are blocks.
  let total = size({ ...doc, content: [] }) - (doc.content.length > 0 ? 1 : 0);
  for (const block of doc.content) {
    if (total > limit) return false;
    total += size(block) + 1;
  }
  return total <= limit;
}

export function truncateDoc(doc: AdfDoc, limit: number = JIRA_MAX_DOC_CHARS): AdfDoc {
  if (fitsWhole(doc, limit)) return doc;
  const noteNode = note();
  let budget = limit - size({ ...doc, content: [noteNode] }) - 1;
  const kept: AdfNode[] = [];
  for (const block of doc.content) {
    const cost = size(block) + 1;
    if (cost > budget) break;
    kept.push(block);
    budget -= cost;
  }
  const first = doc.content[0];
  if (kept.length === 0 && first) {
    const cut = cutBlock(first, budget);
    if (cut) kept.push(cut);
  }
  return { type: 'doc', version: 1, content: [...kept, noteNode] };
}
