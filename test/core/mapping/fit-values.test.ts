/**
 * Values fitted to what the other side can hold: cut at whole characters, control characters and direction
 * overrides left out, a due date Bitrix24 cannot hold left unwritten. Each change is named for the journal, and
 * the read-back the merge predicts (projectTo) is exactly what toJiraFields/toB24Fields write.
 */
import { dueDateRefusal, fitTitle } from '../../../src/core/mapping/fit-values';
import { projectTo } from '../../../src/core/mapping/project';
import { toB24Fields, toJiraFields } from '../../../src/core/mapping/to-side';
import {
  cutAtGrapheme,
  docWithoutControls,
  withoutControls,
  withoutDirectionOverrides,
} from '../../../src/core/text-fit';
import { aContext, doc } from '../builders';

const wellFormed = (text: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('cutAtGrapheme', () => {
  it('leaves text within the limit as it is', () => {
    expect(cutAtGrapheme('short', 255)).toEqual({ text: 'short', shortened: false });
    expect(cutAtGrapheme('😀'.repeat(127), 254)).toEqual({ text: '😀'.repeat(127), shortened: false });
  });

  it('never keeps half of a surrogate pair', () => {
    const cut = cutAtGrapheme('😀'.repeat(300), 255);
    expect(cut).toEqual({ text: '😀'.repeat(127), shortened: true });
    expect(wellFormed(cut.text)).toBe(true);
  });

  it('keeps a letter with its combining marks, or leaves them out together', () => {
    expect(cutAtGrapheme(`abe\u0301\u0302z`, 4).text).toBe('ab');
    expect(cutAtGrapheme(`abe\u0301\u0302z`, 5).text).toBe('abe\u0301\u0302');
  });

  it('keeps flags, skin tones and ZWJ families whole', () => {
    expect(cutAtGrapheme('🇺🇦🇺🇦', 6).text).toBe('🇺🇦');
    expect(cutAtGrapheme('👍🏽👍🏽', 5).text).toBe('👍🏽');
    expect(cutAtGrapheme('a👨‍👩‍👧', 8).text).toBe('a');
  });

  it('cuts one grapheme longer than the limit at a code point, still never inside a pair', () => {
    const zalgo = `😀${'\u0301'.repeat(300)}`;
    const cut = cutAtGrapheme(zalgo, 255);
    expect(cut.shortened).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(255);
    expect(cut.text.startsWith('😀')).toBe(true);
    expect(wellFormed(cutAtGrapheme('😀😀', 1).text)).toBe(true);
  });
});

describe('withoutControls', () => {
  it('leaves out NUL, BEL, ESC, DEL and C1 controls, keeping tabs', () => {
    expect(withoutControls('a\u0000b\u0007c\u001bd\u007fe\u0085f\tg', false)).toEqual({
      text: 'abcdef\tg',
      changed: true,
    });
  });

  it('keeps line breaks only where the text has lines', () => {
    expect(withoutControls('a\nb\r\nc', true)).toEqual({ text: 'a\nb\r\nc', changed: false });
    expect(withoutControls('a\nb', false).text).toBe('ab');
  });

  it('replaces a lone surrogate, which neither side can store, and keeps pairs', () => {
    expect(withoutControls('x\uD83D y 😀', false)).toEqual({ text: 'x\uFFFD y 😀', changed: true });
  });

  it('leaves ordinary text, Cyrillic and emoji unchanged', () => {
    expect(withoutControls('Починить вход 🔑', false)).toEqual({ text: 'Починить вход 🔑', changed: false });
  });
});

describe('withoutDirectionOverrides', () => {
  it('leaves out embeddings, overrides and isolates, so a title reads in its own order', () => {
    expect(withoutDirectionOverrides('invoice\u202Efdp.exe')).toEqual({ text: 'invoicefdp.exe', changed: true });
    expect(withoutDirectionOverrides('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069x').text).toBe('x');
  });

  it('keeps right-to-left text and the implicit marks', () => {
    expect(withoutDirectionOverrides('שלום \u200Fعربي\u200E')).toEqual({
      text: 'שלום \u200Fعربي\u200E',
      changed: false,
    });
  });
});

describe('docWithoutControls', () => {
  it('cleans every text node, drops one left empty, and keeps the document otherwise', () => {
    const dirty = {
      type: 'doc' as const,
      version: 1 as const,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a\u0000\tb' },
            { type: 'text', text: '\u0007' },
          ],
        },
        { type: 'codeBlock', content: [{ type: 'text', text: 'x\ny\u001b' }] },
      ],
    };
    expect(docWithoutControls(dirty)).toEqual({
      changed: true,
      doc: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'a\tb' }] },
          { type: 'codeBlock', content: [{ type: 'text', text: 'x\ny' }] },
        ],
      },
    });
    const clean = doc('nothing odd');
    expect(docWithoutControls(clean)).toEqual({ doc: clean, changed: false });
  });
});

