/** The middle tree both input formats are parsed into (hast, the HTML syntax tree of unified). */
import type { Element, ElementContent, Properties, Root, RootContent, Text } from 'hast';

export type { Element, ElementContent, Properties, Root, RootContent, Text };

export function hElement(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function hText(value: string): Text {
  return { type: 'text', value };
}

/** A property as a string, whatever hast made of it (class lists arrive as arrays). */
export function propString(el: Element, name: string): string | undefined {
  const value = el.properties[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(String).join(' ');
  return undefined;
}

/** Visible text of a subtree; `br` counts as a newline (how `pre` content reads). */
export function hastText(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.tagName === 'br') return '\n';
  if (node.type === 'element' || node.type === 'root') return node.children.map(hastText).join('');
  return '';
}
