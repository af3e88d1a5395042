/**
 * The emulated portal refuses what a documented Bitrix24 refuses and answers what it answers: each
 * block names the documented behaviour and the docs page it comes from (b24restdocs).
 */
import { aPortal, aSeed, type Loose, type Portal } from './support';
import { OAUTH_HOST } from '../../../src/local/b24';

const aTask = (fields: Record<string, unknown> = {}) => ({
  fields: { TITLE: 'Write spec', RESPONSIBLE_ID: 3, ...fields },
});
const idsOf = (body: Record<string, Loose>): string[] => (body.result.tasks as { id: string }[]).map((t) => t.id);

async function tasks(
  portal: Portal,
  count: number,
  fields: (i: number) => Record<string, unknown> = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push((await portal.ok('tasks.task.add', aTask({ TITLE: `T${i}`, ...fields(i) }))).result.task.id);
    portal.clock.advance(1000);
  }
  return ids;
}

describe('positional legacy methods (data-encoding.md, "Order of Parameters")', () => {
  it('refuses arguments passed by name, in the body or in the query string, and adds nothing', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    const byName = await portal.call('task.commentitem.add', { TASKID: id, FIELDS: { POST_MESSAGE: 'x' } });
    expect([byName.status, await byName.json()]).toEqual([
      400,
      {
        error: 'ERROR_CORE',
        error_description:
          'TASKS_ERROR_EXCEPTION_#256; Param #0 (taskId) for method ctaskcommentitem::add() expected to be of type "integer", but given something else.; 256/TE/WRONG_ARGUMENTS.<br>',
      },
    ]);
    expect(
      (await portal.call('task.commentitem.add', { TASKID: id, FIELDS: { POST_MESSAGE: 'x' } }, { encoding: 'query' }))
        .status,
    ).toBe(400);
    expect((await portal.call('task.commentitem.getlist', { TASKID: id })).status).toBe(400);
    expect(portal.emu.snapshot().comments.size).toBe(0);
  });

  it('refuses a named argument mixed into positional ones (it would shift them on a portal)', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    const url = `https://sandbox.bitrix24.com/rest/2/secret2/task.commentitem.add?logTag=x`;
    const res = await portal.emu.handle(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([id, { POST_MESSAGE: 'x' }]),
      }),
    );
    expect(res.status).toBe(400);
  });

  it('reads positions from a JSON array, numeric JSON keys, a form body and the documented query string', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: 'array' }]);
    await portal.ok('task.commentitem.add', { 0: id, 1: { POST_MESSAGE: 'keys' } });
    await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: 'form' }], { encoding: 'form' });
    await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: 'query' }], { encoding: 'query' });
    const list = await portal.ok('task.commentitem.getlist', [id, { ID: 'asc' }]);
    expect(list.result.map((c: { POST_MESSAGE: string }) => c.POST_MESSAGE)).toEqual([
      'array',
      'keys',
      'form',
      'query',
    ]);
  });

  it('lists comments newest first by default and refuses a lower-case order key (task-comment-item-get-list.md)', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    for (const text of ['one', 'two']) await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: text }]);
    expect(
      (await portal.ok('task.commentitem.getlist', [id])).result.map((c: { POST_MESSAGE: string }) => c.POST_MESSAGE),
    ).toEqual(['two', 'one']);
    expect((await portal.call('task.commentitem.getlist', [id, { id: 'asc' }])).status).toBe(400);
  });

  it('answers the error codes of the methods\' tables: ERROR_CORE, "Action is not allowed", "Action failed"', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    const cid = (await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: 'mine' }])).result;
    expect(await (await portal.call('task.commentitem.delete', [id, cid], { as: '3' })).json()).toEqual({
      error: 'ERROR_CORE',
      error_description: 'TASKS_ERROR_EXCEPTION_#4; Action is not allowed; 4/TE/ACTION_NOT_ALLOWED.<br>',
    });
    expect(await (await portal.call('task.commentitem.getlist', [id], { as: '4' })).json()).toEqual({
      error: 'ERROR_CORE',
      error_description: 'TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED.<br>',
    });
    expect(await (await portal.call('task.commentitem.add', [id, { POST_MESSAGE: '' }])).json()).toEqual({
      error: 'ERROR_CORE',
      error_description: 'Comment text is not specified.<br>',
    });
    expect((await (await portal.call('task.commentitem.get', [id, cid + 1000])).json()).error).toBe('ERROR_CORE');
  });
});

