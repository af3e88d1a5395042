/**
 * The self-hosted service's admin page in a real browser, as an operator first meets it: `npm run serve` on a fresh
 * data directory, the setup with the code the start printed, the sign-in, and the app's own settings page drawn by
 * the shared renderer on the service's own UI Kit packages, its resolver calls answered by the service (the
 * Connection tab says no portal is connected), in English and, for a Russian browser, in Russian. This service has
 * no Jira configured, which the page says first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, describeInBrowser, LAUNCH_ARGS } from './browser-world';
import { appReady } from './flows';
import { freePort } from '../support/processes';

const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'correct horse battery staple';

async function waitForSetupCode(output: string[], child: ChildProcess, deadline: number): Promise<string> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output.join('')}`);
    const code = /"setupCode":"([A-Za-z0-9_-]+)"/.exec(output.join(''))?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the service printed no setup code in time:\n${output.join('')}`);
}

describeInBrowser("the service's admin page in Chromium", () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'svc-admin-'));
  });

  afterAll(async () => {
    await browser?.close();
    // SIGTERM is the operator's stop (npm hands it on to the service); SIGKILL to npm would orphan the service.
    if (child && child.exitCode === null) {
      const running = child;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up the admin, signs in and draws the settings page with its tabs', async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const output: string[] = [];
    child = spawn('npm', ['run', '--silent', 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        SYNC_PUBLIC_URL: origin,
        SYNC_DATA_DIR: path.join(dataDir, 'db'),
        SYNC_SECRET_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const code = await waitForSetupCode(output, child, Date.now() + 90_000);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const page = await browser.newPage();
    await page.goto(`${origin}/setup`);
    await page.locator('input[name="code"]').fill(code);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="password2"]').fill(PASSWORD);
    await Promise.all([page.waitForNavigation(), page.locator('form button[type="submit"]').first().click()]);
    if (!page.url().includes('/admin')) {
      await page.goto(`${origin}/login`);
      await page.locator('input[name="username"]').fill('admin');
      await page.locator('input[name="password"]').fill(PASSWORD);
      await Promise.all([page.waitForNavigation(), page.locator('form button[type="submit"]').first().click()]);
    }

    await page.goto(`${origin}/admin?project=DEMO`);
    const root = await appReady(page);
    const tabs = await root.getByRole('tab').allInnerTexts();
    expect(tabs.length).toBeGreaterThanOrEqual(4);
    expect(tabs.join(' ')).toMatch(/Connection/);
    expect(await root.innerText()).not.toMatch(/Something went wrong on our side/);
    expect(await page.locator('.jira-missing').innerText()).toMatch(/Jira is not connected[\s\S]*JIRA_API_TOKEN/);

    // The translations come from the service's __LOCALES__ beside the page, as UI Kit fetches them.
    await page.setExtraHTTPHeaders({ 'accept-language': 'ru-RU,ru;q=0.9' });
    await page.goto(`${origin}/admin?project=DEMO`);
    const russian = await appReady(page);
    expect(await russian.getByRole('tab').allInnerTexts()).toEqual(
      expect.arrayContaining(['Подключение', 'Сопоставление', 'Журнал']),
    );
    expect(await page.locator('.jira-missing').innerText()).toMatch(/Jira не подключена/);
  }, 180_000);
});
