/**
 * Container content rules of the ADF schema, applied to the blocks we produce. A block a container may not
 * hold degrades instead of being dropped: a heading becomes a bold paragraph, a quote or table gives up its
 * frame and keeps its content, a rule (which has no text) disappears.
 */
import type { AdfNode } from '../../adf';
import { strong, withMark } from './marks';

export type Container = 'doc' | 'listItem' | 'blockquote' | 'tableCell' | 'panel';

const LIST_ITEM = ['paragraph', 'bulletList', 'orderedList', 'taskList', 'mediaSingle', 'codeBlock'];
const ALLOWED: Record<Container, ReadonlySet<string>> = {
  doc: new Set([
    'paragraph',
    'heading',
    'bulletList',
    'orderedList',
    'codeBlock',
    'blockquote',
    'rule',
    'table',
    'mediaSingle',
    'mediaGroup',
    'panel',
    'expand',
    'taskList',
    'decisionList',
    'blockCard',
  ]),
  listItem: new Set(LIST_ITEM),
  blockquote: new Set(['paragraph', 'bulletList', 'orderedList', 'codeBlock', 'mediaSingle', 'mediaGroup']),
  tableCell: new Set([
    'paragraph',
    'heading',
    'bulletList',
    'orderedList',
    'codeBlock',
    'blockquote',
    'rule',
    'mediaSingle',
    'mediaGroup',
    'panel',
    'taskList',
    'decisionList',
    'blockCard',
  ]),
  panel: new Set([
    'paragraph',
    'heading',
    'bulletList',
    'orderedList',
    'blockCard',
    'mediaGroup',
    'mediaSingle',
    'codeBlock',
    'taskList',
    'rule',
    'decisionList',
  ]),
};

function emboldened(content: readonly AdfNode[] | undefined): AdfNode[] {
  return (content ?? []).map((n) => (n.type === 'text' ? { ...n, marks: withMark(n.marks ?? [], strong) } : n));
}

/** What `node` becomes where it is not allowed. */
function degrade(node: AdfNode): AdfNode[] {
  switch (node.type) {
    case 'heading':
      return [{ type: 'paragraph', content: emboldened(node.content) }];
    case 'rule':
      return [];
    case 'mediaGroup':
      // Not every container takes a group; each file stands alone there instead.
      return (node.content ?? []).map((media) => ({
        type: 'mediaSingle',
        attrs: { layout: 'center' },
        content: [media],
      }));
    case 'table':
      return (node.content ?? []).flatMap((row) => (row.content ?? []).flatMap((cell) => cell.content ?? []));
    default:
      return node.content ?? [];
  }
}

export function fitBlocks(blocks: readonly AdfNode[], container: Container): AdfNode[] {
  const allowed = ALLOWED[container];
  const out: AdfNode[] = [];
  for (const block of blocks) {
    if (allowed.has(block.type)) out.push(block);
    else out.push(...fitBlocks(degrade(block), container));
  }
  return out;
}

export const emptyParagraph = (): AdfNode => ({ type: 'paragraph', content: [] });

/** listItem must start with a paragraph (older schemas and Jira's editor require it) and be non-empty. */
export function listItemContent(blocks: readonly AdfNode[]): AdfNode[] {
  const fitted = fitBlocks(blocks, 'listItem');
  return fitted[0]?.type === 'paragraph' ? fitted : [emptyParagraph(), ...fitted];
}
