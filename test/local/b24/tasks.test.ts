import { aPortal, fixture, shapeMismatches, type Encoding } from './support';

const aTask = (fields: Record<string, unknown> = {}) => ({
  fields: { TITLE: 'Write spec', RESPONSIBLE_ID: 3, ...fields },
});

describe('tasks.task.add / get / update / delete', () => {
  it('answers add with the full task in the documented camelCase, string-valued shape', async () => {
    const portal = aPortal();
    const body = await portal.ok(
      'tasks.task.add',
      aTask({ CREATED_BY: 2, DEADLINE: '2025-10-24T19:00:00+02:00', XML_ID: 'J-1' }),
    );
    const expected = fixture('tasks.task.add.response.json');
    const ignored = ['checkListTree', 'checkListCanAdd', 'newCommentsCount', 'checklist'];
    const mismatches = shapeMismatches(body, expected).filter(
      (m) => !ignored.some((k) => m.startsWith(`$.result.task.${k}`)),
    );
    expect(mismatches).toEqual([]);
    expect(body.result.task).toMatchObject({
      title: 'Write spec',
      responsibleId: '3',
      createdBy: '2',
      status: '2',
      priority: '1',
      descriptionInBbcode: 'Y',
    });
  });

  it('answers update with the task after the change', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask())).result.task.id;
    const body = await portal.ok('tasks.task.update', { taskId: id, fields: { TITLE: 'Renamed', PRIORITY: 2 } });
    expect(body.result.task).toMatchObject({ id, title: 'Renamed', priority: '2' });
    expect(shapeMismatches(body.time, fixture('tasks.task.update.response.json').time)).toEqual([]);
  });

  it('returns only the selected fields plus id, favorite, group and action, and camelizes UF fields', async () => {
    const portal = aPortal();
    const uf = portal.emu.addUserField({
      name: 'AUTO_422491195439',
      type: 'string',
      multiple: false,
      mandatory: false,
    });
    const id = (await portal.ok('tasks.task.add', aTask({ [uf]: 'PROJ-1', DEADLINE: '2025-10-24T19:00:00+02:00' })))
      .result.task.id;
    const select = [
      'ID',
      'TITLE',
      'DESCRIPTION',
      'DESCRIPTION_IN_BBCODE',
      'CREATED_BY',
      'RESPONSIBLE_ID',
      'DEADLINE',
      'UF_CRM_TASK',
      uf,
    ];
    const body = await portal.ok('tasks.task.get', { taskId: id, select });
    expect(Object.keys(body.result.task).sort()).toEqual(
      [
        'action',
        'createdBy',
        'creator',
        'deadline',
        'description',
        'descriptionInBbcode',
        'favorite',
        'group',
        'id',
        'responsible',
        'responsibleId',
        'title',
        'ufAuto422491195439',
        'ufCrmTask',
        'ufMailMessage',
        'ufTaskWebdavFiles',
      ].sort(),
    );
    expect(body.result.task.ufAuto422491195439).toBe('PROJ-1');
    expect(
      shapeMismatches(body, fixture('tasks.task.get.response.json')).filter(
        (m) => !/ufCrmTask|ufTaskWebdavFiles|favorite|action\./.test(m),
      ),
    ).toEqual([]);
  });

  it('answers `result: []` for a task that does not exist or the caller cannot see', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask())).result.task.id;
    expect((await portal.ok('tasks.task.get', { taskId: 99999 })).result).toEqual([]);
    expect((await portal.ok('tasks.task.get', { taskId: id }, { as: '4' })).result).toEqual([]);
  });

  it('rejects a select that is not an array with the documented error', async () => {
    const res = await aPortal().call('tasks.task.get', { taskId: 1, select: {} });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(fixture('tasks.task.get.error.json'));
  });

  it('refuses a task without a title with ERROR_CORE and creates nothing', async () => {
    const portal = aPortal();
    const res = await portal.call('tasks.task.add', { fields: { RESPONSIBLE_ID: 3 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(fixture('tasks.task.add.error.json'));
    expect(portal.emu.snapshot().tasks.size).toBe(0);
    expect(portal.deliveries).toHaveLength(0);
  });

  it('refuses an unknown assignee and leaves the task unchanged', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask())).result.task.id;
    const res = await portal.call('tasks.task.update', { taskId: id, fields: { TITLE: 'x', RESPONSIBLE_ID: 777 } });
    expect(await res.json()).toEqual({
      error: 'ERROR_CORE',
      error_description: 'The user specified in the "Responsible" field was not found<br>',
    });
    expect((await portal.ok('tasks.task.get', { taskId: id })).result.task.title).toBe('Write spec');
  });

  it('refuses an update with no fields, and an update of a missing task', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask())).result.task.id;
    expect(await (await portal.call('tasks.task.update', { taskId: id, fields: {} })).json()).toEqual({
      error: '100',
      error_description: 'Could not find value for parameter {fields} (internal error)',
    });
    expect(await (await portal.call('tasks.task.update', { taskId: 5555, fields: { TITLE: 'x' } })).json()).toEqual({
      error: '0',
      error_description: 'Action on the task is not allowed (internal error)',
    });
  });

  it('deletes a task for its creator and answers `task: true`', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask())).result.task.id;
    expect((await portal.call('tasks.task.delete', { taskId: id }, { as: '3' })).status).toBe(400);
    expect((await portal.ok('tasks.task.delete', { taskId: id })).result).toEqual({ task: true });
    expect((await portal.ok('tasks.task.get', { taskId: id })).result).toEqual([]);
  });

  it.each<Encoding>(['json', 'form', 'query'])('reads arguments sent as %s', async (encoding) => {
    const portal = aPortal();
    const body = await portal.ok('tasks.task.add', aTask({ TAGS: ['a', 'b'], AUDITORS: [1] }), { encoding });
    expect(body.result.task).toMatchObject({ title: 'Write spec', responsibleId: '3', auditors: ['1'] });
  });
});

