/**
 * Text one side holds that the other cannot hold or show as it is. Each function returns the fitted text and
 * whether it had to change anything, so the caller can journal what was done instead of doing it silently.
 *
 * Lengths are UTF-16 code units: that is what Jira counts for its summary limit (a Java String's length), so an
 * emoji outside the Basic Multilingual Plane costs two.
 */
import type { AdfDoc, AdfNode } from './adf';

export interface Fitted {
  text: string;
  /** The result differs from the input. */
  changed: boolean;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The longest prefix of whole code points within `max` units; only for one grapheme that alone is too long. */
function cutAtCodePoint(text: string, max: number): string {
  let end = 0;
  for (const cp of text) {
    if (end + cp.length > max) break;
    end += cp.length;
  }
  return text.slice(0, end);
}

/**
 * `text` cut to at most `max` UTF-16 units at a grapheme boundary, so neither a surrogate pair nor a letter and
 * its combining marks (nor a flag, nor a ZWJ emoji family) is split. A single grapheme longer than `max` (a
 * letter under hundreds of combining marks) is cut at a code point: never in half of a surrogate pair.
 */
export function cutAtGrapheme(text: string, max: number): { text: string; shortened: boolean } {
  if (text.length <= max) return { text, shortened: false };
  let end = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (end + segment.length > max) {
      if (end === 0) return { text: cutAtCodePoint(segment, max), shortened: true };
      break;
    }
    end += segment.length;
  }
  return { text: text.slice(0, end), shortened: true };
}

/**
 * C0 controls, DEL and C1 controls: neither side shows them (NUL also ends strings in places), and Jira's editor
 * drops them. Tab, line feed and carriage return are layout, not controls, and are kept where the text is
 * multi-line (`keepLineBreaks`); a title keeps only the tab.
 */
const CONTROLS_BLOCK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const CONTROLS_LINE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;
/** Half of a surrogate pair alone is not a character: it cannot be encoded as UTF-8 by either side. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control characters left out and lone surrogates replaced by U+FFFD (the replacement character). */
export function withoutControls(text: string, keepLineBreaks: boolean): Fitted {
  const out = text.replace(keepLineBreaks ? CONTROLS_BLOCK : CONTROLS_LINE, '').replace(LONE_SURROGATE, '\uFFFD');
  return { text: out, changed: out !== text };
}

/**
 * The explicit embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI). They are left
 * out rather than closed off with an isolate around the title: an isolate stops an override from reordering the
 * text around the title, but the title itself would still display reversed ("invoice\u202Efdp.exe" reading as
 * "invoiceexe.pdf"), which is the disguise. Without them Arabic and Hebrew still display right, by the implicit
 * bidirectional algorithm; the implicit marks (LRM, RLM, ALM), which reorder nothing beyond their neighbours,
 * are kept.
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function withoutDirectionOverrides(text: string): Fitted {
  const out = text.replace(DIRECTION_CONTROLS, '');
  return { text: out, changed: out !== text };
}

/** Each text node of `doc` without control characters (tabs and line breaks kept); a node left empty is dropped. */
export function docWithoutControls(doc: AdfDoc): { doc: AdfDoc; changed: boolean } {
  let changed = false;
  const walk = (nodes: AdfNode[]): AdfNode[] =>
    nodes.flatMap((node): AdfNode[] => {
      if (typeof node.text === 'string') {
        const fitted = withoutControls(node.text, true);
        if (!fitted.changed) return [node];
        changed = true;
        // ADF refuses an empty text node.
        return fitted.text === '' ? [] : [{ ...node, text: fitted.text }];
      }
      return node.content ? [{ ...node, content: walk(node.content) }] : [node];
    });
  const content = walk(doc.content);
  return changed ? { doc: { ...doc, content }, changed } : { doc, changed };
}
