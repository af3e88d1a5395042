import { aPortal } from './support';

/** Creator 2, assignee 3; `control` sets TASK_CONTROL. */
async function aTaskWith(control: 'Y' | 'N') {
  const portal = aPortal();
  const id = (
    await portal.ok('tasks.task.add', { fields: { TITLE: 'Ship', RESPONSIBLE_ID: 3, TASK_CONTROL: control } })
  ).result.task.id as string;
  const status = async () => (await portal.ok('tasks.task.get', { taskId: id })).result.task.status as string;
  return { portal, id, status };
}

describe('status actions', () => {
  it('moves start → pause → defer → start → complete → renew through the documented codes', async () => {
    const { portal, id, status } = await aTaskWith('N');
    await portal.ok('tasks.task.start', { taskId: id }, { as: '3' });
    expect(await status()).toBe('3');
    await portal.ok('tasks.task.pause', { taskId: id }, { as: '3' });
    expect(await status()).toBe('2');
    await portal.ok('tasks.task.defer', { taskId: id }, { as: '3' });
    expect(await status()).toBe('6');
    await portal.ok('tasks.task.start', { taskId: id }, { as: '3' });
    await portal.ok('tasks.task.complete', { taskId: id }, { as: '3' });
    await portal.ok('tasks.task.renew', { taskId: id }, { as: '3' });
    expect(await status()).toBe('2');
  });

  // tasks-task-renew.md: "renews a task after it has been completed"; otherwise "Action on the task is not allowed".
  it('renews only a completed task: a deferred one is refused and stays deferred', async () => {
    const { portal, id, status } = await aTaskWith('N');
    await portal.ok('tasks.task.defer', { taskId: id }, { as: '3' });
    const refused = await portal.call('tasks.task.renew', { taskId: id }, { as: '3' });
    const body = (await refused.json()) as { error_description?: string };
    expect(refused.ok).toBe(false);
    expect(body.error_description).toMatch(/Action on the task is not allowed/);
    expect(await status()).toBe('6');
    expect((await portal.ok('tasks.task.get', { taskId: id })).result.task.action.renew).toBe(false);
  });

  it('completes straight to 5 without TASK_CONTROL', async () => {
    const { portal, id, status } = await aTaskWith('N');
    const body = await portal.ok('tasks.task.complete', { taskId: id }, { as: '3' });
    expect(body.result.task).toMatchObject({ status: '5', closedBy: '3' });
    expect(await status()).toBe('5');
  });

  it("with TASK_CONTROL=Y lands the assignee's complete on 4 until the creator approves", async () => {
    const { portal, id, status } = await aTaskWith('Y');
    await portal.ok('tasks.task.complete', { taskId: id }, { as: '3' });
    expect(await status()).toBe('4');
    expect((await portal.call('tasks.task.approve', { taskId: id }, { as: '3' })).status).toBe(400);
    await portal.ok('tasks.task.approve', { taskId: id }, { as: '2' });
    expect(await status()).toBe('5');
  });

  it('sends a disapproved task back to 2, and lets the creator complete directly', async () => {
    const { portal, id, status } = await aTaskWith('Y');
    await portal.ok('tasks.task.complete', { taskId: id }, { as: '3' });
    await portal.ok('tasks.task.disapprove', { taskId: id }, { as: '2' });
    expect(await status()).toBe('2');
    await portal.ok('tasks.task.complete', { taskId: id }, { as: '2' });
    expect(await status()).toBe('5');
  });

  it('refuses illegal actions with the documented error and changes nothing', async () => {
    const { portal, id, status } = await aTaskWith('N');
    const pause = await portal.call('tasks.task.pause', { taskId: id }, { as: '3' });
    expect(pause.status).toBe(400);
    expect(await pause.json()).toEqual({
      error: '0',
      error_description: 'Action on the task is not allowed (internal error)',
    });
    await portal.ok('tasks.task.complete', { taskId: id }, { as: '3' });
    expect((await portal.call('tasks.task.start', { taskId: id }, { as: '3' })).status).toBe(400);
    expect((await portal.call('tasks.task.approve', { taskId: id }, { as: '2' })).status).toBe(400);
    expect(await status()).toBe('5');
  });

  it("reports the allowed actions in the task's action map", async () => {
    const { portal, id } = await aTaskWith('Y');
    await portal.ok('tasks.task.complete', { taskId: id }, { as: '3' });
    const asCreator = (await portal.ok('tasks.task.get', { taskId: id }, { as: '2' })).result.task.action;
    expect(asCreator).toMatchObject({ approve: true, disapprove: true, complete: false, start: false });
    const asAssignee = (await portal.ok('tasks.task.get', { taskId: id }, { as: '3' })).result.task.action;
    expect(asAssignee).toMatchObject({ approve: false, disapprove: false });
  });
});
