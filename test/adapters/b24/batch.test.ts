import { createB24Auth } from '../../../src/adapters/b24/auth';
import { buildQuery, encodeCommand } from '../../../src/adapters/b24/batch';
import { createB24Client } from '../../../src/adapters/b24/client';
import { B24_CREDENTIALS_KEY } from '../../../src/ports/b24-credentials';
import { parseFormBody } from '../../../src/app/intake/b24-form-body';
import { fakeTransport, fixedClock, fixtureJson, memorySecrets, reply } from '../support';

const client = (...replies: Parameters<typeof fakeTransport>) => {
  const fake = fakeTransport(...replies);
  const secrets = memorySecrets({
    [B24_CREDENTIALS_KEY]: { mode: 'webhook', webhookUrl: 'https://portal.bitrix24.com/rest/1/s3cr3t/' },
  });
  const auth = createB24Auth({ secrets, transport: fake.transport, clock: fixedClock(0) });
  return { b24: createB24Client(auth, fake.transport, fixedClock(0)), requests: fake.requests };
};

const TASK = (fixtureJson('b24/rest/tasks.task.update.response.json') as { result: unknown }).result;
const COMMENTS = (fixtureJson('b24/rest/task.commentitem.getlist.response.json') as { result: unknown }).result;

describe('Bitrix24 batch', () => {
  it('encodes nested params with http_build_query rules that the form decoder reads back', () => {
    const params = {
      taskId: 5,
      select: ['ID', 'UF_AUTO_1'],
      filter: { '>ID': 5, TITLE: 'a b&c' },
      skip: null,
      flag: true,
    };
    const query = buildQuery(params);
    expect(query).toBe(
      'taskId=5&select%5B0%5D=ID&select%5B1%5D=UF_AUTO_1&filter%5B%3EID%5D=5&filter%5BTITLE%5D=a%20b%26c&flag=1',
    );
    expect(parseFormBody(query)).toEqual({
      taskId: '5',
      select: { 0: 'ID', 1: 'UF_AUTO_1' },
      filter: { '>ID': '5', TITLE: 'a b&c' },
      flag: '1',
    });
  });

  it('leaves the documented $result references usable', () => {
    const request = fixtureJson('b24/rest/batch.request.json') as { cmd: Record<string, string> };
    expect(encodeCommand({ method: 'user.current' })).toBe(request.cmd.get_user);
    expect(
      decodeURIComponent(
        encodeCommand({ method: 'department.get', params: { ID: '$result[get_user][UF_DEPARTMENT][0]' } }),
      ),
    ).toBe(request.cmd.get_department);
  });

  it('sends halt and cmd, and returns results and per-command errors (HTTP 200 either way)', async () => {
    const { b24, requests } = client(
      reply(200, fixtureJson('b24/rest/batch.response.json')),
      reply(200, fixtureJson('b24/rest/batch.response.errors-halt0.json')),
    );
    const ok = await b24.batch(
      { get_user: { method: 'user.current' }, get_department: { method: 'department.get', params: { ID: 1 } } },
      { halt: true },
    );
    expect(requests[0]).toMatchObject({
      url: 'https://portal.bitrix24.com/rest/1/s3cr3t/batch',
      json: { halt: 1, cmd: { get_user: 'user.current', get_department: 'department.get?ID=1' } },
    });
    expect(ok.errors).toEqual({});
    expect(ok.results.get_user).toMatchObject({ ID: '1', EMAIL: 'my@example.com' });
    const failed = await b24.batch({ get_user: { method: 'user.current' } });
    expect(failed.results).toEqual({});
    expect(failed.errors.get_user).toEqual({ error: 'insufficient_scope', description: '' });
  });

  it('refuses more than 50 commands before sending anything', async () => {
    const { b24, requests } = client();
    const commands = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, { method: 'scope' }]));
    await expect(b24.batch(commands)).rejects.toMatchObject({
      reason: 'invalid-request',
      code: 'b24:ERROR_BATCH_LENGTH_EXCEEDED',
    });
    expect(requests).toHaveLength(0);
  });

  it('reads a task and its legacy comments in one request', async () => {
    const { b24, requests } = client(
      reply(200, { result: { result: { task: TASK, comments: COMMENTS }, result_error: [] } }),
    );
    const { task, comments } = await b24.getTaskWithComments('8157');
    expect(requests).toHaveLength(1);
    expect(task?.id).toBe('8157');
    expect(comments.map((c) => c.id)).toEqual(['3157', '3155']);
    const cmd = (requests[0]?.json as { cmd: Record<string, string> }).cmd;
    expect(cmd.comments).toBe('task.commentitem.getlist?0=8157&1%5BPOST_DATE%5D=asc');
  });

  it('treats a refused comment list (new task card) as no legacy comments, but a rate limit as retryable', async () => {
    const refused = { error: 'ERROR_CORE', error_description: 'TASKS_ERROR_EXCEPTION_#256' };
    const limited = { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' };
    const { b24 } = client(
      reply(200, { result: { result: { task: TASK }, result_error: { comments: refused } } }),
      reply(200, { result: { result: { task: TASK }, result_error: { comments: limited } } }),
    );
    await expect(b24.getTaskWithComments('8157')).resolves.toMatchObject({ comments: [] });
    await expect(b24.getTaskWithComments('8157')).rejects.toMatchObject({ reason: 'rate-limited', retryable: true });
  });
});
