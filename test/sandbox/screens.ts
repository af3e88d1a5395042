/**
 * The screens people look at — each settings tab as the site admin and the issue panel as the project admin, in
 * English and Russian — reached by the same steps as the browser flows. The screens test compares each one's
 * accessibility tree with a stored snapshot; `npm run screenshots` photographs them for the README.
 */
import type { Locator, Page } from 'playwright-core';
import type { BrowserWorld } from './browser-world';
import { appReady, createIssue, openTab, panelPath, settingsPath, settle, type Locale } from './flows';

export const LOCALES: Locale[] = ['en-US', 'ru-RU'];
export const TABS = ['connection', 'mapping', 'people', 'activity', 'migration'] as const;

/** Tab names as a person reads them in each language (written out, so a missing translation fails here). */
const TAB_NAMES: Record<Locale, Record<(typeof TABS)[number], string>> = {
  'en-US': {
    connection: 'Connection',
    mapping: 'Mapping',
    people: 'People',
    activity: 'Activity',
    migration: 'Migration',
  },
  'ru-RU': {
    connection: 'Подключение',
    mapping: 'Сопоставление',
    people: 'Пользователи',
    activity: 'Журнал',
    migration: 'Миграция',
  },
};

export interface Screen {
  name: string;
  locale: Locale;
  page: Page;
  /** The app's frame: what the snapshot and the picture cover. */
  frame: Locator;
}

/** An issue linked to a Bitrix24 task, for the panel's screens. */
export async function linkedIssue(world: BrowserWorld): Promise<string> {
  const key = await createIssue(world.origin, 'Prepare the quarterly report');
  await settle(world.origin);
  return key;
}

export async function visitScreens(
  world: BrowserWorld,
  issueKey: string,
  locale: Locale,
  visit: (screen: Screen) => Promise<void>,
): Promise<void> {
  const settings = await world.open(settingsPath('anna', locale));
  await appReady(settings);
  for (const tab of TABS) {
    await openTab(settings, TAB_NAMES[locale][tab]);
    await visit({ name: `settings-${tab}`, locale, page: settings, frame: settings.locator('#forge-root') });
  }
  await settings.context().close();
  const panel = await world.open(panelPath(issueKey, 'ben', locale));
  await appReady(panel);
  await visit({ name: 'issue-panel', locale, page: panel, frame: panel.locator('#forge-root') });
  await panel.context().close();
}

/** Times and dates move with the clock; the snapshot keeps their place, not their value. */
export function stableTree(tree: string): string {
  return tree
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?Z?)?/g, '<time>')
    .replace(/\d{4}-\d{2}-\d{2}/g, '<date>')
    .replace(/\d{1,2}:\d{2}(:\d{2})?/g, '<clock>');
}
