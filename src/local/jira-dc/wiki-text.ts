/**
 * Jira Data Center stores descriptions, comments and text-area fields as the wiki markup a client sent ([REST]
 * IssueBean `description` is a string; "Text formatting notation help", the renderer runs only for display), and
 * REST v2 gives the same text back. The shared state keeps ADF, so the text is kept in it verbatim: one paragraph
 * per line, nothing parsed. No converter sits between what a client writes and what it reads back, so a bug in the
 * product's own wiki converter cannot cancel itself out here.
 */
import type { AdfDoc } from '../jira/adf';

export function wikiToStored(text: string): AdfDoc {
  const doc: AdfDoc = {
    type: 'doc',
    version: 1,
    content: text
      .split('\n')
      .map((line) =>
        line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
      ),
  };
  return doc;
}

type Node = { type?: unknown; text?: unknown; content?: unknown };

const textOf = (node: Node): string =>
  typeof node.text === 'string'
    ? node.text
    : Array.isArray(node.content)
      ? (node.content as Node[]).map(textOf).join('')
      : '';

export function storedToWiki(doc: unknown): string {
  const content = (doc as Node).content;
  return Array.isArray(content) ? (content as Node[]).map(textOf).join('\n') : '';
}

export const isAdfDoc = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as Node).type === 'doc' && Array.isArray((v as Node).content);
