/**
 * Conformance: @bitrix24/b24jssdk 2.2.0 in webhook mode drives the emulated Bitrix24 through every method the app
 * calls (src/adapters/b24), task list paging with the SDK's list helpers and `batch` in both forms, and gets the
 * documented replies and refusals (b24restdocs; see src/local/README.md, "Emulated Bitrix24").
 */
import { ApiVersion, type AjaxResult, type B24Hook, type B24OAuth } from '@bitrix24/b24jssdk';
import { refusal, resultOf, sdkWorld, type SdkWorld } from './b24-sdk';

interface TaskReply {
  task: {
    id: string;
    title: string;
    status: string;
    descriptionInBbcode: string;
    xmlId?: string | null;
    chatId?: number;
  };
}

let w: SdkWorld;
let anna: B24Hook;
let ben: B24Hook;

beforeAll(async () => {
  w = await sdkWorld();
  anna = w.hook('1');
  ben = w.hook('2');
});
afterAll(() => w.close());

const call = <T>(b24: B24Hook, method: string, params?: object): Promise<AjaxResult<T>> =>
  b24.actions.v2.call.make<T>({ method, ...(params === undefined ? {} : { params }) });
const ok = async <T>(b24: B24Hook, method: string, params?: object): Promise<T> =>
  resultOf(await call<T>(b24, method, params));
const newTask = async (fields: Record<string, unknown> = {}): Promise<string> =>
  (
    await ok<TaskReply>(anna, 'tasks.task.add', {
      fields: { TITLE: 'Conformance', RESPONSIBLE_ID: 2, GROUP_ID: 1, ...fields },
    })
  ).task.id;

describe('tasks.task.* as the app calls them', () => {
  it('adds, reads with select (descriptionInBbcode always present), updates and deletes', async () => {
    const id = await newTask({ XML_ID: 'J-1' });
    const got = await ok<TaskReply>(anna, 'tasks.task.get', { taskId: id, select: ['ID', 'TITLE', 'XML_ID'] });
    expect(got.task).toMatchObject({ id, title: 'Conformance', xmlId: 'J-1', descriptionInBbcode: 'Y' });
    expect(
      (await ok<TaskReply>(anna, 'tasks.task.update', { taskId: id, fields: { TITLE: 'Renamed' } })).task.title,
    ).toBe('Renamed');
    expect(await ok(anna, 'tasks.task.delete', { taskId: id })).toEqual({ task: true });
    expect(await ok(anna, 'tasks.task.get', { taskId: id })).toEqual([]);
  });

  it('runs the status actions: the assignee completes into control (4), the creator approves (5)', async () => {
    const id = await newTask({ TASK_CONTROL: 'Y' });
    expect((await ok<TaskReply>(ben, 'tasks.task.start', { taskId: id })).task.status).toBe('3');
    expect((await ok<TaskReply>(ben, 'tasks.task.complete', { taskId: id })).task.status).toBe('4');
    expect((await ok<TaskReply>(anna, 'tasks.task.approve', { taskId: id })).task.status).toBe('5');
    expect((await ok<TaskReply>(anna, 'tasks.task.renew', { taskId: id })).task.status).toBe('2');
    expect((await ok<TaskReply>(ben, 'tasks.task.start', { taskId: id })).task.status).toBe('3');
    expect((await ok<TaskReply>(ben, 'tasks.task.pause', { taskId: id })).task.status).toBe('2');
    expect((await ok<TaskReply>(anna, 'tasks.task.defer', { taskId: id })).task.status).toBe('6');
    // Only a task awaiting control (4) can be disapproved: the documented tasks.task.* refusal.
    expect(await refusal(call(anna, 'tasks.task.disapprove', { taskId: id }))).toMatchObject({
      status: 400,
      message: 'Action on the task is not allowed (internal error)',
    });
  });

  it('refuses what the docs refuse: no title, a select that is not a list, a lower-case order key', async () => {
    expect(await refusal(call(anna, 'tasks.task.add', { fields: { RESPONSIBLE_ID: 2 } }))).toMatchObject({
      code: 'ERROR_CORE',
      status: 400,
    });
    expect(await refusal(call(anna, 'tasks.task.get', { taskId: 1, select: {} }))).toMatchObject({
      code: '100',
      status: 400,
    });
    // The portal's code is "0"; the SDK reports a falsy code as its own ERR_BAD_REQUEST, so the text is compared.
    expect(await refusal(call(anna, 'tasks.task.list', { order: { id: 'asc' } }))).toMatchObject({
      status: 400,
      message: 'Invalid sorting key (internal error)',
    });
  });

  it("finds an issue's task by GROUP_ID and >=CREATED_DATE, newest first, XML_ID being no filter", async () => {
    const first = await newTask({ XML_ID: 'J-10' });
    const created = (
      await ok<{ task: { createdDate: string } }>(anna, 'tasks.task.get', {
        taskId: first,
        select: ['ID', 'CREATED_DATE'],
      })
    ).task.createdDate;
    const second = await newTask({ XML_ID: 'J-11' });
    const page = await ok<{ tasks: { id: string; xmlId: string }[] }>(anna, 'tasks.task.list', {
      filter: { GROUP_ID: 1, '>=CREATED_DATE': created },
      select: ['ID', 'XML_ID'],
    });
    expect(page.tasks.map((t) => t.id).slice(0, 2)).toEqual([second, first]);
    const byXmlId = await ok<{ tasks: unknown[] }>(anna, 'tasks.task.list', {
      filter: { XML_ID: 'J-10' },
      select: ['ID'],
    });
    expect(byXmlId.tasks.length).toBeGreaterThan(1);
  });
});