describe('fitTitle', () => {
  it('names each change it made for Jira', () => {
    const fitted = fitTitle('jira', `\u202E${'😀'.repeat(200)}\u0007`);
    expect(fitted.text).toBe('😀'.repeat(127));
    expect(fitted.notices.map((n) => n.code)).toEqual(['controlsRemoved', 'bidiRemoved', 'titleShortened']);
  });

  it('cleans but never cuts for Bitrix24, and names nothing for an ordinary title', () => {
    expect(fitTitle('b24', 'a\u0000b').notices).toEqual([
      { kind: 'adjusted-value', code: 'controlsRemoved', field: 'title', to: 'b24' },
    ]);
    expect(fitTitle('b24', 'x'.repeat(300)).text).toHaveLength(300);
    expect(fitTitle('jira', 'Fix the login page')).toEqual({ text: 'Fix the login page', notices: [] });
  });

  it('puts a Jira summary on one line without counting the line break as a control character', () => {
    expect(fitTitle('jira', 'one\r\ntwo')).toEqual({ text: 'one two', notices: [] });
  });
});

describe('a title with nothing visible left once fitted', () => {
  it('does not flow, and is not written, since both sides refuse a blank title', () => {
    const ctx = aContext();
    expect(projectTo('b24', 'title', '\u202E\u0007', ctx)).toMatchObject({ ok: false, code: 'invisibleTitle' });
    const write = toJiraFields({ title: '\u0000' }, ctx);
    expect(write.fields).toEqual({});
    expect(write.warnings).toContainEqual(
      expect.objectContaining({ kind: 'refused-value', field: 'title', to: 'jira', code: 'invisibleTitle' }),
    );
  });
});

describe('a due date Bitrix24 cannot hold', () => {
  it('is refused outside 1000-01-01 to 9999-12-31', () => {
    expect(dueDateRefusal('0001-01-01')).toMatchObject({
      kind: 'refused-value',
      field: 'dueDate',
      to: 'b24',
      code: 'outOfB24Range',
      params: { date: '0001-01-01' },
    });
    expect(dueDateRefusal('0999-12-31')).not.toBeNull();
    expect(dueDateRefusal('1000-01-01')).toBeNull();
    expect(dueDateRefusal('9999-12-31')).toBeNull();
  });

  it('does not flow to Bitrix24, and is not written when creating a task', () => {
    const ctx = aContext();
    expect(projectTo('b24', 'dueDate', '0001-01-01', ctx)).toMatchObject({ ok: false, code: 'outOfB24Range' });
    const write = toB24Fields({ title: 'Ancient', dueDate: '0001-01-01' }, ctx, { create: true });
    expect(write.fields).not.toHaveProperty('DEADLINE');
    expect(write.warnings).toEqual([expect.objectContaining({ kind: 'refused-value', field: 'dueDate' })]);
  });

  it('still flows to Jira, which holds it', () => {
    expect(projectTo('jira', 'dueDate', '0001-01-01', aContext())).toEqual({ ok: true, value: '0001-01-01' });
  });
});

describe('the projection and the write agree', () => {
  it.each([
    ['jira', '😀'.repeat(300)],
    ['jira', 'a\u0000b\u202Ec'],
    ['b24', 'a\u0007b\u2066c\u2069'],
    ['jira', 'plain'],
  ] as const)('for a title to %s', (to, title) => {
    const ctx = aContext();
    const projected = projectTo(to, 'title', title, ctx);
    const written =
      to === 'jira' ? toJiraFields({ title }, ctx).fields.summary : toB24Fields({ title }, ctx).fields.TITLE;
    expect(projected).toMatchObject({ ok: true, value: written });
  });

  it('for a description with control characters', () => {
    const ctx = aContext();
    const dirty = doc('ring\u0007 the bell');
    expect(projectTo('jira', 'description', dirty, ctx)).toEqual({
      ok: true,
      value: doc('ring the bell'),
      notices: [expect.objectContaining({ code: 'controlsRemoved', field: 'description', to: 'jira' })],
    });
    expect(toJiraFields({ description: dirty }, ctx).fields.description).toEqual(doc('ring the bell'));
    expect(toB24Fields({ description: dirty }, ctx).fields.DESCRIPTION).toBe('ring the bell');
  });
});
