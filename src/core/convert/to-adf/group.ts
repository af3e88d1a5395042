/**
 * Normalisation of inline runs: adjacent equal text merged, empty text dropped, edge whitespace and edge
 * breaks trimmed, and a blank line (two breaks with nothing visible between) starting a new paragraph.
 */
import type { AdfNode } from '../../adf';
import { sameMarks } from './marks';

const INLINE = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status']);

export const isInline = (node: AdfNode): boolean => INLINE.has(node.type);

function mergeText(nodes: readonly AdfNode[], collapse: boolean): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text' && sameMarks(prev.marks, node.marks)) {
      prev.text = `${prev.text ?? ''}${node.text ?? ''}`;
    } else {
      out.push(node.type === 'text' ? { ...node } : node);
    }
  }
  if (collapse) {
    for (let i = 1; i < out.length; i++) {
      const prev = out[i - 1];
      const node = out[i];
      if (prev?.type === 'text' && node?.type === 'text' && prev.text?.endsWith(' ') && node.text?.startsWith(' ')) {
        node.text = node.text.slice(1);
      }
    }
  }
  return out.filter((n) => n.type !== 'text' || (n.text ?? '') !== '');
}

const isBlankText = (node: AdfNode): boolean => node.type === 'text' && (node.text ?? '').trim() === '';

/** Splits an inline run into lines of paragraphs at blank lines. */
function splitAtBlankLines(nodes: readonly AdfNode[]): AdfNode[][] {
  const paragraphs: AdfNode[][] = [[]];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!node) continue;
    if (node.type === 'hardBreak') {
      let j = i + 1;
      while (j < nodes.length && isBlankText(nodes[j] as AdfNode)) j++;
      if (nodes[j]?.type === 'hardBreak') {
        paragraphs.push([]);
        i = j;
        continue;
      }
    }
    paragraphs[paragraphs.length - 1]?.push(node);
  }
  return paragraphs;
}

/** A space or a tab: what the edges of a run lose. */
const isBlank = (code: number): boolean => code === 32 || code === 9;

/** Drops edge whitespace and edge breaks; whitespace next to a break goes too when HTML collapses it. */
export function trimInline(nodes: readonly AdfNode[], collapse: boolean): AdfNode[] {
  const out = mergeText(nodes, collapse);
  for (let i = 0; i < out.length; i++) {
    const node = out[i];
    if (node?.type !== 'text') continue;
    const atStart = i === 0 || (collapse && out[i - 1]?.type === 'hardBreak');
    const atEnd = i === out.length - 1 || (collapse && out[i + 1]?.type === 'hardBreak');
    let text = node.text ?? '';
    if (atStart && isBlank(text.charCodeAt(0))) text = text.replace(/^[ \t]+/, '');
    if (atEnd && isBlank(text.charCodeAt(text.length - 1))) text = text.replace(/[ \t]+$/, '');
    node.text = text;
  }
  const kept = out.filter((n) => n.type !== 'text' || (n.text ?? '') !== '');
  while (kept[0]?.type === 'hardBreak') kept.shift();
  while (kept[kept.length - 1]?.type === 'hardBreak') kept.pop();
  return kept;
}

export function paragraphsOf(inline: readonly AdfNode[], collapse: boolean): AdfNode[] {
  return splitAtBlankLines(inline)
    .map((run) => trimInline(run, collapse))
    .filter((run) => run.length > 0)
    .map((content) => ({ type: 'paragraph', content }));
}

/** A mixed list → blocks: each inline run becomes paragraph(s), blocks pass through in order. */
export function toBlocks(mixed: readonly AdfNode[], collapse: boolean): AdfNode[] {
  const out: AdfNode[] = [];
  let run: AdfNode[] = [];
  for (const node of mixed) {
    if (isInline(node)) {
      run.push(node);
      continue;
    }
    if (run.length > 0) {
      for (const paragraph of paragraphsOf(run, collapse)) out.push(paragraph);
      run = [];
    }
    out.push(node);
  }
  if (run.length > 0) for (const paragraph of paragraphsOf(run, collapse)) out.push(paragraph);
  return out;
}