describe('task list paging with the SDK list helpers', () => {
  const GROUP = 2;
  let ids: string[] = [];

  beforeAll(async () => {
    const calls = Array.from(
      { length: 120 },
      (_, i) =>
        ['tasks.task.add', { fields: { TITLE: `Paged ${i}`, RESPONSIBLE_ID: 2, GROUP_ID: GROUP } }] as [string, object],
    );
    const added = await anna.actions.v2.batchByChunk.make<TaskReply>({ calls, options: { isHaltOnError: true } });
    expect(added.isSuccess).toBe(true);
    ids =
      (
        await anna.actions.v2.callList.make<{ id: string }>({
          method: 'tasks.task.list',
          params: { filter: { GROUP_ID: GROUP }, select: ['ID'] },
          idKey: 'id',
          cursorIdKey: 'ID',
          customKeyForResult: 'tasks',
        })
      )
        .getData()
        ?.map((t) => t.id) ?? [];
  });

  it('callList gathers every task of the workgroup (the 2 seeded legacy ones and 120 new) once each, by >ID cursor', () => {
    expect(ids).toHaveLength(122);
    expect(new Set(ids).size).toBe(122);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
  });

  it('fetchList yields pages of 50', async () => {
    const sizes: number[] = [];
    for await (const chunk of anna.actions.v2.fetchList.make<{ id: string }>({
      method: 'tasks.task.list',
      params: { filter: { GROUP_ID: GROUP }, select: ['ID'] },
      idKey: 'id',
      cursorIdKey: 'ID',
      customKeyForResult: 'tasks',
    })) {
      sizes.push(chunk.length);
    }
    expect(sizes).toEqual([50, 50, 22]);
  });

  it('start pages carry next and total, and the default order is ID descending', async () => {
    const page = await call<{ tasks: { id: string }[] }>(anna, 'tasks.task.list', {
      filter: { GROUP_ID: GROUP },
      select: ['ID'],
      start: 50,
    });
    expect([page.isMore(), page.getTotal()]).toEqual([true, 122]);
    expect(resultOf(page).tasks[0]?.id).toBe([...ids].reverse()[50]);
    const last = await page.getNext(anna.getHttpClient(ApiVersion.v2));
    expect(last && [resultOf(last).tasks.length, last.isMore()]).toEqual([22, false]);
  });
});

