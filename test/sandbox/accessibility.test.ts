/**
 * Accessibility basics on the app's pages in Chromium: every input carries a label (UI Kit's `Label labelFor`
 * pointing at the Select's `inputId` or the Textfield's `id`), and Tab walks the controls in the order of the page.
 */
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, startBrowserWorld, type BrowserWorld } from './browser-world';
import { appReady, openTab, panelPath, settingsPath } from './flows';
import { linkedIssue } from './screens';

/** Input roles in an aria snapshot that have no accessible name (no quoted name after the role). */
export function unlabelledInputs(tree: string): string[] {
  return tree
    .split('\n')
    .filter((line) => /^\s*- (combobox|textbox|checkbox|switch|searchbox|spinbutton|radio)(:.*)?\s*$/.test(line));
}

/** Unlabelled inputs allowed per screen: none. */
const KNOWN_UNLABELLED: Record<string, number> = {
  connection: 0,
  mapping: 0,
  people: 0,
  activity: 0,
  migration: 0,
  panel: 0,
};

async function tabOrder(page: Page, frame: Locator): Promise<{ dom: string[]; walked: string[] }> {
  const dom = await frame.evaluate((root) => {
    const focusable = root.querySelectorAll<HTMLElement>(
      'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])',
    );
    return [...focusable]
      .filter((el) => el.tabIndex >= 0 && el.getClientRects().length > 0)
      .map((el) => el.outerHTML.slice(0, 80));
  });
  await page.locator('.module-title').click();
  const walked: string[] = [];
  for (let i = 0; i < dom.length; i++) {
    await page.keyboard.press('Tab');
    walked.push(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.outerHTML.slice(0, 80) ?? ''),
    );
  }
  return { dom, walked };
}

describeInBrowser('accessibility basics of the app pages', () => {
  let world: BrowserWorld;
  let issueKey = '';

  beforeAll(async () => {
    world = await startBrowserWorld();
    issueKey = await linkedIssue(world);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('has no unlabelled input on any tab or on the panel', async () => {
    const page = await world.open(settingsPath('anna'));
    await appReady(page);
    const found: Record<string, string[]> = {};
    for (const tab of ['Connection', 'Mapping', 'People', 'Activity', 'Migration']) {
      const panel = await openTab(page, tab);
      found[tab.toLowerCase()] = unlabelledInputs(await panel.ariaSnapshot());
    }
    const panelPage = await world.open(panelPath(issueKey, 'anna'));
    found.panel = unlabelledInputs(await (await appReady(panelPage)).ariaSnapshot());
    for (const [screen, inputs] of Object.entries(found))
      expect({ screen, atMost: inputs.length <= (KNOWN_UNLABELLED[screen] ?? 0), inputs }).toEqual({
        screen,
        atMost: true,
        inputs: [],
      });
    await page.context().close();
    await panelPage.context().close();
  });

  it('walks the Connection tab and the issue panel with Tab in the order of the page', async () => {
    const page = await world.open(settingsPath('anna'));
    await openTab(page, 'Connection');
    const settings = await tabOrder(page, page.locator('#forge-root'));
    expect(settings.walked).toEqual(settings.dom);
    expect(settings.dom.length).toBeGreaterThan(5);
    const panelPage = await world.open(panelPath(issueKey, 'ben'));
    const panel = await tabOrder(panelPage, await appReady(panelPage));
    expect(panel.walked).toEqual(panel.dom);
    await page.context().close();
    await panelPage.context().close();
  });
});