describe('tasks.task.list filter and order (tasks-task-list.md)', () => {
  it('sorts by ID descending when no order is given', async () => {
    const portal = aPortal();
    const ids = await tasks(portal, 3);
    expect(idsOf(await portal.ok('tasks.task.list', {}))).toEqual([...ids].reverse());
  });

  it('filters nothing by XML_ID, which the docs do not list: every task comes back', async () => {
    const portal = aPortal();
    await tasks(portal, 3, (i) => ({ XML_ID: `J-${i}` }));
    const body = await portal.ok('tasks.task.list', { filter: { XML_ID: 'J-0' }, select: ['ID', 'XML_ID'] });
    expect(body.total).toBe(3);
    expect(body.result.tasks[0].xmlId).toBe('J-2');
  });

  it('reads filter keys case-sensitively: `group_id` filters nothing, `GROUP_ID` does', async () => {
    const portal = aPortal();
    await tasks(portal, 4, (i) => ({ GROUP_ID: i % 2 }));
    expect((await portal.ok('tasks.task.list', { filter: { group_id: 1 } })).total).toBe(4);
    expect((await portal.ok('tasks.task.list', { filter: { GROUP_ID: 1 } })).total).toBe(2);
  });

  it('refuses a lower-case or undocumented order key with the documented error', async () => {
    const portal = aPortal();
    await tasks(portal, 1);
    const invalid = { error: '0', error_description: 'Invalid sorting key (internal error)' };
    expect(await (await portal.call('tasks.task.list', { order: { id: 'asc' } })).json()).toEqual(invalid);
    expect(await (await portal.call('tasks.task.list', { order: { XML_ID: 'asc' } })).json()).toEqual(invalid);
    expect((await portal.call('tasks.task.list', { order: { MARK: 'asc' } })).status).toBe(200);
  });

  it('narrows by GROUP_ID and >=CREATED_DATE, the documented way to find a recent task', async () => {
    const portal = aPortal();
    const ids = await tasks(portal, 4, () => ({ GROUP_ID: 1 }));
    const since = (await portal.ok('tasks.task.get', { taskId: ids[2] })).result.task.createdDate;
    const body = await portal.ok('tasks.task.list', { filter: { GROUP_ID: 1, '>=CREATED_DATE': since } });
    expect(idsOf(body)).toEqual([ids[3], ids[2]]);
  });
});

describe('task replies (tasks-task-get.md)', () => {
  it('prints descriptionInBbcode even when `select` leaves it out', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    const task = (await portal.ok('tasks.task.get', { taskId: id, select: ['ID', 'TITLE', 'DESCRIPTION'] })).result
      .task;
    expect(task.descriptionInBbcode).toBe('Y');
    const listed = (await portal.ok('tasks.task.list', { select: ['ID'] })).result.tasks[0];
    expect(listed.descriptionInBbcode).toBe('Y');
  });

  it('keeps seeded legacy tasks as HTML with descriptionInBbcode N', async () => {
    const seed = aSeed({
      tasks: [
        {
          title: 'Old',
          description: '<p>Old <b>HTML</b></p>',
          descriptionInBbcode: 'N',
          groupId: '1',
          createdBy: '2',
          responsibleId: '3',
          createdAt: '2019-01-02T03:04:05Z',
        },
      ],
    });
    const portal = aPortal({ seed });
    const [task] = (await portal.ok('tasks.task.list', { filter: { GROUP_ID: 1 }, select: ['ID', 'DESCRIPTION'] }))
      .result.tasks;
    expect(task).toMatchObject({ description: '<p>Old <b>HTML</b></p>', descriptionInBbcode: 'N' });
  });
});

