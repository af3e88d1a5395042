/** Merging a person's edit of a shortened copy back into the whole text it was cut from. */
import type { AdfDoc } from '../../../src/core/adf';
import { bbcodeToAdf, bbcodeToWholeAdf, isTruncationNotice } from '../../../src/core/convert';
import { planPairSync } from '../../../src/core/sync/merge';
import {
  mergeShortenedDescription,
  mergeShortenedTitle,
  remainderAfter,
  reviseForShortenedCopies,
} from '../../../src/core/sync/shortened';
import { aCanonical, aContext } from '../builders';

const paragraphs = Array.from({ length: 400 }, (_, i) =>
  `Paragraph ${i} ${'with enough words to take room. '.repeat(4)}`.trim(),
);
const source = paragraphs.join('\n\n');
const whole = bbcodeToWholeAdf(source);
const copy = bbcodeToAdf(source);
const kept = copy.content.length - 1;

const withWord = (d: AdfDoc, index: number, word: string): AdfDoc => ({
  ...d,
  content: d.content.map((b, i) => (i === index ? { type: 'paragraph', content: [{ type: 'text', text: word }] } : b)),
});

describe('mergeShortenedDescription', () => {
  it('puts the edited copy in place of the part it was cut from and keeps the rest', () => {
    const merged = mergeShortenedDescription(whole, copy, copy, withWord(copy, 3, 'edited'));
    expect(merged.ok && merged.value.content).toEqual([
      ...withWord(copy, 3, 'edited').content.slice(0, -1),
      ...whole.content.slice(kept),
    ]);
    expect(merged.ok && merged.value.content.some((b) => isTruncationNotice(b))).toBe(false);
  });

  it('keeps whatever Bitrix24 holds past the cut now, edited there meanwhile or not', () => {
    const later = bbcodeToWholeAdf(`${source}\n\nAdded at the end in Bitrix24`);
    const merged = mergeShortenedDescription(later, copy, copy, copy);
    expect(merged.ok && merged.value.content.at(-1)).toEqual(later.content.at(-1));
  });

  it('refuses when the notice was removed, moved or doubled, since the end of the copy is then unknown', () => {
    const notice = copy.content[kept];
    if (!notice) throw new Error('no notice');
    for (const edited of [
      { ...copy, content: copy.content.slice(0, -1) },
      { ...copy, content: [notice, ...copy.content.slice(0, -1)] },
      { ...copy, content: [...copy.content, notice] },
    ]) {
      expect(mergeShortenedDescription(whole, copy, copy, edited)).toEqual({ ok: false, code: 'noticeEdited' });
    }
  });

  it('refuses when the part Jira shows changed in Bitrix24 too', () => {
    const changed = bbcodeToWholeAdf(`New start\n\n${source}`);
    const copyNow = bbcodeToAdf(`New start\n\n${source}`);
    expect(mergeShortenedDescription(changed, copyNow, copy, withWord(copy, 1, 'x'))).toEqual({
      ok: false,
      code: 'copyStale',
    });
  });

  it('refuses a copy that ends inside a first paragraph too long on its own', () => {
    const one = 'word '.repeat(10_000).trim();
    const cut = bbcodeToAdf(one);
    expect(mergeShortenedDescription(bbcodeToWholeAdf(one), cut, cut, cut)).toEqual({
      ok: false,
      code: 'cutInsideBlock',
    });
  });
});

describe('shortened titles', () => {
  const title = `Start ${'x'.repeat(300)} end`;
  const summary = title.slice(0, 255);

  it('finds what follows the copy, line breaks of the whole matching the spaces of the copy', () => {
    expect(remainderAfter('one\r\ntwo three', 'one two')).toBe(' three');
    expect(remainderAfter('one two', 'two')).toBeUndefined();
  });

  it('appends the rest to an edit that keeps the end of the summary', () => {
    expect(mergeShortenedTitle(title, summary, summary.replace('Start', 'Begin'))).toEqual({
      ok: true,
      value: title.replace('Start', 'Begin'),
    });
  });

  it('refuses an edit that rewrote the end of the summary', () => {
    expect(mergeShortenedTitle(title, summary, 'Something else')).toEqual({ ok: false, code: 'titleEndEdited' });
  });
});

describe('reviseForShortenedCopies', () => {
  const ctx = aContext();
  const plan = (b24: AdfDoc, jira: AdfDoc, base: AdfDoc) => {
    const input = {
      b24: aCanonical({ description: b24 }),
      jira: aCanonical({ description: jira }),
      base: { b24: aCanonical({ description: base }), jira: aCanonical({ description: base }) },
    };
    const planned = planPairSync({
      ...input,
      ctx,
      b24ChangedAt: '2025-01-01T00:00:00Z',
      jiraChangedAt: '2025-01-01T00:00:00Z',
    });
    return reviseForShortenedCopies({
      plan: planned,
      current: { b24: input.b24, jira: input.jira },
      base: input.base,
      wholeDescription: () => whole,
      ctx,
    });
  };

  it('writes the merged whole to Bitrix24, and a next base that reads back as the copy Jira holds', () => {
    // Same length, so the whole is cut where it was.
    const edited = withWord(copy, 2, paragraphs[2]?.replace('Paragraph 2', 'Paragraph X') ?? '');
    const revised = plan(copy, edited, copy);
    expect(revised.refused).toEqual([]);
    expect(revised.plan.toB24.description?.content.length).toBe(whole.content.length);
    expect(revised.refresh).toBe(false);
    expect(revised.plan.nextBase.b24.description).toEqual(edited);
  });

  it('asks for a fresh copy when the merged whole is cut elsewhere', () => {
    const shorter = { ...copy, content: copy.content.filter((_, i) => i !== 0 && i !== 1) };
    const revised = plan(copy, shorter, copy);
    expect(revised.refresh).toBe(true);
    // Marked as changed in Bitrix24 only, so the copy flows to Jira next even after an interruption.
    expect(revised.plan.nextBase.b24.description).toEqual(shorter);
  });

  it('leaves both sides as they read when the merge is refused', () => {
    const bare = { ...copy, content: copy.content.slice(0, -1) };
    const revised = plan(copy, bare, copy);
    expect(revised.refused).toEqual([{ field: 'description', code: 'noticeEdited' }]);
    expect(revised.plan.toB24.description).toBeUndefined();
    expect(revised.plan.nextBase).toEqual({
      b24: aCanonical({ description: copy }),
      jira: aCanonical({ description: bare }),
    });
  });

  it('leaves a description that fits alone', () => {
    const short = bbcodeToAdf('Short');
    const revised = plan(short, bbcodeToAdf('Edited'), short);
    expect(revised.plan.toB24.description).toEqual(bbcodeToAdf('Edited'));
    expect(revised.refused).toEqual([]);
  });
});
