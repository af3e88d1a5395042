/**
 * The app against a Bitrix24 as strict as its documentation: tasks found without the undocumented
 * XML_ID filter, Jira files uploaded into the acting person's own drive, and legacy tasks whose description is
 * HTML synced both ways.
 */
import { B24_CREDENTIALS_KEY } from '../../src/ports/b24-credentials';
import { OAUTH_HOST } from '../../src/local/b24';
import { LEGACY_TASKS } from '../../src/local/seed-b24-legacy';
import { defaultSeed } from '../../src/local/seed';
import { actions, adfText, attachInJira, createWorld, fileOf, pairedTask, PEOPLE, type World } from './harness';

describe('an issue created in Jira', () => {
  it('gets its own task even when the workgroup already has others (the marker is matched in the reply)', async () => {
    const w = await createWorld();
    const a = actions(w);
    const first = await a.createIssue(PEOPLE.anna.email, { summary: 'First issue' });
    await w.settle();
    const second = await a.createIssue(PEOPLE.anna.email, { summary: 'Second issue' });
    await w.settle();
    const tasks = await a.tasksInGroup();
    expect(tasks.map((t) => [t.xmlId, t.title]).sort()).toEqual([
      [first.id, 'First issue'],
      [second.id, 'Second issue'],
    ]);
    expect(a.linkOfIssue(second.id)?.taskId).toBe(tasks.find((t) => t.xmlId === second.id)?.id);
  });
});

describe('a file attached in Jira', () => {
  it("is uploaded into the root folder of the acting person's own drive, looked up once", async () => {
    const w = await createWorld();
    const { issueId } = await pairedTask(w);
    w.platform.resetStats();
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'one.pdf', fileOf(10));
    await w.settle();
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'two.pdf', fileOf(20));
    await w.settle();
    expect(w.platform.stats().b24.byMethod['disk.storage.getlist']).toBe(1);
    const [drive] = (await w.b24(PEOPLE.anna.b24, 'disk.storage.getlist', {
      filter: { ENTITY_TYPE: 'user', ENTITY_ID: PEOPLE.anna.b24 },
    })) as { ID: string; ROOT_OBJECT_ID: string }[];
    const files = [...w.platform.b24.snapshot().files.values()];
    expect(files.map((f) => [f.name, String(f.folderId), String(f.storageId)])).toEqual([
      ['one.pdf', drive?.ROOT_OBJECT_ID, drive?.ID],
      ['two.pdf', drive?.ROOT_OBJECT_ID, drive?.ID],
    ]);
  });
});

describe('a file attached in Jira after its remembered folder is gone', () => {
  it('is uploaded all the same: the refused folder is forgotten and the drive looked up again', async () => {
    const w = await createWorld();
    const { taskId, issueId } = await pairedTask(w);
    w.platform.kvs.write('plain', `b24-folder:user-${PEOPLE.anna.b24}`, '999999');
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'late.pdf', fileOf(30));
    await w.settle();
    const task = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', {
      taskId,
      select: ['ID', 'UF_TASK_WEBDAV_FILES'],
    })) as { task: { ufTaskWebdavFiles: unknown } };
    expect(task.task.ufTaskWebdavFiles).toHaveLength(1);
    expect(w.platform.kvs.peek(`b24-folder:user-${PEOPLE.anna.b24}`)).not.toBe('999999');
  });
});

describe('a file attached in Jira, the app connected by OAuth', () => {
  /** What completing the OAuth approval stores: tokens for Anna (an administrator) and the connection's mode. */
  async function connectByOAuth(w: World): Promise<void> {
    const client = w.platform.seed.b24.oauthClient;
    if (!client) throw new Error('the seed has no OAuth client');
    const code = w.platform.b24.issueAuthorizationCode(PEOPLE.anna.b24);
    const tokenUrl = `https://${OAUTH_HOST}/oauth/token/?grant_type=authorization_code&client_id=${client.clientId}&client_secret=${client.clientSecret}&code=${code}`;
    const tokens = (await (await w.platform.b24.handle(new Request(tokenUrl))).json()) as {
      access_token: string;
      refresh_token: string;
      client_endpoint: string;
    };
    w.platform.kvs.write('secret', B24_CREDENTIALS_KEY, {
      mode: 'oauth',
      clientEndpoint: tokens.client_endpoint,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: w.clock.now() + 3_600_000,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
    });
    const connection = w.platform.kvs.peek('connection') as Record<string, unknown>;
    w.platform.kvs.write('plain', 'connection', { ...connection, authMode: 'oauth' });
  }

  it("is uploaded into the root folder of the app's own storage (disk.storage.getforapp), looked up once", async () => {
    const w = await createWorld();
    await connectByOAuth(w);
    const { issueId } = await pairedTask(w);
    w.platform.resetStats();
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'one.pdf', fileOf(10));
    await w.settle();
    await attachInJira(w, PEOPLE.dmitri.email, issueId, 'two.pdf', fileOf(20));
    await w.settle();
    expect(w.platform.stats().b24.byMethod['disk.storage.getforapp']).toBe(1);
    expect(w.platform.stats().b24.byMethod['disk.storage.getlist']).toBeUndefined();
    const app = [...w.platform.b24.snapshot().files.values()].map((f) => f.storageId);
    const storages = (await w.b24(PEOPLE.anna.b24, 'disk.storage.getlist', {})) as { ID: string }[];
    expect(app).toHaveLength(2);
    // Not any storage a person sees: the app's own, which getlist does not show.
    expect(storages.map((s) => Number(s.ID))).not.toContain(app[0]);
  });
});

describe('a legacy Bitrix24 task whose description is HTML', () => {
  async function legacyWorld() {
    const seed = defaultSeed();
    // The seeded legacy tasks, moved into the paired workgroup.
    seed.b24.tasks = LEGACY_TASKS.map((t) => ({ ...t, groupId: seed.b24GroupId }));
    const w = await createWorld({ seed });
    const a = actions(w);
    const [task] = (await a.tasksInGroup()).filter((t) => t.title === LEGACY_TASKS[0]?.title);
    if (!task) throw new Error('the legacy task is not in the workgroup');
    return { w, a, taskId: task.id };
  }

  it('reaches Jira with its HTML read as formatting, and a Jira edit comes back as HTML', async () => {
    const { w, a, taskId } = await legacyWorld();
    await w.b24(PEOPLE.anna.b24, 'tasks.task.update', {
      taskId,
      fields: { TITLE: 'Migrate the 2019 price list (now)' },
    });
    await w.settle();
    const issue = await a.issueOfTask(taskId);
    const description = JSON.stringify(issue.fields.description);
    expect(description).toContain('"type":"bulletList"');
    expect(description).toContain('"type":"strong"');
    expect(description).not.toContain('<b>');

    await w.jira(PEOPLE.anna.email, 'PUT', `/rest/api/3/issue/${issue.id}`, {
      fields: { description: adfText('Prices are final') },
    });
    await w.settle();
    const back = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'DESCRIPTION'] })) as {
      task: { description: string; descriptionInBbcode: string };
    };
    expect(back.task.descriptionInBbcode).toBe('N');
    expect(back.task.description).toMatch(/^<p>Prices are final<\/p>\s*$/);
  });
});