describe("tasks.task.* errors from the methods' tables", () => {
  it('answers 1048582 "No access to delete the task" (tasks-task-delete.md) and "Responsible person not specified" (tasks-task-add.md)', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    expect(await (await portal.call('tasks.task.delete', { taskId: id }, { as: '3' })).json()).toEqual({
      error: '1048582',
      error_description: 'No access to delete the task',
    });
    expect(await (await portal.call('tasks.task.add', { fields: { TITLE: 'x' } })).json()).toEqual({
      error: 'ERROR_CORE',
      error_description: 'Responsible person not specified<br>',
    });
  });

  it('refuses tasks.task.files.attach without fileId, with a file out of reach, on a task out of reach (tasks-task-files-attach.md)', async () => {
    const portal = aPortal();
    const [id] = await tasks(portal, 1);
    const [clara] = (
      await portal.ok('disk.storage.getlist', { filter: { ENTITY_TYPE: 'user', ENTITY_ID: '3' } }, { as: '3' })
    ).result;
    const hers = (
      await portal.ok(
        'disk.folder.uploadfile',
        { id: clara.ROOT_OBJECT_ID, data: { NAME: 'c.txt' }, fileContent: ['c.txt', 'aGk='] },
        { as: '3' },
      )
    ).result.ID;
    expect(await (await portal.call('tasks.task.files.attach', { taskId: id })).json()).toEqual({
      error: '100',
      error_description: 'Could not find value for parameter {fileId} (internal error)',
    });
    expect(await (await portal.call('tasks.task.files.attach', { taskId: id, fileId: hers })).json()).toEqual({
      error: 'ERROR_CORE',
      error_description: 'Insufficient permissions.<br>',
    });
    expect(
      await (await portal.call('tasks.task.files.attach', { taskId: id, fileId: hers }, { as: '4' })).json(),
    ).toEqual({ error: '0', error_description: 'Access denied (internal error)' });
  });
});

