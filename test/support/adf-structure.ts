/**
 * The node-type tree of an ADF document, e.g. `doc(paragraph(text),rule)`: what the oracle comparisons against
 * Atlassian's parsers (HTML in the bench, wiki markup in the tests) put side by side.
 */

interface TypedNode {
  readonly type: string;
  readonly content?: readonly TypedNode[];
}

function isTypedNode(value: unknown): value is TypedNode {
  if (typeof value !== 'object' || value === null || !('type' in value) || typeof value.type !== 'string') return false;
  return !('content' in value) || (Array.isArray(value.content) && value.content.every(isTypedNode));
}

const isBlankParagraph = (node: TypedNode): boolean =>
  node.type === 'paragraph' &&
  (node.content ?? []).every((t) => 'text' in t && typeof t.text === 'string' && t.text.trim() === '');

export interface StructureOptions {
  /** A paragraph holding nothing but spaces counts as none (Atlassian's wiki parser leaves such paragraphs). */
  readonly ignoreBlankParagraphs?: boolean;
}

/**
 * Runs of text collapse to one `text`: how a line is split by marks is formatting, not structure. Anything that
 * is not a node tree is `?`.
 */
export function structureOf(node: unknown, options: StructureOptions = {}): string {
  if (!isTypedNode(node)) return '?';
  const children = (node.content ?? [])
    .filter((c) => !(options.ignoreBlankParagraphs === true && isBlankParagraph(c)))
    .map((c) => structureOf(c, options))
    .filter((s, i, all) => !(s === 'text' && all[i - 1] === 'text'));
  return children.length > 0 ? `${node.type}(${children.join(',')})` : node.type;
}
