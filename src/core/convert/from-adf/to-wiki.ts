/**
 * ADF → Jira wiki markup (Jira Server / Data Center). Blocks are separated by a blank line; list items, table
 * rows and macros sit on their own lines. What wiki cannot express degrades as in the BBCode writer (degrade.ts),
 * keeping every character of text; see the converter README for the table.
 */
import type { AdfDoc, AdfNode } from '../../adf';
import { safeImageSrc } from '../to-adf/url';
import type { AdfToWikiOptions } from '../wiki/options';
import { attrString, cardUrl, DECISION_MARK, EXPAND_TYPES, mediaLabel, taskBox } from './degrade';
import { escapeFileName, escapeLineStart, escapeWikiText, wikiUrl } from './wiki-escape';
import { inlineToWiki } from './wiki-inline';

type Options = AdfToWikiOptions;

const textOf = (value: string): string => escapeLineStart(escapeWikiText({ plain: value, from: 0, to: value.length }));

const bold = (value: string): AdfNode[] =>
  value === '' ? [] : [{ type: 'text', text: value, marks: [{ type: 'strong' }] }];

function codeBlock(node: AdfNode): string {
  const code = (node.content ?? []).map((c) => c.text ?? '').join('');
  const language = attrString(node, 'language')?.replace(/[^\w+#.-]/g, '');
  if (/\{code\}/i.test(code)) return `{noformat}\n${code}\n{noformat}`;
  return `{code${language ? `:${language}` : ''}}\n${code}\n{code}`;
}

/** One media node: an external image, an attachment the caller names, or its label as text. */
function media(node: AdfNode, options: Options, inGroup: boolean): string {
  if (attrString(node, 'type') === 'external') {
    const src = safeImageSrc(attrString(node, 'url'));
    return src ? `!${wikiUrl(src)}!` : textOf(`📎 ${mediaLabel(node)}`);
  }
  const name = options.attachment?.({
    id: attrString(node, 'id'),
    collection: attrString(node, 'collection'),
    alt: attrString(node, 'alt'),
  });
  const file = name === undefined || name.trim() === '' ? undefined : escapeFileName(name);
  if (file) return inGroup ? `[^${file}]` : `!${file}!`;
  return textOf(`📎 ${mediaLabel(node)}`);
}

function card(node: AdfNode, options: Options): string {
  return inlineToWiki([{ type: 'inlineCard', attrs: { url: cardUrl(node) ?? '' } }], options, true);
}

/** A list as marker lines; a list item's later blocks continue it on the lines after its marker line. */
function listLines(node: AdfNode, prefix: string, options: Options): string[] {
  const marker = `${prefix}${node.type === 'orderedList' ? '#' : '*'}`;
  const lines: string[] = [];
  for (const item of node.content ?? []) {
    const [first, ...rest] = item.content ?? [];
    const firstIsText = first?.type === 'paragraph';
    // An empty item keeps the space after its marker: `**` alone would be text, `** ` is an item.
    lines.push(`${marker} ${firstIsText ? inlineToWiki(first.content ?? [], options, false) : ''}`);
    let afterText = firstIsText;
    for (const child of firstIsText ? rest : (item.content ?? [])) {
      if (child.type === 'bulletList' || child.type === 'orderedList') lines.push(...listLines(child, marker, options));
      else if (child.type === 'paragraph')
        lines.push(`${afterText ? '\\\\' : ''}${escapeLineStart(inlineToWiki(child.content ?? [], options, false))}`);
      else
        lines.push(
          ...flatBlock(child, options)
            .split('\n')
            .filter((l) => l.trim() !== ''),
        );
      afterText = child.type === 'paragraph';
    }
  }
  return lines;
}

/** A block inside a table cell, where only one line of inline markup fits. */
function cellBlock(node: AdfNode, options: Options): string {
  switch (node.type) {
    case 'paragraph':
      return inlineToWiki(node.content ?? [], options, false);
    case 'heading':
      return inlineToWiki(
        node.content?.map((c) => (c.type === 'text' ? { ...c, marks: [...(c.marks ?? []), { type: 'strong' }] } : c)) ??
          [],
        options,
        false,
      );
    case 'bulletList':
    case 'orderedList':
      return (node.content ?? [])
        .map((item) => `• ${(item.content ?? []).map((c) => cellBlock(c, options)).join(' ')}`)
        .join('\\\\');
    case 'codeBlock':
      return (node.content ?? [])
        .map((c) => c.text ?? '')
        .join('')
        .split('\n')
        .map((line) =>
          inlineToWiki(line === '' ? [] : [{ type: 'text', text: line, marks: [{ type: 'code' }] }], options, false),
        )
        .join('\\\\');
    default:
      return block(node, options).replace(/\n+/g, '\\\\');
  }
}

function row(node: AdfNode, options: Options): string {
  let out = '';
  let last = '|';
  for (const cell of node.content ?? []) {
    last = cell.type === 'tableHeader' ? '||' : '|';
    const content = (cell.content ?? [])
      .map((c) => cellBlock(c, options))
      .filter((c) => c !== '')
      .join('\\\\\\\\');
    out += `${last}${content === '' ? ' ' : content}`;
  }
  return `${out}${last}`;
}

/** A block where wiki has no container for it (inside a list item): its text, line by line. */
function flatBlock(node: AdfNode, options: Options): string {
  return node.type === 'codeBlock' ? codeBlock(node) : block(node, options);
}

function block(node: AdfNode, options: Options): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return inlineToWiki(content, options, true);
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      return `h${level}. ${inlineToWiki(content, options, false)}`;
    }
    case 'bulletList':
    case 'orderedList':
      return listLines(node, '', options).join('\n');
    case 'codeBlock':
      return codeBlock(node);
    case 'blockquote':
      return `{quote}\n${blocks(content, options)}\n{quote}`;
    case 'panel':
      return `{panel}\n${blocks(content, options)}\n{panel}`;
    case 'rule':
      return '----';
    case 'table':
      return content.map((r) => row(r, options)).join('\n');
    case 'mediaSingle':
      return content.map((m) => media(m, options, false)).join('\n');
    case 'mediaGroup':
      return content.map((m) => media(m, options, true)).join(' ');
    case 'media':
      return media(node, options, false);
    case 'blockCard':
    case 'embedCard':
      return card(node, options);
    case 'taskList':
      return content
        .map((item) =>
          item.type === 'taskItem'
            ? inlineToWiki([{ type: 'text', text: `${taskBox(item)} ` }, ...(item.content ?? [])], options, true)
            : block(item, options),
        )
        .join('\n');
    case 'decisionList':
      return content
        .map((item) =>
          inlineToWiki([{ type: 'text', text: `${DECISION_MARK} ` }, ...(item.content ?? [])], options, true),
        )
        .join('\n');
    default:
      if (EXPAND_TYPES.has(node.type)) {
        return blocks(
          [{ type: 'paragraph', content: bold(attrString(node, 'title')?.trim() ?? '') }, ...content],
          options,
        );
      }
      return content.some((c) => c.type === 'text') ? inlineToWiki(content, options, true) : blocks(content, options);
  }
}

function blocks(nodes: readonly AdfNode[], options: Options): string {
  return nodes
    .map((n) => block(n, options))
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

export function adfToWikiString(doc: AdfDoc, options: Options = {}): string {
  return blocks(doc.content, options);
}
