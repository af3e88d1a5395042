import { createB24Auth } from '../../../src/adapters/b24/auth';
import { createB24Client } from '../../../src/adapters/b24/client';
import { B24_CREDENTIALS_KEY } from '../../../src/ports/b24-credentials';
import { fakeTransport, fixedClock, fixtureJson, memorySecrets, reply } from '../support';

const NOW = 1_759_759_363_000;
const WEBHOOK = { mode: 'webhook', webhookUrl: 'https://portal.bitrix24.com/rest/1/s3cr3t/' } as const;

const webhookClient = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  const auth = createB24Auth({
    secrets: memorySecrets({ [B24_CREDENTIALS_KEY]: WEBHOOK }),
    transport: fake.transport,
    clock: fixedClock(NOW),
  });
  return { b24: createB24Client(auth, fake.transport, fixedClock(NOW)), requests: fake.requests };
};

const taskReply = (file: string) => reply(200, fixtureJson(`b24/rest/${file}`));

describe('Bitrix24 client: tasks', () => {
  it('reads a task through the webhook URL, selecting the sync fields, and maps it to B24Task', async () => {
    const { b24, requests } = webhookClient(taskReply('tasks.task.update.response.json'));
    const task = await b24.getTask('8157', { userFields: ['UF_AUTO_1'] });
    expect(requests[0]?.url).toBe('https://portal.bitrix24.com/rest/1/s3cr3t/tasks.task.get');
    expect(requests[0]?.json).toMatchObject({
      taskId: '8157',
      select: expect.arrayContaining(['TITLE', 'CHANGED_DATE', 'UF_AUTO_1']) as unknown,
    });
    expect(task).toMatchObject({
      id: '8157',
      title: 'Task Example',
      status: '2',
      priority: '1',
      responsibleId: '503',
      createdBy: '503',
      groupId: '0',
      deadline: '2025-12-31T23:59:00+02:00',
      changedDate: '2025-10-07T16:32:02+02:00',
      xmlId: null,
      taskControl: 'N',
      descriptionInBbcode: 'Y',
    });
  });

  it('gathers UF fields (camelised on read) into userFields', async () => {
    const full = fixtureJson('b24/rest/tasks.task.update.response.json') as {
      result: { task: Record<string, unknown> };
    };
    const { b24 } = webhookClient(
      reply(200, { result: { task: { ...full.result.task, ufAuto422491195439: 'QA Testing', ufCrmTask: [] } } }),
    );
    const task = await b24.getTask('8157');
    expect(task?.userFields).toEqual({ ufAuto422491195439: 'QA Testing', ufCrmTask: [] });
  });

  it('returns null for a missing or invisible task (result: [])', async () => {
    const { b24 } = webhookClient(reply(200, { result: [] }));
    await expect(b24.getTask('1')).resolves.toBeNull();
  });

  it('refuses a task reply without status as an invalid reply (the docs example selected too little)', async () => {
    const { b24 } = webhookClient(taskReply('tasks.task.get.response.json'));
    await expect(b24.getTask('8017')).rejects.toMatchObject({
      reason: 'invalid-reply',
      cause: expect.anything() as unknown,
    });
  });

  it('adds a task and returns it; runs status actions by name', async () => {
    const { b24, requests } = webhookClient(
      taskReply('tasks.task.add.response.json'),
      taskReply('tasks.task.complete.response.json'),
    );
    await expect(b24.addTask({ TITLE: 'task for test', RESPONSIBLE_ID: 1 })).resolves.toMatchObject({ id: '3711' });
    await b24.runTaskAction('3711', 'complete');
    expect(requests.map((r) => r.url.split('/').pop())).toEqual(['tasks.task.add', 'tasks.task.complete']);
    expect(requests[0]?.json).toEqual({ fields: { TITLE: 'task for test', RESPONSIBLE_ID: 1 } });
    expect(requests[1]?.json).toEqual({ taskId: '3711' });
  });

  it('lists tasks with the total from the envelope', async () => {
    const list = fixtureJson('b24/rest/tasks.task.list.response.json') as {
      result: { tasks: Record<string, unknown>[] };
      total: number;
    };
    const withCreator = {
      ...list,
      result: { tasks: list.result.tasks.map((t) => ({ ...t, createdBy: '503' })) },
      next: 50,
    };
    const { b24, requests } = webhookClient(reply(200, withCreator));
    const page = await b24.listTasks({ filter: { GROUP_ID: 7 }, start: 0 });
    expect(page).toMatchObject({ total: 1, next: 50, tasks: [{ id: '8017', status: '2', priority: '2' }] });
    expect(requests[0]?.json).toMatchObject({ filter: { GROUP_ID: 7 }, start: 0 });
  });
});

