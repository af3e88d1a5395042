/**
 * The shapes a Bitrix24 delivery may reach the web trigger in, whatever its Content-Type: form text, that text
 * JSON-encoded, or the decoded form as a JSON object; JSON gets the form's limits (no prototype keys, no deep nesting).
 */
import { decodeDeliveryBody, FormBodyError } from '../../../src/app/intake/b24-form-body';

const FORM = 'event=ONTASKUPDATE&data%5BFIELDS_AFTER%5D%5BID%5D=7&auth%5Bdomain%5D=x.bitrix24.com';
const DECODED = { event: 'ONTASKUPDATE', data: { FIELDS_AFTER: { ID: '7' } }, auth: { domain: 'x.bitrix24.com' } };

describe('a Bitrix24 delivery body', () => {
  it.each([
    ['form text', FORM],
    ['form text with a trailing line break', `${FORM}\n`],
    ['the form text as a JSON string', JSON.stringify(FORM)],
    ['the decoded form as JSON', JSON.stringify(DECODED)],
  ])('reads %s as the same event', (_name, body) => {
    expect(decodeDeliveryBody(body)).toEqual(DECODED);
  });

  it.each([
    ['broken JSON', '{"event": "ONTASKUPDATE"'],
    ['a JSON array', '["event"]'],
    ['a prototype key in JSON', '{"event": "X", "__proto__": {"polluted": "1"}}'],
    [
      'JSON nested deeper than the form allows',
      JSON.stringify({ a: { b: { c: { d: { e: { f: { g: { h: { i: '1' } } } } } } } } }),
    ],
  ])('refuses %s', (_name, body) => {
    expect(() => decodeDeliveryBody(body)).toThrow(FormBodyError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
