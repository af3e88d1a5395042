/** A Jira 400 that names fields becomes a FieldsRefusedError carrying them; the use case writes the rest without them. */
import { FieldsRefusedError, PermanentError } from '../../../src/core/errors';
import { translateJiraFailure } from '../../../src/adapters/jira/errors';
import { writeDroppingRefused } from '../../../src/app/sync/jira-refusals';

const headers = { get: () => null };
const body = (errors: Record<string, string>, errorMessages: string[] = []): string =>
  JSON.stringify({ errorMessages, errors });

describe("Jira's field refusals", () => {
  it('are typed with their fields when the 400 names them', () => {
    const error = translateJiraFailure(
      'Jira edit issue',
      400,
      headers,
      body({ assignee: "User 'Greta Vogel' cannot be assigned issues." }),
      0,
    );
    expect(error).toBeInstanceOf(FieldsRefusedError);
    expect((error as FieldsRefusedError).fieldErrors).toEqual({
      assignee: "User 'Greta Vogel' cannot be assigned issues.",
    });
  });

  it('stay plain invalid requests when the 400 names no field', () => {
    const error = translateJiraFailure('Jira edit issue', 400, headers, body({}, ['INVALID_INPUT']), 0);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).not.toBeInstanceOf(FieldsRefusedError);
  });

  it('are left out and the rest is written once more', async () => {
    const sent: Record<string, unknown>[] = [];
    const outcome = await writeDroppingRefused({ summary: 'New', assignee: { accountId: 'g' } }, (fields) => {
      sent.push(fields);
      if ('assignee' in fields)
        return Promise.reject(
          new FieldsRefusedError('refused', { assignee: 'cannot be assigned' }, { code: 'jira:400' }),
        );
      return Promise.resolve('ok');
    });
    expect(sent).toEqual([{ summary: 'New', assignee: { accountId: 'g' } }, { summary: 'New' }]);
    expect(outcome).toEqual({
      result: 'ok',
      refused: [{ field: 'assignee', value: { accountId: 'g' }, reason: 'cannot be assigned' }],
    });
  });

  it('of a field we cannot leave out, or of one we did not send, fail the write', async () => {
    const refuse = (errors: Record<string, string>) => () =>
      Promise.reject(new FieldsRefusedError('refused', errors, { code: 'jira:400' }));
    await expect(
      writeDroppingRefused({ summary: 'x', project: { key: 'DEMO' } }, refuse({ project: 'no' }), ['project']),
    ).rejects.toBeInstanceOf(FieldsRefusedError);
    await expect(writeDroppingRefused({ summary: 'x' }, refuse({ priority: 'no' }))).rejects.toBeInstanceOf(
      FieldsRefusedError,
    );
  });

  it('write nothing more when every field was refused', async () => {
    let calls = 0;
    const outcome = await writeDroppingRefused({ assignee: { accountId: 'g' } }, () => {
      calls += 1;
      return Promise.reject(new FieldsRefusedError('refused', { assignee: 'no' }, { code: 'jira:400' }));
    });
    expect(calls).toBe(1);
    expect(outcome.result).toBeUndefined();
  });
});
