/**
 * What people do on the app's pages, as steps the browser tests and `npm run screenshots` share: open a page as
 * someone, open a tab, pick an option. Controls are found by role and accessible name, as a person finds them.
 */
import type { Locator, Page } from 'playwright-core';
import { PEOPLE, type Person } from './browser-world';

export type Locale = 'en-US' | 'ru-RU';

export const settingsPath = (person: Person, locale: Locale = 'en-US'): string =>
  `/ui/settings?project=DEMO&as=${encodeURIComponent(PEOPLE[person])}&locale=${locale}`;

export const panelPath = (key: string, person: Person, locale: Locale = 'en-US'): string =>
  `/ui/issue/${encodeURIComponent(key)}?as=${encodeURIComponent(PEOPLE[person])}&locale=${locale}`;

/** The app's frame once its first ForgeDoc was drawn and nothing is loading any more. */
export async function appReady(page: Page): Promise<Locator> {
  await page.locator('#forge-root[data-state="ready"]').waitFor();
  const root = page.locator('#forge-root');
  await waitIdle(page);
  return root;
}

/** Until no spinner is left in the app's frame (a resolver call is still answering while one is). */
export async function waitIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '#forge-root [role="img"][aria-label="loading"], #forge-root svg[data-testid$="spinner"]',
      ),
    undefined,
    { timeout: 15_000 },
  );
}

export async function openTab(page: Page, name: string | RegExp): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  const panel = page.getByRole('tabpanel');
  await panel.waitFor();
  await waitIdle(page);
  return panel;
}

/** Open an Atlaskit select (react-select) and choose the option with this name. */
export async function choose(select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await pickOption(select.page(), option);
}

/** An option of the open Atlaskit menu (a listbox; the sandbox bar's own selects are not one). */
export async function pickOption(page: Page, option: string | RegExp): Promise<void> {
  await page
    .getByRole('listbox')
    .getByRole('option', { name: option, exact: typeof option === 'string' })
    .click();
}

/** The first table row whose text contains `text`. */
export const row = (scope: Locator | Page, text: string | RegExp): Locator =>
  scope.getByRole('row').filter({ hasText: text }).first();

/** An issue in DEMO created through Jira's REST API as Anna; returns its key. */
export async function createIssue(origin: string, summary: string): Promise<string> {
  const response = await fetch(`${origin}/jira/rest/api/3/issue`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${PEOPLE.anna}:token`).toString('base64')}`,
    },
    body: JSON.stringify({ fields: { project: { key: 'DEMO' }, issuetype: { name: 'Task' }, summary } }),
  });
  if (!response.ok) throw new Error(`creating an issue: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

/** A Bitrix24 task in the paired group, through Anna's incoming webhook; returns its id. */
export async function createTask(origin: string, title: string): Promise<string> {
  const info = (await (await fetch(`${origin}/__sandbox/info`)).json()) as {
    b24: { users: { id: string; webhookUrl: string }[]; groupId: string };
  };
  const hook = new URL(info.b24.users[0]?.webhookUrl ?? '').pathname.replace(/\/+$/, '');
  const response = await fetch(`${origin}${hook}/tasks.task.add.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { TITLE: title, GROUP_ID: info.b24.groupId, RESPONSIBLE_ID: '1' } }),
  });
  const body = (await response.json()) as { result?: { task?: { id?: string | number } } };
  const id = body.result?.task?.id;
  if (id === undefined) throw new Error(`creating a task: ${JSON.stringify(body)}`);
  return String(id);
}

/** Runs every pending event and job until idle; answers the sandbox's report (jobsRun, deadLetters, …). */
export async function settle(origin: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${origin}/__sandbox/settle`, { method: 'POST' })).json()) as Record<string, unknown>;
}
