/**
 * The pages in Russian, drawn by UI Kit over the real resolvers: the Activity tab after a sync that met a conflict
 * and a person with no Jira account; the issue panel showing the same entries; the Connection tab's
 * test naming missing scopes and their alternatives, and its list of workgroups that may be paired; the Mapping tab
 * when none is listed. Nothing on screen is English but the data.
 */
import { answerInvokes, findAll, textOf, waitForDoc } from './bridge';
import * as fs from 'node:fs';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import type { ForgeNode } from './bridge';
import { ActivityTab } from '../../src/frontend/settings/ActivityTab';
import { ConnectionTab } from '../../src/frontend/settings/ConnectionTab';
import { MappingTab } from '../../src/frontend/settings/MappingTab';
import { IssuePanel } from '../../src/frontend/issue-panel/IssuePanel';
import { englishWords } from '../support/russian';
import { createResolverWorld } from '../resolvers/world';
import { actions, createWorld, pairedTask, PEOPLE } from '../scenarios/harness';

/**
 * Forge's i18n reads the bundle's `__LOCALES__` folder; here it is the repository's translation files. Installed
 * once the world is built, in front of whatever fetch the world uses, and taken away after each test.
 */
let restore: (() => void) | undefined;
afterEach(() => restore?.());

const inRussian = (page: React.ReactNode): void => {
  const before = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const file = /__LOCALES__\/(en-US|ru-RU)\.json$/.exec(url)?.[1];
    if (file) return new Response(fs.readFileSync(`src/frontend/i18n/${file}.json`, 'utf8'));
    if (url.endsWith('__LOCALES__/i18n-info.json'))
      return new Response(
        JSON.stringify({ translations: {}, config: { locales: ['en-US', 'ru-RU'], fallback: { default: 'en-US' } } }),
      );
    return before(input, init);
  };
  restore = () => {
    globalThis.fetch = before;
  };
  ForgeReconciler.render(<I18nProvider locale="ru-RU">{page}</I18nProvider>);
};
/** Times move with the clock and are data; so are the table's identifiers. */
const shown = (doc: ForgeNode): string => textOf(doc).replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g, ' ');

interface Conflicted {
  settings: (call: string, payload?: Record<string, unknown>) => Promise<unknown>;
  panel: (call: string, payload?: Record<string, unknown>) => Promise<unknown>;
  issueKey: string;
}

/** A pair whose title both sides changed before the sync ran, and whose task went to someone with no Jira account. */
async function conflictedWorld(): Promise<Conflicted> {
  const w = await createWorld();
  const { taskId, issueId } = await pairedTask(w);
  w.platform.setFaults({ seed: 3, delayEvents: 1 });
  w.clock.advance(1000);
  await w.b24(PEOPLE.ben.b24, 'tasks.task.update', {
    taskId,
    fields: { TITLE: 'Renamed in Bitrix24', RESPONSIBLE_ID: PEOPLE.farid.b24 },
  });
  w.clock.advance(60_000);
  await w.jira(PEOPLE.chloe.email, 'PUT', `/rest/api/3/issue/${issueId}`, { fields: { summary: 'Renamed in Jira' } });
  await w.settle();
  w.platform.setFaults({});
  const issueKey = (actions(w).linkOfTask(taskId) ?? { issueKey: '' }).issueKey;
  const invoke =
    (fn: string, extension: Record<string, unknown>) =>
    (call: string, payload: Record<string, unknown> = {}) =>
      w.platform.invoke({ function: fn, call, payload, accountId: PEOPLE.ben.accountId, extension });
  return {
    settings: invoke('settings-resolver-fn', { project: { key: 'DEMO' } }),
    panel: invoke('issue-resolver-fn', { project: { key: 'DEMO' }, issue: { id: issueId, key: issueKey } }),
    issueKey,
  };
}

