/**
 * How ADF nodes that neither BBCode nor HTML can express read on the other side. Shared by both writers so
 * the two degrade identically and never lose text.
 */
import type { AdfNode } from '../../adf';

const str = (node: AdfNode, key: string): string | undefined => {
  const value = node.attrs?.[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
};

export const attrString = str;

/** A mention becomes the person's name (Jira's "@Name" text without the @). */
export function mentionName(node: AdfNode): string {
  const text = str(node, 'text')?.replace(/^@/, '').trim();
  return text || `user ${str(node, 'id') ?? ''}`.trim();
}

export function emojiText(node: AdfNode): string {
  return str(node, 'text') || str(node, 'shortName') || '';
}

/** ADF dates are epoch milliseconds (as a string); they read as an ISO date (UTC, as Jira shows them). */
export function dateText(node: AdfNode): string {
  const ms = Number(str(node, 'timestamp'));
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : (str(node, 'timestamp') ?? '');
}

export function cardUrl(node: AdfNode): string | undefined {
  return str(node, 'url');
}

/** A media node reads as its file name (alt) or its address; Jira-internal files have neither. */
export function mediaLabel(node: AdfNode): string {
  return str(node, 'alt') || str(node, 'url') || 'attachment';
}

export const taskBox = (node: AdfNode): string => (str(node, 'state') === 'DONE' ? '☑' : '☐');

export const DECISION_MARK = '◆';

export const EXPAND_TYPES = new Set(['expand', 'nestedExpand']);
