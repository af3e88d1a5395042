/** The helpers the sync layer calls besides the four converters, and the public contract of index.ts. */
import * as convert from '../../src/core/convert';
import { adfPlainText, prependAttribution } from '../../src/core/convert';
import { validateAdf } from '../../src/local/adf-validator';
import { doc, p, strong, text } from './builders';

describe('the module surface', () => {
  it('exports the six converters and the helpers under their agreed names', () => {
    expect(Object.keys(convert).sort()).toEqual([
      'JIRA_MAX_DOC_CHARS',
      'adfPlainText',
      'adfToBbcode',
      'adfToHtml',
      'adfToWiki',
      'bbcodeToAdf',
      'bbcodeToWholeAdf',
      'htmlToAdf',
      'htmlToWholeAdf',
      'isTruncationNotice',
      'prependAttribution',
      'splitDoc',
      'wikiToAdf',
    ]);
  });
});

describe('prependAttribution', () => {
  const label = 'Maria Johnson (Bitrix24): ';

  it('puts the label in bold at the start of the first paragraph', () => {
    const result = prependAttribution(doc(p(text('Looks good')), p(text('second'))), label);
    expect(result).toEqual(doc(p(text(label, strong), text('Looks good')), p(text('second'))));
    expect(validateAdf(result)).toEqual([]);
  });

  it('adds a paragraph when the document does not start with one', () => {
    const list = { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('item'))] }] };
    const result = prependAttribution(doc(list), label);
    expect(result).toEqual(doc(p(text(label, strong)), list));
    expect(validateAdf(result)).toEqual([]);
  });

  it('gives an empty document a paragraph with just the label', () => {
    expect(prependAttribution(doc(), label)).toEqual(doc(p(text(label, strong))));
  });

  it('does not modify its input', () => {
    const input = doc(p(text('x')));
    prependAttribution(input, label);
    expect(input).toEqual(doc(p(text('x'))));
  });
});

describe('adfPlainText', () => {
  it('reads blocks as lines and hard breaks as newlines', () => {
    const list = {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [p(text('a'))] },
        { type: 'listItem', content: [p(text('b'))] },
      ],
    };
    expect(adfPlainText(doc(p(text('one'), { type: 'hardBreak' }, text('two', strong)), list))).toBe('one\ntwo\na\nb');
  });

  it('includes the visible text of mentions, emoji, statuses, dates and cards', () => {
    const result = adfPlainText(
      doc(
        p(
          { type: 'mention', attrs: { id: 'acc', text: '@Maria' } },
          text(' '),
          { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
          text(' '),
          { type: 'status', attrs: { text: 'DONE', color: 'green' } },
          text(' '),
          { type: 'date', attrs: { timestamp: '1735689600000' } },
          text(' '),
          { type: 'inlineCard', attrs: { url: 'https://x.example' } },
        ),
      ),
    );
    expect(result).toBe('Maria 😄 DONE 2025-01-01 https://x.example');
  });

  it('is empty for an empty document', () => {
    expect(adfPlainText(doc())).toBe('');
  });
});
