/**
 * One sandbox and one headless Chromium per browser test file, and the rule for when there is no Chromium: the
 * suite reports that it was skipped, except under CI=true, where a skipped browser suite is a failure.
 */
import * as fs from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { keys } from '../../src/app/store/keys';
import type { JournalEntry } from '../../src/app/store/journal';
import { note } from '../../src/app/store/journal-notes';
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform, type SeedAppContext } from '../../src/local/platform';
import { seedApp } from '../../src/local/seed-app';
import { createSandboxServer, listen } from '../../src/local/sandbox/server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** `describe` when Chromium is here; otherwise skipped with a note, or failing under CI=true. */
export function describeInBrowser(name: string, body: () => void): void {
  if (hasChromium) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('runs in Chromium', () => {
        throw new Error(
          `CI=true but there is no Chromium at ${CHROMIUM}: the browser suite "${name}" would be skipped (install Debian's "chromium").`,
        );
      });
    });
    return;
  }
  console.warn(
    `Browser suite "${name}" skipped: no Chromium at ${CHROMIUM} (install Debian's "chromium" package to run it).`,
  );
  describe.skip(name, body);
}

export const PEOPLE = {
  anna: 'anna.schmidt@example.com',
  ben: 'ben.carter@example.com',
  dmitri: 'dmitri.ivanov@example.com',
} as const;
export type Person = keyof typeof PEOPLE;

export interface BrowserWorld {
  origin: string;
  platform: LocalPlatform;
  browser: Browser;
  /** A fresh page (own cookies and storage) at a /ui route. */
  open(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** A journal sentence as the sync writes it: English for logs, a code with parameters for the page. */
const UNREACHABLE = note(
  'status.noTransitions',
  { target: 'In Review', current: 'To Do' },
  'Status "In Review" is unreachable from "To Do": the workflow offers none, every one already taken on this walk.',
);

/** One failed and one synced journal entry of DEMO, in the last hours of the platform's clock (the app's too). */
export async function seedJournal({ kvs, platform }: SeedAppContext): Promise<void> {
  const now = platform.clock.now();
  const base = {
    projectKey: 'DEMO',
    direction: 'b24-to-jira',
    operation: 'fields',
    taskId: '7',
    issueId: '10001',
    issueKey: 'DEMO-1',
    fields: ['title'],
  } satisfies Partial<JournalEntry>;
  const entries: JournalEntry[] = [
    { ...base, id: 'synced-1', at: now - 2 * 3600_000, outcome: 'synced' },
    {
      ...base,
      id: 'failed-1',
      at: now - 3600_000,
      outcome: 'failed',
      fields: ['status'],
      message: UNREACHABLE.message,
      notes: [UNREACHABLE],
      retryJob: { kind: 'pair-sync', taskId: '7', issueId: '10001', origin: 'reconcile' },
    },
  ];
  for (const e of entries) await kvs.set(keys.journalEntry(e.projectKey, e.at, e.id), JSON.parse(JSON.stringify(e)));
}

export async function startBrowserWorld(
  options: { seed?: (ctx: SeedAppContext) => Promise<void> } = {},
): Promise<BrowserWorld> {
  let base = 'http://127.0.0.1:0';
  const platform = await LocalPlatform.create({
    clock: new ManualClock(),
    webtriggerBaseUrl: 'http://127.0.0.1',
    seedApp: async (ctx) => {
      await seedApp(ctx);
      await options.seed?.(ctx);
    },
  });
  const server: Server = createSandboxServer(platform, () => base);
  const port = await listen(server, 0);
  base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  return {
    origin: base,
    platform,
    browser,
    async open(path) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${base}${path}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
