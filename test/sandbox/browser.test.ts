/**
 * The sandbox page in real headless Chromium: a person creates a Bitrix24 task through the page's form and sees
 * it listed. Runs wherever Debian's Chromium is installed (CI installs it); elsewhere it says so and passes.
 */
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';
import { createSandboxServer, listen } from '../../src/local/sandbox/server';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const describeWithChromium = hasChromium ? describe : describe.skip;

if (!hasChromium) {
  console.warn(`Browser test skipped: no Chromium at ${CHROMIUM} (install Debian's "chromium" package to run it).`);
}

describeWithChromium('the sandbox page in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    let base = 'http://127.0.0.1:0';
    const platform = await LocalPlatform.create({ clock: new ManualClock(), webtriggerBaseUrl: 'http://127.0.0.1', seedApp });
    server = createSandboxServer(platform, () => base);
    const port = await listen(server, 0);
    base = origin = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
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
});
