/** Guarantee 6: a converted document never exceeds Jira's 32,767-character limit; cuts are visible. */
import { bbcodeToAdf, htmlToAdf, JIRA_MAX_DOC_CHARS, adfPlainText } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';

const size = (value: unknown): number => JSON.stringify(value).length;

describe('the Jira size limit', () => {
  it('is 32,767 characters', () => {
    expect(JIRA_MAX_DOC_CHARS).toBe(32767);
  });

  it('leaves a document under the limit untouched', () => {
    const result = bbcodeToAdf('short [B]text[/B]');
    expect(adfPlainText(result)).toBe('short text');
  });

  it('cuts a long BBCode description at a paragraph boundary and says so', () => {
    const paragraphs = Array.from({ length: 2000 }, (_, i) => `Paragraph number ${i} with some words.`);
    const result = bbcodeToAdf(paragraphs.join('\n\n'));
    expect(size(result)).toBeLessThanOrEqual(JIRA_MAX_DOC_CHARS);
    expect(validateAdf(result)).toEqual([]);
    const kept = result.content.slice(0, -1);
    expect(kept.length).toBeGreaterThan(100);
    kept.forEach((block, i) => expect(adfPlainText({ type: 'doc', version: 1, content: [block] })).toBe(paragraphs[i]));
    expect(adfPlainText({ type: 'doc', version: 1, content: result.content.slice(-1) })).toMatch(/Truncated/);
  });

  it('cuts a single huge block as text when not even one block fits', () => {
    const huge = `<p>${'word '.repeat(20000)}</p>`;
    const result = htmlToAdf(huge);
    expect(size(result)).toBeLessThanOrEqual(JIRA_MAX_DOC_CHARS);
    expect(validateAdf(result)).toEqual([]);
    expect(adfPlainText(result)).toMatch(/^word word/);
    expect(adfPlainText(result)).toMatch(/Truncated/);
  });

  it('counts escaped characters, not just text length (quotes and emoji expand in JSON)', () => {
    const result = bbcodeToAdf(Array.from({ length: 3000 }, () => '"\\"🚀 \u0001').join('\n\n'));
    expect(size(result)).toBeLessThanOrEqual(JIRA_MAX_DOC_CHARS);
    expect(validateAdf(result)).toEqual([]);
  });
});
