import { createB24Auth } from '../../../src/adapters/b24/auth';
import { createB24Client } from '../../../src/adapters/b24/client';
import { B24_CREDENTIALS_KEY } from '../../../src/ports/b24-credentials';
import { fakeTransport, fixedClock, fixtureJson, memorySecrets, reply } from '../support';

const client = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  const secrets = memorySecrets({
    [B24_CREDENTIALS_KEY]: { mode: 'webhook', webhookUrl: 'https://portal.bitrix24.com/rest/1/s3cr3t/' },
  });
  const auth = createB24Auth({ secrets, transport: fake.transport, clock: fixedClock(0) });
  return { b24: createB24Client(auth, fake.transport, fixedClock(0)), requests: fake.requests };
};

const COMMENT = (fixtureJson('b24/rest/task.commentitem.get.response.json') as { result: unknown }).result;
/** tasks.task.get narrowed to ID, GROUP_ID, CHAT_ID answers with those fields only (camelised). */
const SCOPE = { task: { id: '8157', groupId: '7', chatId: 0 } };

describe('Bitrix24 task scope for comment and file jobs', () => {
  it("reads the legacy comment and the task's workgroup in one batch request", async () => {
    const { b24, requests } = client(
      reply(200, { result: { result: { task: SCOPE, comment: COMMENT }, result_error: [] } }),
    );
    const read = await b24.getTaskScope('8157', '3157');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe('https://portal.bitrix24.com/rest/1/s3cr3t/batch');
    const cmd = (requests[0]?.json as { cmd: Record<string, string> }).cmd;
    expect(cmd.task).toBe('tasks.task.get?taskId=8157&select%5B0%5D=ID&select%5B1%5D=GROUP_ID&select%5B2%5D=CHAT_ID');
    expect(cmd.comment).toBe('task.commentitem.get?0=8157&1=3157');
    expect(read.task).toEqual({ id: '8157', groupId: '7', chatId: null });
    expect(read.comment).toMatchObject({
      id: '3157',
      authorId: '503',
      message: 'Text of the new comment for the task',
    });
  });

  it('without a comment reads only the task, with its chat, in a plain call', async () => {
    const { b24, requests } = client(reply(200, { result: { task: { id: '8157', groupId: '7', chatId: '42' } } }));
    await expect(b24.getTaskScope('8157')).resolves.toEqual({
      task: { id: '8157', groupId: '7', chatId: '42' },
      comment: null,
    });
    expect(requests.map((r) => r.url.split('/').pop())).toEqual(['tasks.task.get']);
    expect(requests[0]?.json).toEqual({ taskId: '8157', select: ['ID', 'GROUP_ID', 'CHAT_ID'] });
  });

  it('says a gone task and a gone comment are gone, but lets a rate limit be retried', async () => {
    const missing = {
      error: 'ERROR_CORE',
      error_description: 'TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ITEM_NOT_FOUND_OR_NOT_ACCESSIBLE',
    };
    const limited = { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' };
    const { b24 } = client(
      reply(200, { result: { result: { task: [] }, result_error: { comment: missing } } }),
      reply(200, { result: { result: { task: SCOPE }, result_error: { comment: missing } } }),
      reply(200, { result: { result: { task: SCOPE }, result_error: { comment: limited } } }),
    );
    await expect(b24.getTaskScope('8157', '1')).resolves.toEqual({ task: null, comment: null });
    await expect(b24.getTaskScope('8157', '1')).resolves.toEqual({
      task: { id: '8157', groupId: '7', chatId: null },
      comment: null,
    });
    await expect(b24.getTaskScope('8157', '1')).rejects.toMatchObject({ reason: 'rate-limited', retryable: true });
  });
});
