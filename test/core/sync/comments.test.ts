import { adfPlainText, adfToBbcode, bbcodeToAdf } from '../../../src/core/convert';
import {
  attributedBody,
  attributionLabel,
  commentFingerprint,
  docFingerprint,
  isMirroredComment,
  stripAttribution,
} from '../../../src/core/sync/comments';
import { validateAdf } from '../../../src/local/adf-validator';
import { doc } from '../builders';

describe('comment attribution', () => {
  it('labels a comment with its author and the side it came from', () => {
    expect(attributionLabel('Maria Johnson', 'b24')).toBe('Maria Johnson (Bitrix24):');
    expect(attributionLabel('  ', 'jira')).toBe('Someone (Jira):');
  });

  it('puts the label in bold at the start of a valid document', () => {
    const body = attributedBody(doc('Looks good'), 'Maria Johnson', 'b24');
    expect(validateAdf(body)).toEqual([]);
    expect(body.content[0]?.content?.[0]).toEqual({
      type: 'text',
      text: 'Maria Johnson (Bitrix24): ',
      marks: [{ type: 'strong' }],
    });
    expect(adfPlainText(body)).toBe('Maria Johnson (Bitrix24): Looks good');
  });

  it('recognises the mirrors it wrote on each side so they never travel back', () => {
    expect(isMirroredComment('Maria Johnson (Bitrix24): Looks good', 'jira')).toBe(true);
    expect(isMirroredComment('Dev One (Jira): on it', 'b24')).toBe(true);
  });

  it("does not take a person's own comment for a mirror", () => {
    expect(isMirroredComment('Looks good (Bitrix24): yes', 'b24')).toBe(false);
    expect(isMirroredComment('Deploy (Jira) tomorrow', 'b24')).toBe(false);
    expect(isMirroredComment('Plain words', 'jira')).toBe(false);
  });

  it('strips the label to compare the words themselves', () => {
    expect(stripAttribution('Maria Johnson (Bitrix24): Looks good')).toBe('Looks good');
  });
});

describe('commentFingerprint', () => {
  it('ignores whitespace, case, Unicode form and the attribution label', () => {
    const a = commentFingerprint('Looks  good\nto me');
    expect(commentFingerprint('looks good to me ')).toBe(a);
    expect(commentFingerprint('Maria Johnson (Bitrix24): Looks good to me')).toBe(a);
    expect(commentFingerprint('Cafe\u0301')).toBe(commentFingerprint('Café'));
  });

  it('tells different words apart', () => {
    expect(commentFingerprint('Looks good')).not.toBe(commentFingerprint('Looks bad'));
  });

  it('matches a comment with its mirror after the trip through BBCode', () => {
    const original = {
      ...doc('Ship it'),
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Ship ', marks: [{ type: 'strong' }] },
            { type: 'text', text: 'it' },
          ],
        },
      ],
    };
    const mirror = bbcodeToAdf(adfToBbcode(attributedBody(original, 'Dev One', 'jira')));
    expect(docFingerprint(mirror)).toBe(docFingerprint(original));
  });
});
