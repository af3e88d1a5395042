/**
 * Comments across sides carry their author in a bold label ("Ada Lovelace (Jira):"). The label tells people who
 * wrote it and tells the sync that a comment is a mirror it wrote, so it never travels back. Fingerprints over
 * the normalised visible text recognise a comment's echo whatever markup each side's converter produced.
 */
import type { AdfDoc } from '../adf';
import { adfPlainText, JIRA_MAX_DOC_CHARS, prependAttribution, splitDoc } from '../convert';
import type { Side } from '../model';
import { hash53 } from './stable';

const SIDE_NAME: Record<Side, string> = { b24: 'Bitrix24', jira: 'Jira' };

/** "Name (Bitrix24):" for a comment that came from Bitrix24. */
export function attributionLabel(authorName: string, from: Side): string {
  return `${authorName.trim() || 'Someone'} (${SIDE_NAME[from]}):`;
}

/** The comment as posted on the other side: the attribution in bold, then the body. */
export function attributedBody(body: AdfDoc, authorName: string, from: Side): AdfDoc {
  // The converter puts the label in bold as given; the space keeps it apart from the first word.
  return prependAttribution(body, `${attributionLabel(authorName, from)} `);
}

/** The most a part's label can add: bold text mark, the author's name (up to the label's 200) and "999/999 ". */
const PART_LABEL_RESERVE = 512;

/**
 * The comment as posted in Jira: one attributed comment when it fits, else numbered parts ("Name (Bitrix24): 2/3")
 * that fit one each and together hold all of it, in order. Jira refuses a longer comment outright.
 */
export function commentParts(body: AdfDoc, authorName: string, from: Side, limit = JIRA_MAX_DOC_CHARS): AdfDoc[] {
  const whole = attributedBody(body, authorName, from);
  if (JSON.stringify(whole).length <= limit) return [whole];
  const parts = splitDoc(body, limit, PART_LABEL_RESERVE + authorName.length);
  return parts.map((part, i) =>
    prependAttribution(part, `${attributionLabel(authorName, from)} ${i + 1}/${parts.length} `),
  );
}

const LABEL = /^\s*(.{1,200}?) \((Bitrix24|Jira)\):/u;

/**
 * True when a comment read on `side` is a mirror the sync wrote there: it starts with the label naming the
 * other side. A person typing such a label by hand is told apart by the author check the caller also makes.
 */
export function isMirroredComment(plainText: string, side: Side): boolean {
  const m = LABEL.exec(plainText);
  return m !== null && m[2] === SIDE_NAME[side === 'b24' ? 'jira' : 'b24'];
}

/** The visible text without the attribution label, e.g. to compare an edited mirror with its source. */
export function stripAttribution(plainText: string): string {
  return plainText.replace(LABEL, '').trim();
}

/** Case, whitespace and Unicode-form insensitive hash of visible text; the label is not part of the content. */
export function commentFingerprint(text: string): string {
  const normal = stripAttribution(text).normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
  return hash53(normal);
}

export function docFingerprint(doc: AdfDoc): string {
  return commentFingerprint(adfPlainText(doc));
}