describe('Drive storages and uploads (disk-storage-get-list.md, disk-folder-upload-file.md, disk-storage-get-for-app.md)', () => {
  const content = (name: string) => ({
    data: { NAME: name },
    fileContent: [name, Buffer.from('hello').toString('base64')],
  });

  async function ownStorage(
    portal: Portal,
    userId: string,
  ): Promise<{ ID: string; ROOT_OBJECT_ID: string; ENTITY_ID: string }> {
    const body = await portal.ok(
      'disk.storage.getlist',
      { filter: { ENTITY_TYPE: 'user', ENTITY_ID: userId } },
      { as: userId },
    );
    expect(body.result).toHaveLength(1);
    return body.result[0];
  }

  it("lists a person's own storage with its root folder, in the documented row shape", async () => {
    const portal = aPortal();
    const storage = await ownStorage(portal, '2');
    expect(storage).toEqual({
      ID: expect.any(String),
      NAME: 'Boris Boss',
      CODE: null,
      MODULE_ID: 'disk',
      ENTITY_TYPE: 'user',
      ENTITY_ID: '2',
      ROOT_OBJECT_ID: expect.any(String),
    });
    const all = await portal.ok('disk.storage.getlist', {}, { as: '2' });
    expect(
      all.result.map((s: { ENTITY_TYPE: string; ENTITY_ID: string }) => `${s.ENTITY_TYPE}:${s.ENTITY_ID}`),
    ).toEqual(['common:shared_files_s1', 'user:2', 'group:1']);
    expect(all.total).toBe(3);
  });

  it('uploads into the root folder of the own storage', async () => {
    const portal = aPortal();
    const storage = await ownStorage(portal, '2');
    const up = await portal.ok('disk.folder.uploadfile', { id: storage.ROOT_OBJECT_ID, ...content('a.txt') });
    expect(up.result).toMatchObject({ NAME: 'a.txt', STORAGE_ID: storage.ID, PARENT_ID: storage.ROOT_OBJECT_ID });
  });

  it('refuses a folder that does not exist, a missing id and a missing NAME with the documented errors', async () => {
    const portal = aPortal();
    const storage = await ownStorage(portal, '2');
    expect(await (await portal.call('disk.folder.uploadfile', { id: 1, ...content('a.txt') })).json()).toEqual({
      error: 'ERROR_NOT_FOUND',
      error_description: 'Could not find entity with id `1`',
    });
    expect(await (await portal.call('disk.folder.uploadfile', content('a.txt'))).json()).toEqual({
      error: 'ERROR_ARGUMENT',
      error_description: 'Invalid value of parameter {Parameter #0}',
    });
    const noName = await portal.call('disk.folder.uploadfile', {
      id: storage.ROOT_OBJECT_ID,
      fileContent: ['a.txt', 'aGk='],
    });
    expect([noName.status, await noName.json()]).toEqual([
      400,
      {
        error: 'DISK_BASE_SERVICE_22001',
        error_description: 'Error: required parameter NAME (DISK_BASE_SERVICE_22001)',
      },
    ]);
    expect(portal.emu.snapshot().files.size).toBe(0);
  });

  it("refuses an upload into another person's drive", async () => {
    const portal = aPortal();
    const clara = await ownStorage(portal, '3');
    expect(
      await (
        await portal.call('disk.folder.uploadfile', { id: clara.ROOT_OBJECT_ID, ...content('a.txt') }, { as: '2' })
      ).json(),
    ).toEqual({ error: 'ACCESS_DENIED', error_description: 'Access denied' });
  });

  it('answers disk.storage.getforapp only in application context, with the app storage created once', async () => {
    const portal = aPortal();
    expect(await (await portal.call('disk.storage.getforapp', {}, { as: '1' })).json()).toEqual({
      error: 'ACCESS_DENIED',
      error_description: 'Access denied! Application context required',
    });
    const code = portal.emu.issueAuthorizationCode('1');
    const tokenUrl = `https://${OAUTH_HOST}/oauth/token/?grant_type=authorization_code&client_id=local.abc123&client_secret=client-secret&code=${code}`;
    const { access_token: token } = (await (await portal.emu.handle(new Request(tokenUrl))).json()) as {
      access_token: string;
    };
    const call = async () =>
      (await (
        await portal.emu.handle(new Request(`https://sandbox.bitrix24.com/rest/disk.storage.getforapp?auth=${token}`))
      ).json()) as { result: Record<string, string> };
    const first = await call();
    expect(first.result).toMatchObject({
      MODULE_ID: 'disk',
      ENTITY_TYPE: 'restapp',
      ROOT_OBJECT_ID: expect.any(String),
    });
    expect((await call()).result.ID).toBe(first.result.ID);
    const up = await portal.emu.handle(
      new Request(`https://sandbox.bitrix24.com/rest/disk.folder.uploadfile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ auth: token, id: first.result.ROOT_OBJECT_ID, ...content('app.txt') }),
      }),
    );
    expect(up.status).toBe(200);
  });
});

describe('batch (settings/how-to-call-rest-api/batch.md)', () => {
  it('runs `cmd` given as a list, keyed 0..n-1, with $result references by number', async () => {
    const portal = aPortal();
    const body = await portal.ok('batch', {
      halt: 0,
      cmd: [
        'tasks.task.add?fields[TITLE]=Listed&fields[RESPONSIBLE_ID]=3',
        'tasks.task.get?taskId=$result[0][task][id]&select[]=TITLE',
      ],
    });
    expect(body.result.result).toHaveLength(2);
    expect(body.result.result[1].task.title).toBe('Listed');
    expect(body.result.result_error).toEqual([]);
  });

  it('keeps failing list commands under their numbers in result_error', async () => {
    const portal = aPortal();
    const body = await portal.ok('batch', { halt: 0, cmd: ['profile', 'no.such.method'] });
    expect(Object.keys(body.result.result_error)).toEqual(['1']);
    expect(body.result.result).toHaveLength(1);
  });
});