describe('batch in both forms (settings/how-to-call-rest-api/batch.md)', () => {
  it('runs named commands: a task and its positional comment list, as the app reads a task', async () => {
    const id = await newTask();
    await ok(anna, 'task.commentitem.add', [id, { POST_MESSAGE: 'in batch' }]);
    const reply = await anna.actions.v2.batch.make<unknown>({
      calls: {
        task: ['tasks.task.get', { taskId: id, select: ['ID', 'TITLE'] }],
        comments: ['task.commentitem.getlist', [id, { POST_DATE: 'asc' }]],
      },
      options: { isHaltOnError: true, returnAjaxResult: false },
    });
    const data = reply.getData() as { task: TaskReply; comments: { POST_MESSAGE: string }[] };
    expect(data.task.task.id).toBe(id);
    expect(data.comments.map((c) => c.POST_MESSAGE)).toEqual(['in batch']);
  });

  it('runs a list of commands (cmd as a JSON array) and answers by position', async () => {
    const reply = await anna.actions.v2.batch.make<unknown>({
      calls: [['profile'], ['user.get', { FILTER: { ID: 2 } }]],
      options: { isHaltOnError: true, returnAjaxResult: false },
    });
    const [profile, users] = reply.getData() as [{ ID: string }, { ID: string }[]];
    expect([profile.ID, users[0]?.ID]).toEqual(['1', '2']);
  });

  it('reports a nested batch as ERROR_BATCH_METHOD_NOT_ALLOWED and runs the rest', async () => {
    const reply = await anna.actions.v2.batch.make<unknown>({
      calls: { me: ['profile'], nested: ['batch', {}] },
      options: { isHaltOnError: false, returnAjaxResult: true },
    });
    expect(reply.getErrorMessages()).toEqual(['Method is not allowed for batch usage']);
    const results = reply.getData() as Record<string, AjaxResult<unknown>>;
    expect(results.me?.isSuccess).toBe(true);
  });
});

describe('legacy comments, positional (data-encoding.md)', () => {
  it('adds, reads, lists, updates and deletes with positional arguments', async () => {
    const id = await newTask();
    const cid = await ok<number>(anna, 'task.commentitem.add', [id, { POST_MESSAGE: '[B]Hi[/B]' }]);
    expect((await ok<{ POST_MESSAGE: string }>(anna, 'task.commentitem.get', [id, cid])).POST_MESSAGE).toBe(
      '[B]Hi[/B]',
    );
    expect(await ok(anna, 'task.commentitem.update', [id, cid, { POST_MESSAGE: 'edited' }])).toBe(true);
    expect(
      (await ok<{ POST_MESSAGE: string }[]>(anna, 'task.commentitem.getlist', [id, { POST_DATE: 'asc' }])).map(
        (c) => c.POST_MESSAGE,
      ),
    ).toEqual(['edited']);
    expect(await ok(anna, 'task.commentitem.delete', [id, cid])).toBe(true);
  });

  it('refuses arguments by name with the documented WRONG_ARGUMENTS error', async () => {
    const id = await newTask();
    const refused = await refusal(call(anna, 'task.commentitem.add', { TASKID: id, FIELDS: { POST_MESSAGE: 'x' } }));
    expect(refused).toMatchObject({ code: 'ERROR_CORE', status: 400 });
    expect(refused.message).toContain(
      'Param #0 (taskId) for method ctaskcommentitem::add() expected to be of type "integer"',
    );
  });
});

describe("the new task card's chat", () => {
  it('posts (REST 3.0 and im.message.add), reads, edits and deletes messages', async () => {
    w.platform.b24.setDefaultCardKind('chat');
    const id = await newTask();
    w.platform.b24.setDefaultCardKind('legacy');
    const chatId = (await ok<TaskReply>(anna, 'tasks.task.get', { taskId: id, select: ['CHAT_ID'] })).task.chatId;
    const sent = resultOf(
      await anna.actions.v3.call.make({
        method: 'tasks.task.chat.message.send',
        params: { fields: { taskId: Number(id), text: 'from v3' } },
      }),
    );
    expect(sent).toEqual({ result: true });
    const mid = await ok<number>(anna, 'im.message.add', { DIALOG_ID: `chat${chatId}`, MESSAGE: 'from Jira' });
    expect(await ok(anna, 'im.message.update', { MESSAGE_ID: mid, MESSAGE: 'edited' })).toBe(true);
    const read = await ok<{ messages: { text: string }[] }>(anna, 'im.dialog.messages.get', {
      DIALOG_ID: `chat${chatId}`,
      LIMIT: 50,
    });
    expect(read.messages.map((m) => m.text)).toEqual(['edited', 'from v3']);
    expect(await refusal(call(ben, 'im.message.delete', { MESSAGE_ID: mid }))).toMatchObject({
      code: 'CANT_EDIT_MESSAGE',
      status: 403,
    });
    expect(await ok(anna, 'im.message.delete', { MESSAGE_ID: mid })).toBe(true);
  });
});