describe('the pages in Russian', () => {
  it('the Activity tab words the journal', async () => {
    const world = await conflictedWorld();
    answerInvokes({ getActivity: (p) => world.settings('getActivity', p) });
    inRussian(<ActivityTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('Конфликт в поле'));
    expect(englishWords(shown(doc), ['Renamed in Jira', 'Renamed in Bitrix24', 'Farid Haddad', 'DEMO'])).toEqual([]);
    expect(textOf(doc)).toContain(
      'Конфликт в поле «Название»: изменено в обеих системах; победил Jira (правило: более позднее изменение).',
    );
  });

  it('the issue panel words its journal', async () => {
    const world = await conflictedWorld();
    answerInvokes({ getLinkedTask: () => world.panel('getLinkedTask') });
    inRussian(<IssuePanel />);
    const doc = await waitForDoc((d) => textOf(d).includes('Конфликт в поле'));
    expect(
      englishWords(shown(doc), [
        'Renamed in Jira',
        'Renamed in Bitrix24',
        'Farid Haddad',
        world.issueKey,
        'DEMO',
        'ONTASKUPDATE',
      ]),
    ).toEqual([]);
  });

  it("the Connection tab's test names missing scopes with the reader's 'or'", async () => {
    const world = await createResolverWorld();
    world.platform.b24.restrictWebhookScopes('1', ['task', 'sonet_group', 'im', 'disk']);
    answerInvokes({
      getConnection: () => world.settings('anna', 'getConnection'),
      testConnection: () => world.settings('anna', 'testConnection'),
    });
    inRussian(<ConnectionTab />);
    const form = await waitForDoc((d) => textOf(d).includes('Проверить подключение'));
    const test = JSON.stringify(form).includes('Проверить подключение')
      ? findButton(form, 'Проверить подключение')
      : undefined;
    (test?.props.onClick as () => void)();
    const doc = await waitForDoc((d) => textOf(d).includes('Не хватает прав'));
    expect(textOf(doc)).toContain('вебхуку нужны права на user_basic или user');
    expect(
      englishWords(shown(doc), [
        'sandbox.bitrix24.com',
        'task',
        'sonet_group',
        'im',
        'disk',
        'user_basic',
        'user',
        'Anna Schmidt',
      ]),
    ).toEqual([]);
  });

  it("the Connection tab's list of workgroups that may be paired", async () => {
    const world = await createResolverWorld();
    answerInvokes({
      getConnection: () => world.settings('anna', 'getConnection'),
      getWorkgroupAccess: () => world.settings('anna', 'getWorkgroupAccess'),
    });
    inRussian(<ConnectionTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('Рабочие группы, которые можно связывать'));
    const list = findAll(doc, 'Heading').map(textOf);
    expect(list).toContain('Рабочие группы, которые можно связывать');
    const section = textOf(doc).slice(textOf(doc).indexOf('Рабочие группы, которые можно связывать'));
    expect(
      englishWords(shown({ type: 'String', props: { text: section }, children: [] }), ['Demo workgroup', 'DEMO']),
    ).toEqual([]);
  });

  it('the Mapping tab when no workgroup is listed for the project and the saved one no longer is', async () => {
    const world = await createResolverWorld();
    await world.settings('anna', 'saveWorkgroupAccess', { entries: [] });
    answerInvokes({ getMapping: () => world.settings('ben', 'getMapping') });
    inRussian(<MappingTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('пока не указано ни одной рабочей группы'));
    expect(findAll(doc, 'SectionMessage').map(textOf)).toContain(
      'Рабочая группа 1 не указана для проекта DEMO на вкладке «Подключение». Указать её там может администратор Jira; до тех пор эта связь не синхронизируется и не переносится.',
    );
  });
});

function findButton(node: ForgeNode, label: string): ForgeNode | undefined {
  if (node.type === 'Button' && textOf(node) === label) return node;
  for (const child of node.children) {
    const hit = findButton(child, label);
    if (hit) return hit;
  }
  return undefined;
}
