/** Issues, transitions, comments and validation behave as Jira Cloud does, as strictly or more. */
import { adf, ALICE, aSite, basic, BOB } from './builders';

const err = async (res: Response): Promise<{ status: number; body: unknown }> => ({
  status: res.status,
  body: await res.json(),
});

describe('creating and editing issues', () => {
  it('creates an issue with every supported field and reads it back', async () => {
    const site = aSite();
    const { id, key } = await site.createIssue({
      description: adf('Body'),
      assignee: { accountId: BOB },
      duedate: '2026-11-30',
      priority: { id: '2' },
      labels: ['sync'],
      customfield_10050: 'x',
    });
    expect(key).toBe('DEMO-1');
    const issue = await site.json<{ fields: Record<string, unknown> }>('GET', `/rest/api/3/issue/${id}`);
    expect(issue.fields).toMatchObject({
      summary: 'Ship it',
      duedate: '2026-11-30',
      labels: ['sync'],
      customfield_10050: 'x',
      priority: { id: '2', name: 'High' },
      assignee: { accountId: BOB },
      status: { name: 'To Do' },
    });
  });

  it.each([
    ['an unknown accountId', { assignee: { accountId: 'nobody' } }, 'assignee'],
    ['an unknown priority', { priority: { name: 'Urgent' } }, 'priority'],
    ['a bad date', { duedate: '2026-02-30' }, 'duedate'],
    ['a plain-string description', { description: 'text' }, 'description'],
    ['a status', { status: { id: '3' } }, 'status'],
  ])('refuses %s with 400 and the field named in errors', async (_, fields, field) => {
    const site = aSite();
    const res = await site.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 's', ...fields },
    });
    const { status, body } = await err(res);
    expect(status).toBe(400);
    expect(body).toEqual({ errorMessages: [], errors: { [field]: expect.any(String) } });
  });

  it('refuses ADF that breaks the official schema as INVALID_INPUT', async () => {
    const site = aSite();
    const broken = { type: 'doc', version: 1, content: [{ type: 'text', text: 'loose text' }] };
    const res = await site.call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 's', description: broken },
    });
    expect(await err(res)).toEqual({ status: 400, body: { errorMessages: ['INVALID_INPUT'], errors: {} } });
  });

  it('refuses a status set through PUT, and changes nothing', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    const res = await site.call('PUT', `/rest/api/3/issue/${id}`, { fields: { status: { name: 'Done' } } });
    expect(res.status).toBe(400);
    expect(
      (await site.json<{ fields: { status: { name: string } } }>('GET', `/rest/api/3/issue/${id}`)).fields.status.name,
    ).toBe('To Do');
  });

  it('applies update operations and answers 204', async () => {
    const site = aSite();
    const { id } = await site.createIssue({ labels: ['a', 'b'] });
    const res = await site.call('PUT', `/rest/api/3/issue/${id}`, {
      update: { labels: [{ add: 'c' }, { remove: 'a' }] },
    });
    expect(res.status).toBe(204);
    expect(
      (await site.json<{ fields: { labels: string[] } }>('GET', `/rest/api/3/issue/${id}?fields=labels`)).fields,
    ).toEqual({ labels: ['b', 'c'] });
  });

  it('bulk-creates up to 50 and reports failures by 0-based index', async () => {
    const site = aSite();
    const ok = { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'ok' } };
    const bad = { fields: { project: { key: 'DEMO' }, issuetype: { name: 'Nope' }, summary: 'bad' } };
    const res = await site.call('POST', '/rest/api/3/issue/bulk', { issueUpdates: [ok, bad, ok] });
    const body = (await res.json()) as { issues: unknown[]; errors: { failedElementNumber: number; status: number }[] };
    expect(res.status).toBe(201);
    expect(body.issues).toHaveLength(2);
    expect(body.errors).toEqual([expect.objectContaining({ failedElementNumber: 1, status: 400 })]);
    expect((await site.call('POST', '/rest/api/3/issue/bulk', { issueUpdates: [bad] })).status).toBe(400);
    expect(
      (await site.call('POST', '/rest/api/3/issue/bulk', { issueUpdates: Array.from({ length: 51 }, () => ok) }))
        .status,
    ).toBe(400);
  });

  it('rejects request bodies that break the spec schema', async () => {
    const site = aSite();
    const res = await site.call('POST', '/rest/api/3/search/jql', { jql: 'project = DEMO', surprise: 1 });
    expect(res.status).toBe(400);
  });
});