describe('Drive: storages, uploads, attachments', () => {
  it("uploads into the root folder of the caller's own storage and attaches the file to a task", async () => {
    const [storage] = await ok<{ ID: string; ROOT_OBJECT_ID: string; ENTITY_ID: string }[]>(
      anna,
      'disk.storage.getlist',
      { filter: { ENTITY_TYPE: 'user', ENTITY_ID: '1' } },
    );
    expect(storage?.ENTITY_ID).toBe('1');
    const up = await ok<{ ID: string; STORAGE_ID: string }>(anna, 'disk.folder.uploadfile', {
      id: storage?.ROOT_OBJECT_ID,
      data: { NAME: 'report.txt' },
      fileContent: ['report.txt', Buffer.from('numbers').toString('base64')],
      generateUniqueName: true,
    });
    expect(up.STORAGE_ID).toBe(storage?.ID);
    const id = await newTask();
    const { attachmentId } = await ok<{ attachmentId: number }>(anna, 'tasks.task.files.attach', {
      taskId: id,
      fileId: up.ID,
    });
    const attached = await ok<{ OBJECT_ID: string; NAME: string; DOWNLOAD_URL: string }>(
      anna,
      'disk.attachedObject.get',
      { id: attachmentId },
    );
    expect(attached).toMatchObject({ OBJECT_ID: up.ID, NAME: 'report.txt' });
  });

  it('refuses a folder that does not exist, a missing NAME, and disk.storage.getforapp outside an app', async () => {
    const file = { fileContent: ['a.txt', 'aGk='] };
    expect(await refusal(call(anna, 'disk.folder.uploadfile', { id: 1, data: { NAME: 'a.txt' }, ...file }))).toEqual({
      code: 'ERROR_NOT_FOUND',
      status: 400,
      message: 'Could not find entity with id `1`',
    });
    const [storage] = await ok<{ ROOT_OBJECT_ID: string }[]>(anna, 'disk.storage.getlist', {
      filter: { ENTITY_TYPE: 'user', ENTITY_ID: '1' },
    });
    expect(await refusal(call(anna, 'disk.folder.uploadfile', { id: storage?.ROOT_OBJECT_ID, ...file }))).toMatchObject(
      { code: 'DISK_BASE_SERVICE_22001', status: 400 },
    );
    expect(await refusal(call(anna, 'disk.storage.getforapp'))).toEqual({
      code: 'ACCESS_DENIED',
      status: 400,
      message: 'Access denied! Application context required',
    });
  });
});

describe('people, workgroups, events, scope and profile', () => {
  it('reads users by FILTER and the workgroup, and answers scope and profile', async () => {
    const [byEmail] = await ok<{ ID: string }[]>(anna, 'user.get', { FILTER: { EMAIL: 'ben.carter@example.com' } });
    expect(byEmail?.ID).toBe('2');
    const [group] = await ok<{ ID: string; NAME: string }[]>(anna, 'sonet_group.get', { FILTER: { ID: 1 } });
    expect(group).toMatchObject({ ID: '1', NAME: 'Demo workgroup' });
    expect(await ok(anna, 'scope')).toEqual(expect.arrayContaining(['task', 'disk', 'im', 'user']));
    expect(await ok(anna, 'profile')).toMatchObject({ ID: '1', ADMIN: true });
  });

  it('refuses event.bind, event.get and event.unbind to an incoming webhook (WRONG_AUTH_TYPE)', async () => {
    for (const method of ['event.bind', 'event.get', 'event.unbind']) {
      // (The SDK itself reports WRONG_AUTH_TYPE as 403, whatever the portal's status.)
      expect(
        await refusal(call(anna, method, { event: 'ONTASKUPDATE', handler: 'https://example.test/hook' })),
      ).toMatchObject({ code: 'WRONG_AUTH_TYPE' });
    }
  });

  it('was reached the documented way: https://<portal>/rest/<user>/<secret>/<method>, no query string on task.* methods', () => {
    const paths = w.requested.map((u) => new URL(u));
    expect(new Set(paths.map((u) => `${u.protocol}//${u.host}`))).toEqual(new Set(['https://sandbox.bitrix24.com']));
    expect(paths.filter((u) => /\/task\.commentitem\./.test(u.pathname)).every((u) => u.search === '')).toBe(true);
  });
});

