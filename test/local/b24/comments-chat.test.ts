import { aPortal, fixture, shapeMismatches } from './support';

async function aTaskOn(card: 'legacy' | 'chat') {
  const portal = aPortal();
  portal.emu.setDefaultCardKind(card);
  const task = (await portal.ok('tasks.task.add', { fields: { TITLE: 'Discuss', RESPONSIBLE_ID: 3 } })).result.task;
  return { portal, id: task.id as string };
}

describe('legacy comments (task.commentitem.*)', () => {
  it('adds, reads, lists, updates and deletes a comment in the documented shapes', async () => {
    const { portal, id } = await aTaskOn('legacy');
    const added = await portal.ok('task.commentitem.add', [id, { POST_MESSAGE: '[B]Hi[/B]', AUTHOR_ID: 3 }]);
    expect(shapeMismatches(added, fixture('task.commentitem.add.response.json'))).toEqual([]);
    const got = await portal.ok('task.commentitem.get', [id, added.result]);
    expect(
      shapeMismatches(got.result, { ...fixture('task.commentitem.get.response.json').result, ATTACHED_OBJECTS: {} }),
    ).toEqual([]);
    expect(got.result).toMatchObject({
      ID: String(added.result),
      AUTHOR_ID: '3',
      POST_MESSAGE: '[B]Hi[/B]',
      ATTACHED_OBJECTS: {},
    });
    await portal.ok('task.commentitem.update', [id, added.result, { POST_MESSAGE: 'edited' }], { as: '3' });
    const list = await portal.ok('task.commentitem.getlist', [id, { POST_DATE: 'asc' }]);
    expect(list.result.map((c: { POST_MESSAGE: string }) => c.POST_MESSAGE)).toEqual(['edited']);
    await portal.ok('task.commentitem.delete', [id, added.result], { as: '3' });
    expect((await portal.ok('task.commentitem.getlist', [id])).result).toEqual([]);
  });

  it('accepts positional arguments as the legacy methods expect', async () => {
    const { portal, id } = await aTaskOn('legacy');
    const added = await portal.ok('task.commentitem.add', { 0: id, 1: { POST_MESSAGE: 'positional' } });
    expect((await portal.ok('task.commentitem.get', { 0: id, 1: added.result })).result.POST_MESSAGE).toBe(
      'positional',
    );
  });

  it('answers the documented errors for a missing comment, a task out of reach and a bad ORDER key', async () => {
    const { portal, id } = await aTaskOn('legacy');
    // The docs' tables give ERROR_CORE; their examples (the fixtures) print ERROR_CODE with the same text.
    const tableCode = (example: { error_description: string }) => ({
      error: 'ERROR_CORE',
      error_description: example.error_description,
    });
    expect(await (await portal.call('task.commentitem.get', [id, 1])).json()).toEqual(
      tableCode(fixture('task.commentitem.get.error.json')),
    );
    expect(await (await portal.call('task.commentitem.add', [id, { POST_MESSAGE: 'x' }], { as: '4' })).json()).toEqual(
      tableCode(fixture('task.commentitem.add.error.json')),
    );
    const bad = await (await portal.call('task.commentitem.getlist', [id, { '>=POST_DATE': 'asc' }])).json();
    expect(bad.error).toBe('ERROR_CORE');
    expect(bad.error_description).toContain('256/TE/WRONG_ARGUMENTS');
  });
});

describe('chat-card comments (task chat)', () => {
  it('gives chat-card tasks a chatId and legacy ones 0', async () => {
    const legacy = await aTaskOn('legacy');
    expect(
      (await legacy.portal.ok('tasks.task.get', { taskId: legacy.id, select: ['CHAT_ID'] })).result.task.chatId,
    ).toBe(0);
    const chat = await aTaskOn('chat');
    const task = (await chat.portal.ok('tasks.task.get', { taskId: chat.id, select: ['CHAT_ID'] })).result.task;
    expect(shapeMismatches(task, fixture('tasks.task.get.chatId.response.json').result.task)).toEqual([]);
    expect(task.chatId).toBeGreaterThan(0);
  });

  it('posts with im.message.add (returning the id) and reads back with im.dialog.messages.get', async () => {
    const { portal, id } = await aTaskOn('chat');
    const chatId = (await portal.ok('tasks.task.get', { taskId: id, select: ['CHAT_ID'] })).result.task.chatId;
    const sent = await portal.ok(
      'im.message.add',
      { DIALOG_ID: `chat${chatId}`, MESSAGE: 'hello [B]team[/B]' },
      { as: '3' },
    );
    expect(typeof sent.result).toBe('number');
    const read = await portal.ok('im.dialog.messages.get', { DIALOG_ID: `chat${chatId}`, LIMIT: 10 });
    expect(
      shapeMismatches(read, fixture('im.dialog.messages.get.response.json')).filter(
        (m) => !m.startsWith('$.result.files') && !m.includes('.params'),
      ),
    ).toEqual([]);
    expect(read.result.messages[0]).toMatchObject({ id: sent.result, author_id: 3, text: 'hello [B]team[/B]' });
  });

  it('sends through REST 3.0 tasks.task.chat.message.send with no id, and validates in the v3 error shape', async () => {
    const { portal, id } = await aTaskOn('chat');
    const send = (body: unknown) =>
      portal.emu.handle(
        new Request('https://sandbox.bitrix24.com/rest/api/2/secret2/tasks.task.chat.message.send', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const ok = await send({ fields: { taskId: Number(id), text: 'from Jira' } });
    expect(shapeMismatches(await ok.json(), fixture('tasks.task.chat.message.send.response.json'))).toEqual([]);
    const bad = await send({ fields: { text: 'no task' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(fixture('tasks.task.chat.message.send.error.json'));
  });

  it('refuses the legacy update/getlist on a chat-card task and reading a chat as a non-member', async () => {
    const { portal, id } = await aTaskOn('chat');
    expect((await portal.call('task.commentitem.getlist', [id])).status).toBe(400);
    const chatId = (await portal.ok('tasks.task.get', { taskId: id, select: ['CHAT_ID'] })).result.task.chatId;
    expect((await portal.call('im.dialog.messages.get', { DIALOG_ID: `chat${chatId}` }, { as: '4' })).status).toBe(400);
    expect(await (await portal.call('im.dialog.messages.get', {})).json()).toEqual(
      fixture('im.dialog.messages.get.error.json'),
    );
  });
});
