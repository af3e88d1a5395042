/**
 * The settings page in Chromium as the site admin (Anna): each tab's main flow, asserting what she sees.
 */
import type { Page } from 'playwright-core';
import { describeInBrowser, seedJournal, startBrowserWorld, type BrowserWorld } from './browser-world';
import { appReady, choose, openTab, pickOption, row, settingsPath, settle, waitIdle } from './flows';

describeInBrowser('the settings page as the site admin', () => {
  let world: BrowserWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startBrowserWorld({ seed: seedJournal });
    page = await world.open(settingsPath('anna'));
    await appReady(page);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('Connection: tests the connection and says it works, as whom and with which scopes', async () => {
    const panel = await openTab(page, 'Connection');
    await panel.getByRole('button', { name: 'Test connection' }).click();
    await panel.getByText('The connection works.').waitFor();
    expect(await panel.getByText(/^Acting user: /).textContent()).toBe('Acting user: Anna Schmidt (#1)');
    expect(await panel.getByText(/^Scopes missing: /).textContent()).toBe('Scopes missing: —');
  });

  it('Mapping: a status row saved with a problem shows the sentence beside that row; fixed, it saves', async () => {
    const panel = await openTab(page, 'Mapping');
    const pending = row(panel, 'Pending');
    await choose(pending.getByRole('combobox').first(), 'Bitrix24 → Jira');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    const sentence = pending.getByText('Jira status "To Do" is unreachable from Jira', { exact: false });
    await sentence.waitFor();
    await panel.getByText('The mapping was not saved: 1 problem to fix.', { exact: true }).waitFor();
    expect(await panel.getByText('Saved.', { exact: true }).count()).toBe(0);

    await choose(pending.getByRole('combobox').first(), '↔');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByText('Saved.', { exact: true }).waitFor();
    expect(await sentence.count()).toBe(0);
  });

  it('People: an override pairs someone only in Bitrix24 with someone only in Jira, and the table shows them matched', async () => {
    const panel = await openTab(page, 'People');
    expect(await row(panel, 'Farid Haddad').count()).toBe(0);
    // Named by its aria-label today, by a Label once Select takes inputId: either wording says "Bitrix24 user".
    await choose(panel.getByRole('combobox', { name: /Bitrix24 user/ }), /^Farid Haddad/);
    const jiraUser = panel.getByRole('combobox', { name: 'Jira user' });
    await jiraUser.fill('Erin');
    await pickOption(page, 'Erin Walsh');
    await panel.getByRole('button', { name: 'Add override' }).click();
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await waitIdle(page);
    const matched = row(panel, 'Farid Haddad <farid.haddad@example.com>');
    await matched.waitFor();
    expect(await matched.textContent()).toContain('Erin Walsh');
    expect(await matched.textContent()).toContain('Override');
  });

  it('Activity: Errors only leaves the failed entry, and Retry re-queues it', async () => {
    const panel = await openTab(page, 'Activity');
    await row(panel, 'is unreachable from "To Do"').waitFor();
    expect(await panel.getByRole('row').filter({ hasText: 'task 7 ⇄ DEMO-1' }).count()).toBe(2);
    // Atlaskit draws the toggle over its checkbox: a person clicks the label or the switch, not the hidden input.
    await panel.locator('label', { hasText: 'Errors only' }).click();
    expect(await panel.getByRole('checkbox', { name: 'Errors only' }).isChecked()).toBe(true);
    await waitIdle(page);
    expect(await panel.getByRole('row').filter({ hasText: 'task 7 ⇄ DEMO-1' }).count()).toBe(1);
    expect(await settle(world.origin)).toMatchObject({ jobsRun: 0 });
    const failed = row(panel, 'is unreachable from "To Do"');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await waitIdle(page);
    expect(await panel.getByText('Something went wrong').count()).toBe(0);
    // The failed entry's job, queued again: the only work waiting.
    expect(await settle(world.origin)).toMatchObject({ jobsRun: 1, deadLetters: 0 });
  });

  it('Migration: a dry run reports what a run would do and cost; then it starts, runs, and Refresh shows it done', async () => {
    const panel = await openTab(page, 'Migration');
    await panel.getByText('The migration has not been run for this project yet.').waitFor();
    await panel.getByRole('button', { name: 'Dry run' }).click();
    await waitIdle(page);
    await panel.getByText('The dry run is reading both sides. Refresh to see its report.').waitFor();
    await settle(world.origin);
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await waitIdle(page);
    await panel.getByRole('heading', { name: 'Dry run report' }).waitFor();
    await panel
      .getByText(/^Predicted: \d+ REST calls \(\d+ to Jira, \d+ to Bitrix24\), about .+ under both services' limits\.$/)
      .waitFor();
    expect(await panel.getByRole('table', { name: 'What a run would find and do' }).isVisible()).toBe(true);
    await panel.getByRole('button', { name: 'Start migration' }).click();
    await waitIdle(page);
    await panel.getByText(/^Bitrix24 tasks listed: /).waitFor();
    await settle(world.origin);
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await waitIdle(page);
    await panel.getByText('done', { exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: 'Run again' }).isEnabled()).toBe(true);
  });
});