describe('offline events (events/offline-events.md, event-bind.md, event-offline-*.md)', () => {
  interface OfflineEvent {
    ID: string;
    TIMESTAMP_X: string;
    EVENT_NAME: string;
    EVENT_DATA: unknown;
    EVENT_ADDITIONAL: unknown;
    MESSAGE_ID: string;
  }
  interface Listed extends OfflineEvent {
    PROCESS_ID: string;
    ERROR: string;
  }
  type Got = { process_id: string | null; events: OfflineEvent[] };
  let admin: B24OAuth;
  let member: B24OAuth;
  const appCall = <T>(b24: B24OAuth | B24Hook, method: string, params?: object): Promise<AjaxResult<T>> =>
    b24.actions.v2.call.make<T>({ method, ...(params === undefined ? {} : { params }) });
  const appOk = async <T>(b24: B24OAuth, method: string, params?: object): Promise<T> =>
    resultOf(await appCall<T>(b24, method, params));
  const emptyQueue = async (connector?: string): Promise<void> => {
    await appOk(admin, 'event.offline.get', { limit: 1000, ...(connector ? { auth_connector: connector } : {}) });
  };

  beforeAll(async () => {
    admin = await w.app('1');
    member = await w.app('2');
    for (const event of ['ONTASKADD', 'ONTASKUPDATE'])
      expect(await appOk(admin, 'event.bind', { event, event_type: 'offline' })).toBe(true);
  });
  afterAll(async () => {
    for (const event of ['ONTASKADD', 'ONTASKUPDATE'])
      await appOk(admin, 'event.unbind', { event, event_type: 'offline' });
  });

  it('binds without a handler URL; event.get lists the binding with offline 1; a second bind is refused', async () => {
    const bindings = await appOk<{ event: string; handler: string; offline: number }[]>(admin, 'event.get');
    expect(bindings.filter((b) => b.offline === 1).map((b) => [b.event, b.handler])).toEqual([
      ['ONTASKADD', ''],
      ['ONTASKUPDATE', ''],
    ]);
    expect(await refusal(appCall(admin, 'event.bind', { event: 'ONTASKADD', event_type: 'offline' }))).toMatchObject({
      code: 'ERROR_HANDLER_ALREADY_EXIST',
    });
  });

  it('refuses what the docs refuse: a webhook (WRONG_AUTH_TYPE), a non-administrator (403 ACCESS_DENIED)', async () => {
    for (const method of ['event.offline.get', 'event.offline.list', 'event.offline.clear', 'event.offline.error']) {
      expect(await refusal(appCall(anna, method, { process_id: 'x' }))).toMatchObject({ code: 'WRONG_AUTH_TYPE' });
      expect(await refusal(appCall(member, method, { process_id: 'x' }))).toEqual({
        code: 'ACCESS_DENIED',
        status: 403,
        message: 'Access denied!',
      });
    }
    expect(await refusal(appCall(member, 'event.bind', { event: 'ONTASKDELETE', event_type: 'offline' }))).toEqual({
      code: 'ACCESS_DENIED',
      status: 403,
      message: 'Access denied! Offline events binding requires administrator access rights',
    });
  });

  it('keeps one record per object with its last change, with the documented keys', async () => {
    await emptyQueue();
    const id = await newTask();
    for (const title of ['one', 'two', 'three'])
      await ok(anna, 'tasks.task.update', { taskId: id, fields: { TITLE: title } });
    const listed = await appOk<Listed[]>(admin, 'event.offline.list');
    expect(listed.map((e) => e.EVENT_NAME)).toEqual(['ONTASKADD', 'ONTASKUPDATE']);
    expect(Object.keys(listed[1] ?? {}).sort()).toEqual([
      'ERROR',
      'EVENT_ADDITIONAL',
      'EVENT_DATA',
      'EVENT_NAME',
      'ID',
      'MESSAGE_ID',
      'PROCESS_ID',
      'TIMESTAMP_X',
    ]);
    expect(listed[1]).toMatchObject({ PROCESS_ID: '', ERROR: '0', EVENT_DATA: { FIELDS_AFTER: { ID: Number(id) } } });
    const got = await appOk<Got>(admin, 'event.offline.get');
    expect(got.process_id).toBeNull();
    expect(Object.keys(got.events[0] ?? {}).sort()).toEqual([
      'EVENT_ADDITIONAL',
      'EVENT_DATA',
      'EVENT_NAME',
      'ID',
      'MESSAGE_ID',
      'TIMESTAMP_X',
    ]);
    expect(await appOk<Listed[]>(admin, 'event.offline.list')).toEqual([]);
  });

  it('reserves with clear=0: hidden from other readers, re-selected by its process_id, confirmed by id', async () => {
    await emptyQueue();
    const first = await newTask();
    const second = await newTask();
    const got = await appOk<Got>(admin, 'event.offline.get', { clear: 0, limit: 1 });
    expect(got.process_id).toMatch(/\S/);
    expect(got.events.map((e) => e.EVENT_DATA)).toMatchObject([{ FIELDS_AFTER: { ID: Number(first) } }]);
    const other = await appOk<Got>(admin, 'event.offline.get', { clear: 0 });
    expect(other.events.map((e) => e.EVENT_DATA)).toMatchObject([{ FIELDS_AFTER: { ID: Number(second) } }]);
    // A change after the reservation is a new record: confirming the reserved one cannot swallow it.
    await ok(anna, 'tasks.task.update', { taskId: first, fields: { TITLE: 'later' } });
    const again = await appOk<Got>(admin, 'event.offline.get', { clear: 0, process_id: got.process_id });
    expect(again.events.map((e) => [e.ID, e.EVENT_NAME])).toEqual([
      [got.events[0]?.ID, 'ONTASKADD'],
      [expect.any(String), 'ONTASKUPDATE'],
    ]);
    expect(await appOk(admin, 'event.offline.clear', { process_id: got.process_id, id: [got.events[0]?.ID] })).toBe(
      true,
    );
    const left = await appOk<Listed[]>(admin, 'event.offline.list');
    expect(left.map((e) => [e.EVENT_NAME, e.PROCESS_ID])).toEqual([
      ['ONTASKADD', other.process_id],
      ['ONTASKUPDATE', got.process_id],
    ]);
    await appOk(admin, 'event.offline.clear', {
      process_id: other.process_id,
      message_id: [other.events[0]?.MESSAGE_ID],
    });
    await appOk(admin, 'event.offline.clear', { process_id: got.process_id });
    expect(await appOk<Listed[]>(admin, 'event.offline.list')).toEqual([]);
  });

  it('event.offline.error keeps the record, marked, out of later reads unless error=1 is asked', async () => {
    await emptyQueue();
    await newTask();
    const got = await appOk<Got>(admin, 'event.offline.get', { clear: 0 });
    expect(
      await appOk(admin, 'event.offline.error', {
        process_id: got.process_id,
        message_id: got.events.map((e) => e.MESSAGE_ID),
      }),
    ).toBe(true);
    expect((await appOk<Listed[]>(admin, 'event.offline.list')).map((e) => e.ERROR)).toEqual(['1']);
    expect((await appOk<Got>(admin, 'event.offline.get', { clear: 0 })).events).toEqual([]);
    expect((await appOk<Got>(admin, 'event.offline.get', { error: 1 })).events.map((e) => e.MESSAGE_ID)).toEqual(
      got.events.map((e) => e.MESSAGE_ID),
    );
  });

  it('divides the queue by auth_connector, and leaves out writes made with the same key', async () => {
    await emptyQueue();
    await appOk(admin, 'event.bind', { event: 'ONTASKDELETE', event_type: 'offline', auth_connector: 'jira-sync' });
    const id = await newTask();
    await ok(anna, 'tasks.task.delete', { taskId: id });
    const other = await newTask();
    await appOk(admin, 'tasks.task.delete', { taskId: other, auth_connector: 'jira-sync' });
    const theirs = await appOk<Got>(admin, 'event.offline.get', { auth_connector: 'jira-sync' });
    expect(theirs.events.map((e) => [e.EVENT_NAME, e.EVENT_DATA])).toMatchObject([
      ['ONTASKDELETE', { FIELDS_BEFORE: { ID: Number(id) } }],
    ]);
    expect((await appOk<Got>(admin, 'event.offline.get')).events.map((e) => e.EVENT_NAME)).toEqual([
      'ONTASKADD',
      'ONTASKADD',
    ]);
    await appOk(admin, 'event.unbind', { event: 'ONTASKDELETE', event_type: 'offline' });
  });
});
