/**
 * Every tab and the issue panel, in English and Russian, against stored accessibility-tree snapshots
 * (test/sandbox/aria/*.yml): a changed screen fails until `UPDATE=1 npx jest test/sandbox/screens.test.ts` stores
 * the new tree. Pixels are not compared; `npm run screenshots` makes the README's pictures from the same steps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeInBrowser, seedJournal, startBrowserWorld, type BrowserWorld } from './browser-world';
import { LOCALES, linkedIssue, stableTree, visitScreens, type Screen } from './screens';

const DIR = path.join(__dirname, 'aria');
const UPDATE = process.env.UPDATE === '1';

describeInBrowser('the screens, as accessibility trees', () => {
  let world: BrowserWorld;
  let issueKey = '';
  const trees = new Map<string, string>();

  beforeAll(async () => {
    world = await startBrowserWorld({ seed: seedJournal });
    issueKey = await linkedIssue(world);
    for (const locale of LOCALES) {
      await visitScreens(world, issueKey, locale, async ({ name, frame }: Screen) => {
        trees.set(`${name}.${locale}`, stableTree(await frame.ariaSnapshot()));
      });
    }
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it.each(LOCALES.flatMap((locale) => ['connection', 'mapping', 'people', 'activity', 'migration'].map((t) => `settings-${t}.${locale}`).concat(`issue-panel.${locale}`)))(
    '%s matches its stored tree',
    (name) => {
      const tree = trees.get(name);
      expect(tree).toBeDefined();
      const file = path.join(DIR, `${name}.yml`);
      if (UPDATE || !fs.existsSync(file)) {
        fs.mkdirSync(DIR, { recursive: true });
        fs.writeFileSync(file, `${tree ?? ''}\n`);
        if (!UPDATE) throw new Error(`no stored tree for ${name}: wrote ${path.relative(process.cwd(), file)}; check it and commit it`);
        return;
      }
      expect(`${tree ?? ''}\n`).toBe(fs.readFileSync(file, 'utf8'));
    },
  );
});
