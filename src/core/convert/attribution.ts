/** Puts an author attribution in front of a synced comment, e.g. "Maria Johnson (Bitrix24): " in bold. */
import type { AdfDoc, AdfNode } from '../adf';

export function prependAttribution(doc: AdfDoc, label: string): AdfDoc {
  if (label === '') return doc;
  const lead: AdfNode = { type: 'text', text: label, marks: [{ type: 'strong' }] };
  const [first, ...rest] = doc.content;
  if (first?.type === 'paragraph') {
    return { ...doc, content: [{ ...first, content: [lead, ...(first.content ?? [])] }, ...rest] };
  }
  return { ...doc, content: [{ type: 'paragraph', content: [lead] }, ...doc.content] };
}