describe('deadlines', () => {
  it('stores an instant and renders it with the portal offset, accepting offsets and portal-local input', async () => {
    const portal = aPortal();
    const withOffset = await portal.ok('tasks.task.add', aTask({ DEADLINE: '2025-10-24T17:00:00Z' }));
    expect(withOffset.result.task.deadline).toBe('2025-10-24T19:00:00+02:00');
    const local = await portal.ok('tasks.task.add', aTask({ DEADLINE: '2025-12-31 23:59:00' }));
    expect(local.result.task.deadline).toBe('2025-12-31T23:59:00+01:00');
    const noOffset = await portal.ok('tasks.task.add', aTask({ DEADLINE: '2025-12-31T23:59:59' }));
    expect(noOffset.result.task.deadline).toBe('2025-12-31T23:59:59+01:00');
  });

  it('clears a deadline with an empty value and refuses garbage', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask({ DEADLINE: '2025-10-24T19:00:00+02:00' }))).result.task.id;
    expect(
      (await portal.ok('tasks.task.update', { taskId: id, fields: { DEADLINE: '' } })).result.task.deadline,
    ).toBeNull();
    expect((await portal.call('tasks.task.update', { taskId: id, fields: { DEADLINE: 'tomorrow' } })).status).toBe(400);
  });

  it('refuses a year before 1000 rather than storing another date, and keeps the deadline it had', async () => {
    const portal = aPortal();
    const id = (await portal.ok('tasks.task.add', aTask({ DEADLINE: '2025-10-24T19:00:00+02:00' }))).result.task.id;
    for (const early of ['0001-01-01T19:00:00+03:00', '0099-12-31', '0999-12-31T23:59:59Z']) {
      const reply = await portal.call('tasks.task.update', { taskId: id, fields: { DEADLINE: early } });
      expect(reply.status).toBe(400);
    }
    expect((await portal.ok('tasks.task.get', { taskId: id, select: ['DEADLINE'] })).result.task.deadline).toBe(
      '2025-10-24T19:00:00+02:00',
    );
    expect(
      (await portal.ok('tasks.task.update', { taskId: id, fields: { DEADLINE: '1000-01-01T12:00:00Z' } })).result.task
        .deadline,
    ).toMatch(/^1000-01-01T/);
  });
});

describe('tasks.task.list', () => {
  async function seeded(count: number) {
    const portal = aPortal();
    for (let i = 0; i < count; i += 1) {
      await portal.ok(
        'tasks.task.add',
        aTask({ TITLE: `T${i}`, GROUP_ID: i % 2, XML_ID: `J-${i}`, DEADLINE: '2025-10-24T19:00:00+02:00' }),
      );
      portal.clock.advance(1000);
    }
    return portal;
  }

  it('pages by 50 with `next` and `total`, and leaves `next` out on the last page', async () => {
    const portal = await seeded(120);
    const first = await portal.ok('tasks.task.list', { order: { ID: 'asc' } });
    expect(first.result.tasks).toHaveLength(50);
    expect(first.next).toBe(50);
    expect(first.total).toBe(120);
    const last = await portal.ok('tasks.task.list', { order: { ID: 'asc' }, start: 100 });
    expect(last.result.tasks).toHaveLength(20);
    expect(last).not.toHaveProperty('next');
    const pageShape = shapeMismatches(first, fixture('tasks.task.list.response.json'));
    expect(
      pageShape.filter(
        (m) =>
          !/auditorsData|counter|tags|parsedDescription|taskRequireResult|taskHasOpenResult|taskHasResult|timeElapsed|timerIsRunning|subStatus|lengthDeadline|mark|group|accomplicesData|responsible|auditors/.test(
            m,
          ),
      ),
    ).toEqual([]);
  });

  it('filters by REAL_STATUS, GROUP_ID, ID lists and >CHANGED_DATE', async () => {
    const portal = await seeded(6);
    const ids = (await portal.ok('tasks.task.list', { order: { ID: 'asc' } })).result.tasks.map(
      (t: { id: string }) => t.id,
    );
    await portal.ok('tasks.task.start', { taskId: ids[0] }, { as: '3' });
    expect(
      (await portal.ok('tasks.task.list', { filter: { REAL_STATUS: 3 } })).result.tasks.map(
        (t: { id: string }) => t.id,
      ),
    ).toEqual([ids[0]]);
    expect((await portal.ok('tasks.task.list', { filter: { GROUP_ID: 1 } })).total).toBe(3);
    expect((await portal.ok('tasks.task.list', { filter: { ID: [ids[1], ids[2]] } })).total).toBe(2);
    const since = (await portal.ok('tasks.task.get', { taskId: ids[4] })).result.task.changedDate;
    const changed = await portal.ok('tasks.task.list', { filter: { '>CHANGED_DATE': since }, order: { ID: 'asc' } });
    expect(changed.result.tasks.map((t: { id: string }) => t.id)).toEqual([ids[0], ids[5]]);
  });

  it('orders descending and refuses an unknown sorting key as documented', async () => {
    const portal = await seeded(3);
    const desc = await portal.ok('tasks.task.list', { order: { ID: 'desc' } });
    expect(desc.result.tasks.map((t: { title: string }) => t.title)).toEqual(['T2', 'T1', 'T0']);
    const res = await portal.call('tasks.task.list', { order: { NOPE: 'asc' } });
    expect(await res.json()).toEqual(fixture('tasks.task.list.error.json'));
  });
});
