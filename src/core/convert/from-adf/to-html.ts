/** ADF → HTML for older Bitrix24 portals. Same degradation rules as BBCode; every string is escaped. */
import type { AdfDoc, AdfMark, AdfNode } from '../../adf';
import { safeImageSrc, safeLinkHref } from '../to-adf/url';
import {
  cardUrl,
  dateText,
  DECISION_MARK,
  emojiText,
  EXPAND_TYPES,
  attrString,
  mediaLabel,
  mentionName,
  taskBox,
} from './degrade';
import { sortMarks } from '../to-adf/marks';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

function wrap(mark: AdfMark, inner: string): string {
  switch (mark.type) {
    case 'strong':
      return `<strong>${inner}</strong>`;
    case 'em':
      return `<em>${inner}</em>`;
    case 'underline':
      return `<u>${inner}</u>`;
    case 'strike':
      return `<s>${inner}</s>`;
    case 'code':
      return `<code>${inner}</code>`;
    case 'subsup':
      return mark.attrs?.type === 'sub' ? `<sub>${inner}</sub>` : `<sup>${inner}</sup>`;
    case 'textColor':
      return `<span style="color:${escapeHtml(String(mark.attrs?.color))}">${inner}</span>`;
    case 'link': {
      const href = safeLinkHref(typeof mark.attrs?.href === 'string' ? mark.attrs.href : undefined);
      return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
    }
    default:
      return inner;
  }
}

const plain = (node: AdfNode): string => node.text ?? (node.content ?? []).map(plain).join('');

function inline(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return sortMarks(node.marks ?? []).reduceRight((inner, mark) => wrap(mark, inner), escapeHtml(node.text ?? ''));
    case 'hardBreak':
      return '<br>';
    case 'mention':
      return escapeHtml(mentionName(node));
    case 'emoji':
      return escapeHtml(emojiText(node));
    case 'date':
      return escapeHtml(dateText(node));
    case 'status':
      return `<strong>${escapeHtml(attrString(node, 'text') ?? '')}</strong>`;
    case 'inlineCard':
      return link(cardUrl(node));
    default:
      return escapeHtml(plain(node));
  }
}

function link(url: string | undefined): string {
  const href = safeLinkHref(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>` : escapeHtml(url ?? '');
}

const inlines = (nodes: readonly AdfNode[] | undefined): string => (nodes ?? []).map(inline).join('');
const blocks = (nodes: readonly AdfNode[] | undefined): string => (nodes ?? []).map(block).join('');

function media(node: AdfNode): string {
  const src = attrString(node, 'type') === 'external' ? safeImageSrc(attrString(node, 'url')) : undefined;
  const alt = attrString(node, 'alt');
  if (src) return `<img src="${escapeHtml(src)}"${alt ? ` alt="${escapeHtml(alt)}"` : ''}>`;
  return `<p>${escapeHtml(`📎 ${mediaLabel(node)}`)}</p>`;
}

function cell(node: AdfNode): string {
  const tag = node.type === 'tableHeader' ? 'th' : 'td';
  const colspan = typeof node.attrs?.colspan === 'number' ? ` colspan="${node.attrs.colspan}"` : '';
  const rowspan = typeof node.attrs?.rowspan === 'number' ? ` rowspan="${node.attrs.rowspan}"` : '';
  return `<${tag}${colspan}${rowspan}>${blocks(node.content)}</${tag}>`;
}

function block(node: AdfNode): string {
  const content = node.content;
  switch (node.type) {
    case 'paragraph':
      return `<p>${inlines(content)}</p>`;
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      return `<h${level}>${inlines(content)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${(content ?? []).map((i) => `<li>${blocks(i.content)}</li>`).join('')}</ul>`;
    case 'orderedList': {
      const order =
        typeof node.attrs?.order === 'number' && node.attrs.order !== 1 ? ` start="${node.attrs.order}"` : '';
      return `<ol${order}>${(content ?? []).map((i) => `<li>${blocks(i.content)}</li>`).join('')}</ol>`;
    }
    case 'codeBlock': {
      const language = attrString(node, 'language');
      const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
      return `<pre><code${cls}>${escapeHtml(plain(node))}</code></pre>`;
    }
    case 'blockquote':
    case 'panel':
      return `<blockquote>${blocks(content)}</blockquote>`;
    case 'rule':
      return '<hr>';
    case 'table':
      return `<table><tbody>${(content ?? []).map((row) => `<tr>${(row.content ?? []).map(cell).join('')}</tr>`).join('')}</tbody></table>`;
    case 'mediaSingle':
    case 'mediaGroup':
      return (content ?? []).map(media).join('');
    case 'media':
      return media(node);
    case 'blockCard':
    case 'embedCard':
      return `<p>${link(cardUrl(node))}</p>`;
    case 'taskList':
      return (content ?? [])
        .map((i) => (i.type === 'taskItem' ? `<p>${taskBox(i)} ${inlines(i.content)}</p>` : block(i)))
        .join('');
    case 'decisionList':
      return (content ?? []).map((i) => `<p>${DECISION_MARK} ${inlines(i.content)}</p>`).join('');
    default: {
      if (EXPAND_TYPES.has(node.type)) {
        const title = attrString(node, 'title')?.trim();
        return `${title ? `<p><strong>${escapeHtml(title)}</strong></p>` : ''}${blocks(content)}`;
      }
      return (content ?? []).some((c) => c.type === 'text') ? `<p>${inlines(content)}</p>` : blocks(content);
    }
  }
}

export function adfToHtmlString(doc: AdfDoc): string {
  return blocks(doc.content);
}
