import { aPortal, fixture, shapeMismatches } from './support';

describe('batch', () => {
  it('runs commands with $result references and answers the documented shape', async () => {
    const portal = aPortal();
    const body = await portal.ok('batch', {
      halt: 0,
      cmd: {
        add: 'tasks.task.add?fields[TITLE]=From batch&fields[RESPONSIBLE_ID]=3',
        get: 'tasks.task.get?taskId=$result[add][task][id]&select[]=ID&select[]=TITLE',
        users: 'user.get?FILTER[EMAIL]=clara@example.com',
      },
    });
    expect(
      shapeMismatches(body, fixture('batch.response.json')).filter((m) => !/get_user|get_department/.test(m)),
    ).toEqual([]);
    expect(body.result.result.get.task.title).toBe('From batch');
    expect(body.result.result_total).toEqual({ users: 1 });
    expect(body.result.result_error).toEqual([]);
  });

  it('reports failing commands in result_error with HTTP 200, and halt stops at the first', async () => {
    const portal = aPortal();
    portal.emu.restrictWebhookScopes('2', ['task']);
    const cmd = { get_user: 'user.current', get_department: 'sonet_group.get' };
    const all = await portal.call('batch', { halt: 0, cmd });
    expect(all.status).toBe(200);
    const allBody = await all.json();
    expect(shapeMismatches(allBody, fixture('batch.response.errors-halt0.json'))).toEqual([]);
    expect(Object.keys(allBody.result.result_error)).toEqual(['get_user', 'get_department']);
    const halted = await (await portal.call('batch', { halt: 1, cmd })).json();
    expect(Object.keys(halted.result.result_error)).toEqual(['get_user']);
    expect(halted.result.result_error.get_user.error).toBe('insufficient_scope');
  });

  it('refuses more than 50 commands', async () => {
    const cmd = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, 'profile']));
    const res = await aPortal().call('batch', { cmd });
    expect([res.status, (await res.json()).error]).toEqual([400, 'ERROR_BATCH_LENGTH_EXCEEDED']);
  });
});

describe('users and groups', () => {
  it('finds a user by EMAIL (exact, case-insensitive) and by ID, in the documented row shape', async () => {
    const portal = aPortal();
    const byEmail = await portal.ok('user.get', { FILTER: { EMAIL: 'Clara@Example.com' } });
    expect(
      shapeMismatches(byEmail, fixture('user.get.response.json')).filter(
        (m) =>
          !/TIMESTAMP_X|LAST_ACTIVITY_DATE|LAST_LOGIN|DATE_REGISTER|PERSONAL_(WWW|BIRTHDAY|MOBILE|CITY)|WORK_PHONE/.test(
            m,
          ),
      ),
    ).toEqual([]);
    expect(byEmail.result.map((u: { ID: string }) => u.ID)).toEqual(['3']);
    expect((await portal.ok('user.get', { ID: 4 })).result[0].EMAIL).toBe('dora@example.com');
    expect((await portal.ok('user.get', { filter: { EMAIL: 'nobody@example.com' } })).result).toEqual([]);
  });

  it('lists workgroups with sonet_group.get', async () => {
    const body = await aPortal().ok('sonet_group.get', { FILTER: { ID: 1 } });
    expect(body.result[0]).toMatchObject({ ID: '1', NAME: 'Demo group', ACTIVE: 'Y' });
    expect(body.total).toBe(1);
  });
});

describe('Drive files and task attachments', () => {
  /** Boris's own drive: uploads go to the root folder of a storage the caller may write. */
  const rootOf = async (portal: ReturnType<typeof aPortal>): Promise<string> =>
    (await portal.ok('disk.storage.getlist', { filter: { ENTITY_TYPE: 'user', ENTITY_ID: '2' } })).result[0]
      .ROOT_OBJECT_ID;

  it('uploads base64 content, attaches it to a task and serves it from DOWNLOAD_URL', async () => {
    const portal = aPortal();
    portal.emu.bindHandler('ONTASKUPDATE', 'https://example.test/hook');
    const id = (await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } })).result.task.id;
    const folder = await rootOf(portal);
    const up = await portal.ok('disk.folder.uploadfile', {
      id: folder,
      data: { NAME: 'a.txt' },
      fileContent: ['a.txt', Buffer.from('hello').toString('base64')],
    });
    expect(up.result).toMatchObject({ NAME: 'a.txt', SIZE: '5', TYPE: 'file' });
    expect(
      (
        await portal.call('disk.folder.uploadfile', {
          id: folder,
          data: { NAME: 'a.txt' },
          fileContent: ['a.txt', 'aGk='],
        })
      ).status,
    ).toBe(400);
    const unique = await portal.ok('disk.folder.uploadfile', {
      id: folder,
      data: { NAME: 'a.txt' },
      fileContent: ['a.txt', 'aGk='],
      generateUniqueName: true,
    });
    expect(unique.result.NAME).toBe('a (1).txt');
    const attached = await portal.ok('tasks.task.files.attach', { taskId: id, fileId: up.result.ID });
    expect(attached.result.attachmentId).toEqual(expect.any(Number));
    expect(portal.deliveries).toHaveLength(1);
    const task = (await portal.ok('tasks.task.get', { taskId: id, select: ['UF_TASK_WEBDAV_FILES'] })).result.task;
    expect(task.ufTaskWebdavFiles).toEqual([attached.result.attachmentId]);
    const file = await portal.emu.handle(new Request(up.result.DOWNLOAD_URL, { headers: { 'user-agent': 'test' } }));
    expect(await file.text()).toBe('hello');
    expect((await portal.emu.handle(new Request(up.result.DOWNLOAD_URL))).status).toBe(404);
    expect((await portal.ok('disk.file.get', { id: up.result.ID })).result.NAME).toBe('a.txt');
  });

  it("replaces the task's file list on update: numeric ids keep, n<id> adds", async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 3 } })).result.task.id;
    const folder = await rootOf(portal);
    const f1 = (
      await portal.ok('disk.folder.uploadfile', { id: folder, data: { NAME: '1' }, fileContent: ['1', 'MQ=='] })
    ).result.ID;
    const f2 = (
      await portal.ok('disk.folder.uploadfile', { id: folder, data: { NAME: '2' }, fileContent: ['2', 'Mg=='] })
    ).result.ID;
    const first = (await portal.ok('tasks.task.update', { taskId: id, fields: { UF_TASK_WEBDAV_FILES: [`n${f1}`] } }))
      .result.task;
    const [a1] = (await portal.ok('tasks.task.get', { taskId: id, select: ['UF_TASK_WEBDAV_FILES'] })).result.task
      .ufTaskWebdavFiles;
    expect(first.id).toBe(id);
    await portal.ok('tasks.task.update', { taskId: id, fields: { UF_TASK_WEBDAV_FILES: [a1, `n${f2}`] } });
    const files = (await portal.ok('tasks.task.get', { taskId: id, select: ['UF_TASK_WEBDAV_FILES'] })).result.task
      .ufTaskWebdavFiles;
    expect(files).toHaveLength(2);
    expect(files[0]).toBe(a1);
  });
});
