/**
 * Every tab and the issue panel, in English and Russian, against stored accessibility-tree snapshots
 * (test/sandbox/aria/*.yml): a changed screen fails until `UPDATE=1 npx jest test/sandbox/screens.test.ts` stores
 * the new tree. Pixels are not compared; `npm run screenshots` makes the README's pictures from the same steps.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import english from '../../src/frontend/i18n/en-US.json';
import russian from '../../src/frontend/i18n/ru-RU.json';
import { describeInBrowser, seedJournal, startBrowserWorld, type BrowserWorld } from './browser-world';
import { choose, openTab, row, settingsPath, appReady } from './flows';
import { LOCALES, linkedIssue, stableTree, visitScreens, type Screen } from './screens';
import { englishWords } from '../support/russian';

const DIR = path.join(__dirname, 'aria');

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v, `${prefix}${k}.`),
  );

/**
 * What a Russian screen must not show: a translation key, an English phrase of the app (two words or more; single
 * words such as "Medium" are also Jira's own data), or a button, tab or column named in English.
 */
function untranslated(tree: string, text: string): string[] {
  const ru = new Map(leaves(russian));
  const all = leaves(english);
  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keys = all.map(([key]) => key).filter((key) => new RegExp(`(^|[^\\w.])${escape(key)}($|[^\\w.])`).test(text));
  const foreign = all.filter(([key, value]) => ![...ru.entries()].some(([k, r]) => k !== key && r.includes(value)));
  const phrases = foreign.filter(
    ([, value]) => value.includes(' ') && new RegExp(`(^|\\W)${escape(value)}($|\\W)`).test(text),
  );
  // A worded message with parameters: any literal part between its parameters with two adjacent Latin words (arrows such as "Bitrix24 → Jira" are the same in every language).
  const parts = foreign.filter(
    ([, value]) =>
      /\{\w+\}/.test(value) &&
      value
        .split(/\{\w+\}/)
        .map((part) => part.trim().replace(/^[^\w]+|[^\w]+$/g, ''))
        .some((part) => /[A-Za-z]+ [A-Za-z]+/.test(part) && part.length >= 10 && text.includes(part)),
  );
  const names = new Set([...tree.matchAll(/- (?:button|tab|columnheader) "([^"]+)"/g)].map((m) => m[1]));
  const named = foreign.filter(([, value]) => names.has(value));
  // A sentence the app built in English (a resolver's or the journal's) is in no translation file: any English word left once the data is out.
  const words = englishWords(text.replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( UTC)?/g, ' '), SCREEN_DATA).map(
    (w) => `English word "${w}"`,
  );
  return [
    ...new Set([
      ...keys.map((k) => `key ${k}`),
      ...[...phrases, ...parts, ...named].map(([key, value]) => `English "${value}" (${key})`),
      ...words,
    ]),
  ];
}

/**
 * What the screens show that is data, not text of the app: the seed's people, titles, workgroups, Jira's own
 * status and priority names, the portal and event names (src/local/seed.ts), and the issue this test creates.
 */
const SCREEN_DATA = [
  'Prepare the quarterly report',
  'Anna Schmidt',
  'Ben Carter',
  'Chloé Dubois',
  'Dmitri Ivanov',
  'Erin Walsh',
  'Farid Haddad',
  'Demo workgroup',
  'Legacy workgroup (HTML descriptions)',
  'To Do',
  'In Progress',
  'In Review',
  'QA Testing',
  'Done',
  'On Hold',
  'Highest',
  'High',
  'Medium',
  'Low',
  'Lowest',
  'DEMO',
  'ONTASKUPDATE',
  'ONTASKADD',
  'ONTASKDELETE',
  'ONTASKCOMMENTADD',
  'ONTASKCOMMENTUPDATE',
  'ONTASKCOMMENTDELETE',
  // Not the app's words: the sandbox's placeholder for a component it does not draw yet, and Atlaskit's own link label.
  'UI Kit component BarChart',
  'is not drawn by the sandbox yet',
  'opens new window',
];

const UPDATE = process.env.UPDATE === '1';

describeInBrowser('the screens, as accessibility trees', () => {
  let world: BrowserWorld;
  let issueKey = '';
  const trees = new Map<string, string>();
  const texts = new Map<string, string>();

  beforeAll(async () => {
    world = await startBrowserWorld({ seed: seedJournal });
    issueKey = await linkedIssue(world);
    for (const locale of LOCALES) {
      await visitScreens(world, issueKey, locale, async ({ name, frame }: Screen) => {
        trees.set(`${name}.${locale}`, stableTree(await frame.ariaSnapshot()));
        texts.set(`${name}.${locale}`, await frame.innerText());
      });
    }
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  it.each(
    LOCALES.flatMap((locale) =>
      ['connection', 'mapping', 'people', 'activity', 'migration']
        .map((t) => `settings-${t}.${locale}`)
        .concat(`issue-panel.${locale}`),
    ),
  )('%s matches its stored tree', (name) => {
    const tree = trees.get(name);
    expect(tree).toBeDefined();
    const file = path.join(DIR, `${name}.yml`);
    if (UPDATE || !fs.existsSync(file)) {
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(file, `${tree ?? ''}\n`);
      if (!UPDATE)
        throw new Error(
          `no stored tree for ${name}: wrote ${path.relative(process.cwd(), file)}; check it and commit it`,
        );
      return;
    }
    expect(`${tree ?? ''}\n`).toBe(fs.readFileSync(file, 'utf8'));
  });

  it.each(
    ['connection', 'mapping', 'people', 'activity', 'migration'].map((t) => `settings-${t}`).concat('issue-panel'),
  )('%s in ru-RU shows no translation key and no English text of the app', (name) => {
    const tree = trees.get(`${name}.ru-RU`) ?? '';
    expect(tree).not.toBe('');
    const placeholders = [...tree.matchAll(/\/placeholder: (.*)/g)].map((m) => m[1]).join('\n');
    expect(untranslated(tree, `${texts.get(`${name}.ru-RU`) ?? ''}\n${placeholders}`)).toEqual([]);
  });

  it('in ru-RU, a tested connection and a mapping saved with a problem are worded in Russian too', async () => {
    const page = await world.open(settingsPath('anna', 'ru-RU'));
    await appReady(page);
    const connection = await openTab(page, 'Подключение');
    await connection.getByRole('button', { name: 'Проверить подключение' }).click();
    await connection.getByText('Подключение работает.').waitFor();
    const mapping = await openTab(page, 'Сопоставление');
    const pending = row(mapping, 'Ждёт выполнения');
    await choose(pending.getByRole('combobox').first(), 'Bitrix24 → Jira');
    await mapping.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await pending.getByText('не передаётся из Jira', { exact: false }).waitFor();
    const frame = page.locator('#forge-root');
    const tree = await frame.ariaSnapshot();
    const placeholders = [...tree.matchAll(/\/placeholder: (.*)/g)].map((m) => m[1]).join('\n');
    expect(untranslated(tree, `${await frame.innerText()}\n${placeholders}`)).toEqual([]);
    await page.context().close();
  });
});
