/**
 * The connection test's problems carry message codes the Connection tab words: each failure the resolver reports
 * has a code and parameters that both languages word completely, next to the English sentence kept as fallback.
 */
import english from '../../src/frontend/i18n/en-US.json';
import russian from '../../src/frontend/i18n/ru-RU.json';
import { message } from '../../src/frontend/shared/words';
import { createResolverWorld } from '../resolvers/world';

const PORTAL = 'sandbox.bitrix24.com';
type Coded = { message: string; code: string; params: Record<string, string> };
type Tree = { [key: string]: string | Tree };
const lookup =
  (tree: Tree) =>
  (key: string): string => {
    const found = key
      .split('.')
      .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
    return typeof found === 'string' ? found : key;
  };

async function testedProblems(): Promise<Coded[]> {
  const all: Coded[] = [];
  const scopes = await createResolverWorld();
  scopes.platform.b24.restrictWebhookScopes('1', ['task', 'user_basic']);
  const wrong = await createResolverWorld();
  await wrong.settings('anna', 'saveConnection', {
    mode: 'webhook',
    portal: PORTAL,
    webhookUrl: `https://${PORTAL}/rest/1/wrongsecret1234/`,
  });
  const gone = await createResolverWorld();
  await gone.settings('anna', 'saveConnection', {
    mode: 'webhook',
    portal: 'gone.bitrix24.de',
    webhookUrl: 'https://gone.bitrix24.de/rest/1/abcdef123456/',
  });
  const oauth = await createResolverWorld();
  const client = oauth.platform.seed.b24.oauthClient;
  await oauth.settings('anna', 'saveConnection', {
    mode: 'oauth',
    portal: PORTAL,
    clientId: client?.clientId,
    clientSecret: client?.clientSecret,
  });
  for (const world of [scopes, wrong, gone, oauth]) {
    const reply = (await world.settings('anna', 'testConnection')) as { problems: string[]; coded: Coded[] };
    expect(reply.coded.map((c) => c.message)).toEqual(reply.problems);
    all.push(...reply.coded);
  }
  return all;
}

describe('connection test problems in words', () => {
  it('give a code to every problem, worded in en-US and ru-RU with every parameter filled', async () => {
    const problems = await testedProblems();
    expect(problems.map((p) => p.code)).toEqual([
      'b24.missingScope.webhook',
      'b24.unauthorized',
      'b24.network',
      'b24.notAuthorised',
    ]);
    for (const tree of [english, russian] as unknown as Tree[]) {
      for (const p of problems) {
        expect({ code: p.code, worded: message(lookup(tree), '<fallback>', p.code, p.params) }).toEqual({
          code: p.code,
          worded: expect.not.stringMatching(/[{}]|<fallback>/),
        });
      }
    }
    expect(message(lookup(russian as unknown as Tree), '', problems[0]?.code, problems[0]?.params)).toContain(
      'sonet_group, im, disk',
    );
  });
});
