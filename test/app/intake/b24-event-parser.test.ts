import { parseB24EventBody, parseB24EventObject } from '../../../src/app/intake/b24-event-parser';
import { parseFormBody } from '../../../src/app/intake/b24-form-body';
import { fixtureJson, fixtureText } from '../../adapters/support';

const DOCS_AUTH = {
  domain: 'some-domain.bitrix24.com',
  memberId: 'a223c6b3710f85df22e9377d6c4f7553',
  applicationToken: '51856fefc120afa4b628cc82d3935cce',
  clientEndpoint: 'https://some-domain.bitrix24.com/rest/',
};

describe('PHP-style form body decoding', () => {
  it('decodes percent-encoded bracket keys into nested objects (recorded SDK body)', () => {
    const body = parseFormBody(fixtureText('b24/sdk/b24phpsdk.ONCRMCONTACTADD.raw.txt'));
    expect(body).toMatchObject({
      event: 'ONCRMCONTACTADD',
      data: { FIELDS: { ID: '134806' } },
      auth: { scope: 'crm,placement,user_brief', status: 'L' },
    });
  });

  it.each([
    'ONTASKADD',
    'ONTASKUPDATE',
    'ONTASKDELETE',
    'ONTASKCOMMENTADD.legacy-card',
    'ONTASKCOMMENTADD.chat-card',
    'ONTASKCOMMENTUPDATE',
    'ONTASKCOMMENTDELETE',
    'ONAPPINSTALL',
  ])('decodes %s.raw back to the documented JSON with every leaf a string', (name) => {
    const stringify = (v: unknown): unknown =>
      typeof v === 'object' && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stringify(x)]))
        : String(v);
    expect(parseFormBody(fixtureText(`b24/events/${name}.raw.constructed.txt`))).toEqual(
      stringify(fixtureJson(`b24/events/${name}.json`)),
    );
  });

  it('decodes the observed raw body with unencoded brackets to its published parsed form', () => {
    expect(parseFormBody(fixtureText('b24/events/ONTASKCOMMENTADD.chat-card.observed.raw.txt'))).toEqual(
      fixtureJson('b24/events/ONTASKCOMMENTADD.chat-card.observed.parsed.json'),
    );
  });

  it('refuses prototype keys, broken brackets and broken escapes', () => {
    expect(() => parseFormBody('a[__proto__][x]=1')).toThrow(/Forbidden key/);
    expect(() => parseFormBody('a[b=1')).toThrow(/Malformed bracket key/);
    expect(() => parseFormBody('a=%E0%A4%A')).toThrow(/percent-encoding/);
  });
});

describe('Bitrix24 event parser', () => {
  it.each([
    ['ONTASKADD', { kind: 'task-added', taskId: '123' }],
    ['ONTASKUPDATE', { kind: 'task-updated', taskId: '123' }],
    ['ONTASKDELETE', { kind: 'task-deleted', taskId: '123' }],
    ['ONTASKCOMMENTADD.legacy-card', { kind: 'comment-added', taskId: '555', commentId: '123' }],
    ['ONTASKCOMMENTADD.chat-card', { kind: 'comment-added', taskId: '555', commentId: null, messageId: '1458' }],
    ['ONTASKCOMMENTUPDATE', { kind: 'comment-updated', taskId: '555', commentId: '123' }],
    ['ONTASKCOMMENTDELETE', { kind: 'comment-deleted', taskId: '555', commentId: '123' }],
  ])('parses the %s raw body and the documented JSON to the same event', (name, expected) => {
    const fromRaw = parseB24EventBody(fixtureText(`b24/events/${name}.raw.constructed.txt`));
    expect(fromRaw).toEqual({ ...expected, event: name.split('.')[0], ts: 1466439714, auth: DOCS_AUTH });
    expect(parseB24EventObject(fixtureJson(`b24/events/${name}.json`))).toEqual(fromRaw);
  });

  it('never keeps the OAuth tokens that app events carry', () => {
    const event = parseB24EventBody(fixtureText('b24/events/ONTASKADD.raw.constructed.txt'));
    expect(JSON.stringify(event)).not.toMatch(/s6p6eclrvim6da22ft9ch94ekreb52lv|4s386p3q0tr8dy89xvmt96234v3dljg8/);
  });

  it("parses the observed live delivery of a new task card's chat comment (raw brackets, no tokens)", () => {
    expect(parseB24EventBody(fixtureText('b24/events/ONTASKCOMMENTADD.chat-card.observed.raw.txt'))).toEqual({
      kind: 'comment-added',
      event: 'ONTASKCOMMENTADD',
      taskId: '2536',
      commentId: null,
      messageId: '48760',
      ts: 1769071218,
      auth: {
        domain: 'b24-mg3u3i.bitrix24.ru',
        memberId: 'c7848c26da9f20fa0d54043bf464b60c',
        applicationToken: 'yp5j69lbdodv8vx138ok4kjay8kp19aj',
        clientEndpoint: 'https://b24-mg3u3i.bitrix24.ru/rest/',
      },
    });
  });

  it('reports other events as unknown, with the sender identity of an outgoing webhook envelope without tokens', () => {
    expect(parseB24EventObject(fixtureJson('b24/events/envelope.ONCRMDEALADD.no-tokens.json'))).toEqual({
      kind: 'unknown',
      event: 'ONCRMDEALADD',
      auth: {
        domain: 'some-domain.bitrix24.com',
        memberId: 'd897063e1ce7c5eb9f04b9751eef5915',
        applicationToken: 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas',
        clientEndpoint: 'https://some-domain.bitrix24.com/rest/',
      },
    });
    expect(parseB24EventObject(fixtureJson('b24/events/envelope.ONCRMDEALADD.app-with-tokens.json'))).toMatchObject({
      kind: 'unknown',
    });
    expect(parseB24EventBody(fixtureText('b24/events/ONAPPINSTALL.raw.constructed.txt'))).toMatchObject({
      kind: 'unknown',
      event: 'ONAPPINSTALL',
    });
  });

  it.each([
    ['an empty body', ''],
    ['a body without event', 'data[FIELDS_AFTER][ID]=1'],
    ['a task event without auth', 'event=ONTASKADD&data[FIELDS_AFTER][ID]=1'],
    [
      'a task event without a task id',
      'event=ONTASKUPDATE&data[FIELDS_BEFORE]=undefined&data[FIELDS_AFTER]=undefined&auth[domain]=d&auth[member_id]=m&auth[application_token]=t',
    ],
    [
      'a non-numeric id',
      'event=ONTASKADD&data[FIELDS_AFTER][ID]=1;drop&auth[domain]=d&auth[member_id]=m&auth[application_token]=t',
    ],
    ['a broken escape', 'event=ONTASKADD&data%5BFIELDS_AFTER%5D%5BID%5D=%ZZ'],
  ])('refuses %s as a validation error', (_name, body) => {
    expect(() => parseB24EventBody(body)).toThrow(
      expect.objectContaining({ reason: 'validation', code: 'b24-event:malformed' }) as Error,
    );
  });
});
