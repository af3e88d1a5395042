/**
 * Rich text between Bitrix24 (BBCode, HTML on old portals) and Jira (ADF). Pure and synchronous.
 * Both inputs are parsed into hast and converted by one handler table; see README.md for the rules.
 */
import type { AdfDoc } from '../adf';
import { bbcodeToHast } from './bbcode/bbcode-to-hast';
import { capAdfDepth } from './depth';
import { adfToBbcodeString } from './from-adf/to-bbcode';
import { adfToHtmlString } from './from-adf/to-html';
import { parseHtml } from './html/parse-html';
import { hastToAdf } from './to-adf/hast-to-adf';
import { truncateDoc } from './to-adf/truncate';
import { adfToWikiString } from './from-adf/to-wiki';
import { wikiToHast } from './wiki/blocks';
import type { AdfToWikiOptions, WikiToAdfOptions } from './wiki/options';
import { wikiHastToAdf } from './wiki/wiki-to-adf';

export { splitDoc } from './to-adf/split';

export type { AdfDoc } from '../adf';
export { JIRA_MAX_DOC_CHARS, isTruncationNotice } from './to-adf/truncate';
export { adfPlainText } from './plain-text';
export { prependAttribution } from './attribution';
export type { AdfMediaRef, AdfPerson, AdfToWikiOptions, WikiAttachmentTarget, WikiToAdfOptions } from './wiki/options';

export function htmlToAdf(html: string): AdfDoc {
  return truncateDoc(hastToAdf(parseHtml(html), true));
}

export function bbcodeToAdf(bbcode: string): AdfDoc {
  return truncateDoc(hastToAdf(bbcodeToHast(bbcode), false));
}

/**
 * The whole document, however long: what a shortened copy was cut from, and what a comment split into parts
 * holds. Jira takes it only through `truncateDoc` or `splitDoc`.
 */
export function htmlToWholeAdf(html: string): AdfDoc {
  return hastToAdf(parseHtml(html), true);
}

export function bbcodeToWholeAdf(bbcode: string): AdfDoc {
  return hastToAdf(bbcodeToHast(bbcode), false);
}

export function adfToHtml(doc: AdfDoc): string {
  return adfToHtmlString(capAdfDepth(doc));
}

export function adfToBbcode(doc: AdfDoc): string {
  return adfToBbcodeString(capAdfDepth(doc));
}

/** Jira Server / Data Center wiki markup → ADF; people and files are resolved only through `options`. */
export function wikiToAdf(wiki: string, options: WikiToAdfOptions = {}): AdfDoc {
  return truncateDoc(wikiHastToAdf(wikiToHast(wiki, { options })));
}

/** ADF → Jira Server / Data Center wiki markup, escaped so that its text reads back unchanged. */
export function adfToWiki(doc: AdfDoc, options: AdfToWikiOptions = {}): string {
  return adfToWikiString(capAdfDepth(doc), options);
}