describe('Bitrix24 client: comments', () => {
  it('reads legacy comments and maps UPPER_CASE rows', async () => {
    const { b24 } = webhookClient(reply(200, fixtureJson('b24/rest/task.commentitem.getlist.response.json')));
    const comments = await b24.getComments('8017');
    expect(comments[0]).toEqual({
      id: '3157',
      taskId: '8017',
      authorId: '503',
      authorName: 'John Smith',
      message: 'Photos attached',
      postDate: '2025-07-15T14:31:00+02:00',
    });
  });

  it('adds a legacy comment and returns its id', async () => {
    const { b24, requests } = webhookClient(reply(200, fixtureJson('b24/rest/task.commentitem.add.response.json')));
    await expect(b24.addComment('8017', '[B]Anna (Jira):[/B] hi')).resolves.toBe('3141');
    // Positional, as task.commentitem.* read their arguments (data-encoding.md, "Order of Parameters").
    expect(requests[0]?.json).toEqual({ 0: '8017', 1: { POST_MESSAGE: '[B]Anna (Jira):[/B] hi' } });
  });

  it("reads the new task card's chat id and its messages", async () => {
    const { b24, requests } = webhookClient(
      reply(200, fixtureJson('b24/rest/tasks.task.get.chatId.response.json')),
      reply(200, fixtureJson('b24/rest/im.dialog.messages.get.response.json')),
    );
    await expect(b24.getTaskChatId('51')).resolves.toBe('2537');
    const messages = await b24.getChatMessages('1489', { lastId: '84900' });
    expect(messages[0]).toEqual({
      id: '84877',
      chatId: '1489',
      authorId: '503',
      date: '2026-03-04T09:43:26+03:00',
      text: 'We are very happy to have you!',
    });
    expect(requests[1]?.json).toEqual({ DIALOG_ID: 'chat1489', LIMIT: 50, LAST_ID: '84900' });
  });

  it('posts a chat comment through REST 3.0 and reads its v3 error shape', async () => {
    const { b24, requests } = webhookClient(
      reply(200, fixtureJson('b24/rest/tasks.task.chat.message.send.response.json')),
      reply(400, fixtureJson('b24/rest/tasks.task.chat.message.send.error.json')),
    );
    await b24.sendTaskChatMessage('51', 'Message from external system');
    expect(requests[0]?.url).toBe('https://portal.bitrix24.com/rest/api/1/s3cr3t/tasks.task.chat.message.send');
    expect(requests[0]?.json).toEqual({ fields: { taskId: 51, text: 'Message from external system' } });
    await expect(b24.sendTaskChatMessage('', 'x')).rejects.toMatchObject({
      reason: 'invalid-request',
      code: 'b24:BITRIX_REST_V3_EXCEPTION_VALIDATION_DTOVALIDATIONEXCEPTION',
    });
  });
});

describe('Bitrix24 client: users', () => {
  it('finds a user by exact e-mail', async () => {
    const users = fixtureJson('b24/rest/user.get.response.json') as { result: { EMAIL: string }[] };
    const email = users.result[0]?.EMAIL ?? '';
    const { b24, requests } = webhookClient(reply(200, users));
    await expect(b24.findUserByEmail(email.toUpperCase())).resolves.toMatchObject({
      id: '1',
      name: 'Vadim',
      email,
      active: true,
    });
    expect(requests[0]?.json).toEqual({ FILTER: { EMAIL: email.toUpperCase() } });
  });
});

describe('Bitrix24 client: error translation', () => {
  it('QUERY_LIMIT_EXCEEDED (503) is a retryable rate limit with a short wait', async () => {
    const { b24 } = webhookClient(reply(503, fixtureJson('b24/errors/QUERY_LIMIT_EXCEEDED.constructed.json')));
    await expect(b24.getTask('1')).rejects.toMatchObject({
      reason: 'rate-limited',
      retryable: true,
      retryAfterMs: 1000,
      code: 'b24:QUERY_LIMIT_EXCEEDED',
    });
  });

  it('OPERATION_TIME_LIMIT (429) waits until time.operating_reset_at, else a minute of the 10-minute window', async () => {
    const body = {
      error: 'OPERATION_TIME_LIMIT',
      error_description: 'Method is blocked due to operation time limit.',
      time: { operating_reset_at: NOW / 1000 + 42 },
    };
    const { b24 } = webhookClient(reply(429, body), reply(429, { error: 'OPERATION_TIME_LIMIT' }));
    await expect(b24.getTask('1')).rejects.toMatchObject({ reason: 'rate-limited', retryAfterMs: 42_000 });
    await expect(b24.getTask('1')).rejects.toMatchObject({ reason: 'rate-limited', retryAfterMs: 60_000 });
  });

  it.each([
    ['INVALID_CREDENTIALS', 403, 'unauthorized'],
    ['NO_AUTH_FOUND', 401, 'unauthorized'],
    ['PAYMENT_REQUIRED', 402, 'payment-required'],
    ['insufficient_scope', 403, 'forbidden'],
    ['ERROR_CORE', 400, 'invalid-request'],
  ])('%s is permanent (%s)', async (error, status, reason) => {
    const { b24 } = webhookClient(reply(status, { error, error_description: 'x' }));
    await expect(b24.getTask('1')).rejects.toMatchObject({ reason, retryable: false, code: `b24:${error}` });
  });

  it('a 5xx with an HTML body is a retryable server error', async () => {
    const { b24 } = webhookClient(reply(502, '<html>Bad gateway</html>'));
    await expect(b24.getTask('1')).rejects.toMatchObject({ reason: 'server-error', retryable: true });
  });

  it('a transport failure is a retryable network error', async () => {
    const { b24 } = webhookClient(new Error('ECONNRESET'));
    await expect(b24.getTask('1')).rejects.toMatchObject({ reason: 'network', retryable: true });
  });
});