describe('the default workflow', () => {
  const transitionTo = async (site: ReturnType<typeof aSite>, id: string, name: string): Promise<Response> => {
    const { transitions } = await site.json<{ transitions: { id: string; to: { name: string } }[] }>(
      'GET',
      `/rest/api/3/issue/${id}/transitions`,
    );
    const t = transitions.find((x) => x.to.name === name);
    return site.call('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: t?.id ?? 'none' } });
  };

  it('has no direct To Do → Done, so the id of Done is refused from To Do', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    expect(await transitionTo(site, id, 'Done')).toHaveProperty('status', 400);
    const res = await site.call('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '61' } });
    expect(await err(res)).toEqual({
      status: 400,
      body: { errorMessages: ["Transition id '61' is not valid for this issue."], errors: {} },
    });
  });

  it('reaches On Hold only from In Progress and leaves it only back to In Progress', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    expect((await transitionTo(site, id, 'On Hold')).status).toBe(400);
    expect((await transitionTo(site, id, 'In Progress')).status).toBe(204);
    expect((await transitionTo(site, id, 'On Hold')).status).toBe(204);
    const { transitions } = await site.json<{ transitions: { to: { name: string } }[] }>(
      'GET',
      `/rest/api/3/issue/${id}/transitions`,
    );
    expect(transitions.map((t) => t.to.name)).toEqual(['In Progress']);
  });

  it('sets a resolution on Done and clears it on Reopen', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    await transitionTo(site, id, 'In Progress');
    await transitionTo(site, id, 'Done');
    expect(
      (await site.json<{ fields: { resolution: { name: string } } }>('GET', `/rest/api/3/issue/${id}`)).fields
        .resolution.name,
    ).toBe('Done');
    await transitionTo(site, id, 'To Do');
    expect(
      (await site.json<{ fields: { resolution: null } }>('GET', `/rest/api/3/issue/${id}`)).fields.resolution,
    ).toBeNull();
  });

  it('uses a per-project workflow from the seed, with required transition fields', async () => {
    const { aSeed } = await import('./builders');
    const seed = aSeed({
      projects: [
        {
          id: '10001',
          key: 'OPS',
          name: 'Ops',
          workflow: {
            initialStatusId: '1',
            statuses: [
              { id: '1', name: 'Open', category: 'new' },
              { id: '2', name: 'Closed', category: 'done' },
            ],
            transitions: [{ id: '5', name: 'Close', from: [], to: '2', requiredFields: ['resolution'] }],
          },
        },
      ],
    });
    const site = aSite({ seed });
    const { id } = await site.json<{ id: string }>('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 's' },
    });
    expect((await site.call('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: '5' } })).status).toBe(
      400,
    );
    expect(
      (
        await site.call('POST', `/rest/api/3/issue/${id}/transitions`, {
          transition: { id: '5' },
          fields: { resolution: { name: 'Done' } },
        })
      ).status,
    ).toBe(204);
  });
});

describe('comments, properties and people', () => {
  it('pages comments by offset and refuses an empty body', async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    for (const t of ['one', 'two', 'three'])
      await site.json('POST', `/rest/api/3/issue/${id}/comment`, { body: adf(t) });
    const page = await site.json<{ total: number; comments: { body: unknown }[] }>(
      'GET',
      `/rest/api/3/issue/${id}/comment?startAt=1&maxResults=1`,
    );
    expect(page).toMatchObject({ total: 3, startAt: 1, maxResults: 1, comments: [{ body: adf('two') }] });
    expect((await site.call('POST', `/rest/api/3/issue/${id}/comment`, {})).status).toBe(400);
  });

  it('stores issue properties set at creation and finds them by JQL', async () => {
    const site = aSite();
    const res = await site.json<{ id: string }>('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 's' },
      properties: [{ key: 'b24', value: { taskId: 42 } }],
    });
    await site.createIssue();
    const found = await site.json<{ issues: { id: string }[] }>('POST', '/rest/api/3/search/jql', {
      jql: 'issue.property[b24].taskId = 42 AND project = DEMO',
    });
    expect(found.issues).toEqual([{ id: res.id }]);
  });

  it('authenticates people by Basic e-mail:token and refuses anyone else with 401', async () => {
    const site = aSite();
    expect(
      await site.json<{ accountId: string }>('GET', '/rest/api/3/myself', undefined, {
        kind: 'user',
        accountId: ALICE,
      }),
    ).toMatchObject({ accountId: ALICE });
    expect((await site.call('GET', '/rest/api/3/myself', undefined, null, basic('alice@example.com'))).status).toBe(
      200,
    );
    expect((await site.call('GET', '/rest/api/3/myself', undefined, null, basic('eve@example.com'))).status).toBe(401);
    expect((await site.call('GET', '/rest/api/3/myself', undefined, null)).status).toBe(401);
  });

  it('finds users by e-mail or name prefix and hides hidden e-mails', async () => {
    const site = aSite();
    expect(await site.json<unknown[]>('GET', '/rest/api/3/user/search?query=bob@example.com')).toEqual([
      expect.objectContaining({ accountId: BOB, emailAddress: 'bob@example.com' }),
    ]);
    const hana = await site.json<Record<string, unknown>[]>('GET', '/rest/api/3/user/search?query=hana');
    expect(hana).toHaveLength(1);
    expect(hana[0]).not.toHaveProperty('emailAddress');
    expect(await site.json<unknown[]>('GET', '/rest/api/3/user/search?query=hana@example.com')).toEqual([]);
  });

  it('reports permissions from the seed', async () => {
    const site = aSite();
    const mine = await site.json<{ permissions: Record<string, { havePermission: boolean }> }>(
      'GET',
      '/rest/api/3/mypermissions?projectKey=DEMO&permissions=ADMINISTER_PROJECTS',
      undefined,
      { kind: 'user', accountId: BOB },
    );
    expect(mine.permissions.ADMINISTER_PROJECTS?.havePermission).toBe(false);
    expect((await site.call('GET', '/rest/api/3/mypermissions')).status).toBe(400);
  });
});
