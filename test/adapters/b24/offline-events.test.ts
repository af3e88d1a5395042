/**
 * The offline queue as the client reads it (events/event-offline-get.md): each record comes back addressed by ID
 * and MESSAGE_ID with its data as sent, which the drain reads with the event intake's rules (an unreadable record
 * is still addressable, so it can be marked); a reply whose records cannot be addressed at all is refused.
 */
import { createB24Auth } from '../../../src/adapters/b24/auth';
import { createB24Client } from '../../../src/adapters/b24/client';
import { parseB24ChangeData } from '../../../src/app/intake/b24-event-parser';
import { B24_CREDENTIALS_KEY } from '../../../src/ports/b24-credentials';
import { fakeTransport, fixedClock, memorySecrets, reply } from '../support';

const NOW = 1_759_759_363_000;
const WEBHOOK = { mode: 'webhook', webhookUrl: 'https://tasks.example-corp.ru/rest/1/s3cr3t/' } as const;

const client = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  const auth = createB24Auth({
    secrets: memorySecrets({ [B24_CREDENTIALS_KEY]: WEBHOOK }),
    transport: fake.transport,
    clock: fixedClock(NOW),
  });
  return { b24: createB24Client(auth, fake.transport, fixedClock(NOW)), requests: fake.requests };
};

const record = (fields: Record<string, unknown>) => ({
  ID: '1',
  TIMESTAMP_X: '2024-07-18T12:32:31+02:00',
  EVENT_NAME: 'ONTASKUPDATE',
  EVENT_ADDITIONAL: false,
  MESSAGE_ID: 'a1',
  EVENT_DATA: {
    FIELDS_BEFORE: { ID: 812 },
    FIELDS_AFTER: { ID: 812 },
    IS_ACCESSIBLE_BEFORE: 'undefined',
    IS_ACCESSIBLE_AFTER: 'undefined',
  },
  ...fields,
});

describe('event.offline.get', () => {
  it('reserves with clear=0 under the process id and hands back each record addressed, its data as sent', async () => {
    const events = [
      record({}),
      record({
        ID: '2',
        MESSAGE_ID: 'b2',
        EVENT_NAME: 'ONTASKCOMMENTADD',
        EVENT_DATA: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: 0, MESSAGE_ID: 48001, TASK_ID: 812 } },
      }),
    ];
    const { b24, requests } = client(reply(200, { result: { process_id: 'drain-7', events } }));
    const page = await b24.getOfflineEvents({ processId: 'drain-7', limit: 50 });
    expect(requests[0]?.json).toEqual({ clear: 0, process_id: 'drain-7', limit: 50 });
    expect(page).toEqual({
      processId: 'drain-7',
      records: [
        { id: '1', messageId: 'a1', event: 'ONTASKUPDATE', ts: 1721298751, data: events[0]?.EVENT_DATA },
        { id: '2', messageId: 'b2', event: 'ONTASKCOMMENTADD', ts: 1721298751, data: events[1]?.EVENT_DATA },
      ],
    });
    const hints = page.records.map((r) => parseB24ChangeData(r.event, r.data));
    expect(hints).toEqual([
      { kind: 'task-updated', taskId: '812' },
      { kind: 'comment-added', taskId: '812', commentId: null, messageId: '48001' },
    ]);
  });

  it.each([
    [
      'a task id that is no number',
      record({ EVENT_DATA: { FIELDS_AFTER: { ID: '12; DROP' }, FIELDS_BEFORE: 'undefined' } }),
    ],
    ['an event the app never binds', record({ EVENT_NAME: 'ONCRMDEALUPDATE', EVENT_DATA: { FIELDS: { ID: 7 } } })],
    ["the docs' own example, EVENT_DATA false", record({ EVENT_DATA: false })],
  ])('keeps %s addressed by ID and MESSAGE_ID, and the intake rules refuse it', async (_what, raw) => {
    const { b24 } = client(reply(200, { result: { process_id: 'p', events: [raw] } }));
    const [only] = (await b24.getOfflineEvents({ processId: 'p', limit: 50 })).records;
    expect(only).toMatchObject({ id: '1', messageId: 'a1' });
    expect(() => parseB24ChangeData(only?.event ?? '', only?.data)).toThrow(/^Malformed Bitrix24 event/);
  });

  it('refuses a reply whose record has no ID (it could be neither confirmed nor marked), or no process id', async () => {
    const { b24 } = client(
      reply(200, { result: { process_id: 'p', events: [record({ ID: undefined })] } }),
      reply(200, { result: { process_id: null, events: [] } }),
    );
    await expect(b24.getOfflineEvents({ processId: 'p', limit: 50 })).rejects.toMatchObject({
      reason: 'invalid-reply',
    });
    await expect(b24.getOfflineEvents({ processId: 'p', limit: 50 })).rejects.toMatchObject({
      reason: 'invalid-reply',
    });
  });
});

describe('confirming and marking', () => {
  it('clears exactly the given record IDs of the process, and marks failures by MESSAGE_ID', async () => {
    const { b24, requests } = client(reply(200, { result: true }), reply(200, { result: true }));
    await b24.clearOfflineEvents('drain-7', ['1', '2']);
    await b24.markOfflineEventsFailed('drain-7', ['c3']);
    expect(requests.map((r) => [r.url.split('/').pop(), r.json])).toEqual([
      ['event.offline.clear', { process_id: 'drain-7', id: ['1', '2'] }],
      ['event.offline.error', { process_id: 'drain-7', message_id: ['c3'] }],
    ]);
  });
});
