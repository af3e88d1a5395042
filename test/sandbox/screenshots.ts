/**
 * `npm run screenshots`: photographs every settings tab and the issue panel, in English and Russian, into
 * static/screenshots/ (the README shows them), by the same steps as the browser tests. Needs Chromium.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM, hasChromium, seedJournal, startBrowserWorld } from './browser-world';
import { LOCALES, linkedIssue, visitScreens } from './screens';

const OUT = path.resolve(__dirname, '../../static/screenshots');

async function main(): Promise<void> {
  if (!hasChromium) throw new Error(`no Chromium at ${CHROMIUM}; install Debian's "chromium" package`);
  fs.mkdirSync(OUT, { recursive: true });
  const world = await startBrowserWorld({ seed: seedJournal });
  try {
    const issueKey = await linkedIssue(world);
    for (const locale of LOCALES) {
      await visitScreens(world, issueKey, locale, async ({ name, page }) => {
        const file = path.join(OUT, `${name}.${locale}.png`);
        await page.locator('main.forge-frame').screenshot({ path: file });
        console.log(path.relative(process.cwd(), file));
      });
    }
  } finally {
    await world.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
