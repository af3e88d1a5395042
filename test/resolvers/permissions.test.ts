/**
 * A hidden button is not a security boundary: every resolver asks Jira, as the calling person, whether they hold
 * the permission its data needs, and refuses with a sentence otherwise.
 */
import { ISSUE_CALLS, RESOLVER_CALLS, SETTINGS_CALLS } from '../../src/entry/resolvers/calls';
import { REFUSALS } from '../../src/entry/resolvers/rights';
import { createResolverWorld, type Person, type ResolverWorld } from './world';

const CONNECTION_CALLS = [
  'getConnection',
  'saveConnection',
  'testConnection',
  'getAuthorizeUrl',
  'completeOAuth',
  'bindEvents',
  'getWorkgroupAccess',
  'saveWorkgroupAccess',
];
const PROJECT_CALLS = SETTINGS_CALLS.filter((c) => c !== 'getAccess' && !CONNECTION_CALLS.includes(c));
const ISSUE = { id: '10001', key: 'DEMO-1' };

describe('server-side permission checks', () => {
  let world: ResolverWorld;
  beforeAll(async () => {
    world = await createResolverWorld();
  });

  it.each(CONNECTION_CALLS)('settings %s refuses a project admin who is not a Jira administrator', async (call) => {
    const reply = await world.settings('ben', call, { portal: 'evil.bitrix24.com', mode: 'webhook', code: 'x' });
    expect(reply).toEqual({
      error: 'Only Jira administrators may change the Bitrix24 connection.',
      code: 'refused.ADMINISTER',
    });
  });

  it.each(PROJECT_CALLS)('settings %s refuses a person who may only browse the project', async (call) => {
    const reply = await world.settings('chloe', call, {
      limit: 5,
      config: {},
      entryId: 'x',
      overrides: [],
      fallback: { kind: 'leave-unchanged' },
    });
    expect(reply).toEqual({
      error: 'Only administrators of this project may view or change its Bitrix24 sync settings.',
      code: 'refused.ADMINISTER_PROJECTS',
    });
  });

  it.each([...ISSUE_CALLS])('issue %s refuses a person who may not browse the project', async (call) => {
    const reply = await world.issue('olga', call, ISSUE, { task: '1' });
    expect(reply).toEqual({
      error: 'You do not have permission to see this project.',
      code: 'refused.BROWSE_PROJECTS',
    });
  });

  it('tells a Jira administrator that Jira could not be asked, not that they lack the right, while Jira answers 429', async () => {
    world.platform.setFaults({ seed: 1, jira429: 1 });
    try {
      expect(await world.settings('anna', 'getConnection')).toEqual({
        error: REFUSALS.UNCHECKED,
        code: 'refused.UNCHECKED',
      });
    } finally {
      world.platform.setFaults({});
    }
    expect(await world.settings('anna', 'getConnection')).not.toHaveProperty('error');
  });

  it('getAccess only reports what the caller holds', async () => {
    const access = async (p: Person) => world.settings(p, 'getAccess');
    expect(await access('anna')).toEqual({ siteAdmin: true, projectAdmin: true });
    expect(await access('ben')).toEqual({ siteAdmin: false, projectAdmin: true });
    expect(await access('chloe')).toEqual({ siteAdmin: false, projectAdmin: false });
  });

  it('lists exactly the calls each resolver function defines', async () => {
    expect(Object.keys(RESOLVER_CALLS).sort()).toEqual(['issue-resolver-fn', 'settings-resolver-fn']);
    // An undefined call throws in @forge/resolver; a defined one answers (here with a refusal).
    for (const call of RESOLVER_CALLS['settings-resolver-fn'] ?? [])
      await expect(world.settings('olga', call)).resolves.toBeDefined();
    await expect(world.settings('anna', 'noSuchCall')).rejects.toThrow();
  });
});

describe('issue panel actions need Edit Issues', () => {
  let world: ResolverWorld;
  beforeAll(async () => {
    world = await createResolverWorld();
  });

  it.each(['syncNow', 'linkTask', 'unlink', 'createInB24'])(
    'issue %s refuses a person who may browse but not edit',
    async (call) => {
      expect(await world.issue('dmitri', call, ISSUE, { task: '1' })).toEqual({
        error: 'You may see this issue but not edit it, so you cannot sync, link or unlink it.',
        code: 'refused.EDIT_ISSUES',
      });
    },
  );

  it('shows the panel to a person who may only browse, telling the page to hide the actions', async () => {
    // The panel re-reads the issue as the caller, so it must exist.
    const created = await world.jira('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary: 'Real issue' },
    });
    const issue = { id: String(created.id), key: String(created.key) };
    expect(await world.issue('dmitri', 'getLinkedTask', issue)).toMatchObject({ canEdit: false });
    expect(await world.issue('chloe', 'getLinkedTask', issue)).toMatchObject({ canEdit: true });
  });
});
