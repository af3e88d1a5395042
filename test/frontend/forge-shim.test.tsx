/**
 * The self-hosted service's own UI Kit packages (src/service/ui/browser/forge-shim) hand the renderer the same
 * ForgeDoc as Atlassian's @forge/react for the app's real pages, before and after a person's click, and resolve the
 * manifest's translations as UI Kit does. Both reconcilers report to the same recorded bridge; what may differ is
 * only what each run draws at random (node keys, the app's id prefix) and what the renderer never reads.
 */
import { answerInvokes, findAll, lastDoc, textOf, waitForDoc, type ForgeNode } from './bridge';
import type * as ReactModule from 'react';
import type { ReactElement } from 'react';
import { defaultConfig } from '../../src/core/config';
import type { MappingView } from '../../src/app/admin/mapping';
import { createTranslationFunction } from '../../src/service/ui/browser/forge-shim/translations';
import { uiManifest } from '../../src/service/ui/manifest';

interface Kit {
  render(element: ReactElement): void;
  page(name: 'MappingTab' | 'SettingsPage'): ReactElement;
}

/** The app's pages with their @forge/react and @forge/bridge imports resolved to Atlassian's or to ours. */
function kit(own: boolean): Kit {
  let loaded: Kit | undefined;
  jest.isolateModules(() => {
    if (own) {
      jest.doMock('@forge/react', () => jest.requireActual('../../src/service/ui/browser/forge-shim/react'));
      jest.doMock('@forge/bridge', () => jest.requireActual('../../src/service/ui/browser/forge-shim/bridge'));
    }
    /* eslint-disable @typescript-eslint/no-require-imports -- each kit needs its own module registry */
    const react = require('react') as typeof ReactModule;
    const forge = require('@forge/react') as { default: { render(element: ReactElement): void } };
    const mapping = require('../../src/frontend/settings/MappingTab') as { MappingTab: () => ReactElement };
    const settings = require('../../src/frontend/settings/SettingsPage') as { SettingsPage: () => ReactElement };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const pages = { MappingTab: mapping.MappingTab, SettingsPage: settings.SettingsPage };
    loaded = { render: (e) => forge.default.render(e), page: (name) => react.createElement(pages[name]) };
  });
  jest.dontMock('@forge/react');
  jest.dontMock('@forge/bridge');
  if (!loaded) throw new Error('the kit did not load');
  return loaded;
}

/** A prop as the renderer reads it: a callback's identity and a React element's bookkeeping set aside. */
function plain(value: unknown): unknown {
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  if ('$$typeof' in value && 'props' in value && 'type' in value)
    return { element: value.type, props: plain(value.props) };
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, plain(v)]));
}

/** The doc as the renderer reads it: keys and the random id prefix set aside. */
function comparable(node: ForgeNode): unknown {
  const props = Object.fromEntries(
    Object.entries(node.props)
      .filter(([name]) => name !== 'forgeReactMajorVersion')
      .map(([name, value]) => [
        name,
        typeof value === 'string' && ['id', 'labelFor', 'inputId'].includes(name)
          ? value.replace(/^forge-app-[a-z0-9]+-/, 'forge-app-…-')
          : plain(value),
      ]),
  );
  return { type: node.type, props, children: node.children.map(comparable) };
}

const mappingView = (): MappingView => ({
  config: defaultConfig('DEMO', '1'),
  saved: true,
  jiraStatuses: ['To Do', 'In Progress', 'Done'].map((name, i) => ({ id: String(i + 1), name })),
  b24Statuses: [{ id: '2', name: 'Pending' }],
  groups: [{ id: '1', name: 'Demo workgroup' }],
  jiraPriorities: ['High', 'Medium', 'Low'].map((name, i) => ({ id: String(i + 1), name })),
  jiraCustomFields: [],
});

const customFieldRows = (doc: ForgeNode): number =>
  findAll(doc, 'Row').filter((row) => findAll(row, 'Textfield').length > 0).length;

/** The Mapping tab loaded, then after "Add custom field pair", each as one kit's reconciler committed it. */
async function mappingDocs(own: boolean): Promise<unknown[]> {
  const { render, page } = kit(own);
  answerInvokes({ getMapping: mappingView });
  render(page('MappingTab'));
  const loaded = await waitForDoc((d) => findAll(d, 'DynamicTable').length > 0);
  const add = findAll(loaded, 'Button').find((b) => textOf(b) === 'Add custom field pair');
  const before = customFieldRows(loaded);
  // The reconciler mutates its one tree in place: the loaded tree is read before the click changes it.
  const first = comparable(loaded);
  (add?.props.onClick as (() => void) | undefined)?.();
  const added = await waitForDoc((d) => customFieldRows(d) === before + 1);
  return [first, comparable(added)];
}

describe("the service's own UI Kit packages", () => {
  it('commit the same tree as @forge/react for the settings page and its tabs', async () => {
    const trees: unknown[] = [];
    for (const own of [false, true]) {
      const { render, page } = kit(own);
      answerInvokes({ getConnection: () => ({ connected: false, eventUrl: 'https://x/webtrigger/b24-events' }) });
      render(page('SettingsPage'));
      trees.push(comparable(await waitForDoc((d) => findAll(d, 'Tab').length === 5)));
    }
    expect(trees[1]).toEqual(trees[0]);
    expect(findAll(lastDoc(), 'Tab').map(textOf)).toEqual(['Connection', 'Mapping', 'People', 'Activity', 'Migration']);
  });

  it('commit the same tables and the same update after a click as @forge/react', async () => {
    const atlassian = await mappingDocs(false);
    const own = await mappingDocs(true);
    expect(own).toEqual(atlassian);
    expect(own[1]).not.toEqual(own[0]);
  });
});

describe("the service's own translations", () => {
  const manifest = uiManifest();
  const requested: string[] = [];
  beforeAll(() => {
    jest.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const file = url.replace('./__LOCALES__/', '');
      requested.push(file);
      const body = file === 'i18n-info.json' ? manifest.i18nInfo : manifest.translation(file.replace(/\.json$/, ''));
      return Promise.resolve(body === undefined ? new Response('{}', { status: 404 }) : Response.json(body));
    });
  });
  afterAll(() => jest.restoreAllMocks());

  it('answer in the locale asked for, by dotted key, with the default locale behind it', async () => {
    const { t, locale } = await createTranslationFunction('ru-RU');
    expect(locale).toBe('ru-RU');
    expect(t('tabs.connection')).toBe('Подключение');
    expect(t('no.such.key', 'fallback words')).toBe('fallback words');
    expect(requested).toEqual(['i18n-info.json', 'ru-RU.json', 'en-US.json']);
  });

  it("take a browser's bare language or underscore form for the manifest's locale of that language", async () => {
    expect((await createTranslationFunction('ru')).locale).toBe('ru-RU');
    expect((await createTranslationFunction('en_US')).t('tabs.connection')).toBe('Connection');
  });
});
