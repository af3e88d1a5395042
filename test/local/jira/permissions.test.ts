/** Who may do what on the emulated site: the app by its project role, people by theirs; and the lost-reply fault. */
import { adf, ALICE, aSeed, aSite, asUser, BOB, VERA } from './builders';

const issueFields = { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Guarded' };

describe('the app holds what its project role gives', () => {
  it('may not edit when its role lacks Edit Issues, and sees no fields in editmeta', async () => {
    const site = aSite({ seed: aSeed({ appPermissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES'] }) });
    const { id } = await site.createIssue();
    const res = await site.call('PUT', `/rest/api/3/issue/${id}`, { fields: { summary: 'Edited' } });
    expect(res.status).toBe(400);
    expect(await site.json('GET', `/rest/api/3/issue/${id}/editmeta`)).toEqual({ fields: {} });
  });

  it('may not create in a project it may not browse, which looks like no project at all', async () => {
    const site = aSite({ seed: aSeed({ appPermissions: [] }) });
    const res = await site.call('POST', '/rest/api/3/issue', { fields: issueFields });
    expect(await res.json()).toEqual({ errorMessages: [], errors: { project: 'Specify a valid project ID or key' } });
  });
});

describe('browsing', () => {
  it('hides issues and their search hits from someone without Browse Projects', async () => {
    const seed = aSeed();
    seed.users.push({
      accountId: 'outsider',
      displayName: 'Otto Outsider',
      email: 'otto@example.com',
      projectPermissions: {},
    });
    const site = aSite({ seed });
    const { id } = await site.createIssue();
    expect((await site.call('GET', `/rest/api/3/issue/${id}`, undefined, asUser('outsider'))).status).toBe(404);
    const found = await site.json<{ issues: unknown[] }>(
      'POST',
      '/rest/api/3/search/jql',
      { jql: 'project = DEMO' },
      asUser('outsider'),
    );
    expect(found.issues).toEqual([]);
    expect((await site.call('GET', `/rest/api/3/issue/${id}`, undefined, asUser(VERA))).status).toBe(200);
  });

  it("lets a developer delete their own attachment but not someone else's", async () => {
    const site = aSite();
    const { id } = await site.createIssue();
    const upload = async (who: string): Promise<string> => {
      const form = new FormData();
      form.append('file', new Blob(['x']), 'x.txt');
      const res = await site.jira.handle(
        new Request(`https://sandbox.atlassian.net/rest/api/3/issue/${id}/attachments`, {
          method: 'POST',
          body: form,
          headers: { 'X-Atlassian-Token': 'no-check' },
        }),
        asUser(who),
      );
      return ((await res.json()) as { id: string }[])[0]?.id ?? '';
    };
    const bobs = await upload(BOB);
    expect((await site.call('DELETE', `/rest/api/3/attachment/${bobs}`, undefined, asUser(BOB))).status).toBe(204);
    const alices = await upload(ALICE);
    expect((await site.call('DELETE', `/rest/api/3/attachment/${alices}`, undefined, asUser(BOB))).status).toBe(403);
    expect((await site.call('DELETE', `/rest/api/3/attachment/${alices}`, undefined, asUser(ALICE))).status).toBe(204);
  });
});

describe('the lostReplies fault', () => {
  it("applies the app's write, then fails the fetch; people's calls and reads are untouched", async () => {
    const site = aSite();
    site.jira.setFaults({ rateLimit: 0, serverError: 0, lostReply: 1, random: () => 0 });
    await expect(site.call('POST', '/rest/api/3/issue', { fields: issueFields })).rejects.toThrow(/lost reply/);
    site.jira.setFaults(null);
    const found = await site.json<{ issues: { id: string }[] }>('POST', '/rest/api/3/search/jql', {
      jql: 'project = DEMO',
      fields: ['summary'],
    });
    expect(found.issues).toHaveLength(1);
    site.jira.setFaults({ rateLimit: 0, serverError: 0, lostReply: 1, random: () => 0 });
    expect(
      (
        await site.call(
          'POST',
          `/rest/api/3/issue/${found.issues[0]?.id ?? ''}/comment`,
          { body: adf('by a person') },
          asUser(BOB),
        )
      ).status,
    ).toBe(201);
    expect((await site.call('GET', `/rest/api/3/issue/${found.issues[0]?.id ?? ''}`)).status).toBe(200);
  });
});
