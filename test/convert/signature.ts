/** Views of an ADF document for comparisons that ignore how text happens to be split into nodes. */
import type { AdfDoc, AdfNode } from '../../src/core/adf';

const markKey = (node: AdfNode): string =>
  JSON.stringify([...(node.marks ?? [])].sort((a, b) => a.type.localeCompare(b.type)));

/** Every character with the marks on it, and block boundaries, in document order. */
export function formattedText(doc: AdfDoc): string[] {
  const out: string[] = [];
  const walk = (node: AdfNode): void => {
    if (node.type === 'text') for (const ch of node.text ?? '') out.push(`${ch}${markKey(node)}`);
    else if (node.type === 'hardBreak') out.push('\n');
    else {
      out.push(`<${node.type}${node.attrs && node.type !== 'listItem' ? JSON.stringify(node.attrs) : ''}>`);
      (node.content ?? []).forEach(walk);
      out.push(`</${node.type}>`);
    }
  };
  doc.content.forEach(walk);
  return out;
}

/** Words (runs of letters/digits) of a text, to check that none is lost. */
export const wordsOf = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? [];
