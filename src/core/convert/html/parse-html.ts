/** HTML → hast with the HTML5 parsing algorithm, so malformed nesting is repaired exactly as a browser would. */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Root } from '../hast';
import { capHtmlNesting } from './cap-html';

const processor = unified().use(rehypeParse, { fragment: true });

export function parseHtml(html: string): Root {
  return processor.parse(capHtmlNesting(html));
}
