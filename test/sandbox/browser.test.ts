/**
 * The sandbox page in real headless Chromium: a person creates a Bitrix24 task through the page's form and sees
 * it listed; the page links to the app's own pages as the chosen person. Runs wherever Debian's Chromium is
 * installed (CI installs it); elsewhere it says it was skipped, and under CI=true that is a failure.
 */
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';
import { createSandboxServer, listen } from '../../src/local/sandbox/server';
import { CHROMIUM, describeInBrowser, LAUNCH_ARGS } from './browser-world';

describeInBrowser('the sandbox page in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    let base = 'http://127.0.0.1:0';
    const platform = await LocalPlatform.create({
      clock: new ManualClock(),
      webtriggerBaseUrl: 'http://127.0.0.1',
      seedApp,
    });
    server = createSandboxServer(platform, () => base);
    const port = await listen(server, 0);
    base = origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('creates a Bitrix24 task through the form and lists it', async () => {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForSelector('#b24-actor option', { state: 'attached' });
    await page.fill('#b24-create-title', 'Prepare the quarterly report');
    await page.click('#b24-create-submit');
    await page.waitForSelector('#b24-tasks tbody tr:has-text("Prepare the quarterly report")', { timeout: 10_000 });
    const rows = await page.locator('#b24-tasks tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('Prepare the quarterly report'))).toBe(true);
    await page.close();
  });

  it("links to the app's settings page and issue panel as the chosen person and language", async () => {
    const page = await browser.newPage();
    await page.goto(origin);
    const settings = page.getByRole('link', { name: 'Project settings page' });
    expect(await settings.getAttribute('href')).toBe(
      '/ui/settings?project=DEMO&as=anna.schmidt%40example.com&locale=en-US',
    );
    await page.getByRole('combobox', { name: 'Jira person' }).selectOption('dmitri.ivanov@example.com');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru-RU');
    expect(await settings.getAttribute('href')).toBe(
      '/ui/settings?project=DEMO&as=dmitri.ivanov%40example.com&locale=ru-RU',
    );
    await settings.click();
    await page.waitForURL(/\/ui\/settings/);
    await page.locator('#forge-root[data-state="ready"]').waitFor();
    // The tabs draw after the page's first resolver answers, which on a loaded machine can trail "ready".
    await page.getByRole('tab', { name: 'Подключение' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('tab', { name: 'Подключение' }).count()).toBe(1);
    await page.close();
  });
});
