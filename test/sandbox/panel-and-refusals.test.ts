/**
 * The issue panel in Chromium as the project admin (Ben) and as a browse-only person (Dmitri), and the settings
 * page refusing Dmitri on every tab.
 */
import { describeInBrowser, startBrowserWorld, type BrowserWorld } from './browser-world';
import { appReady, createIssue, createTask, openTab, panelPath, settingsPath, settle, waitIdle } from './flows';

describeInBrowser('the issue panel and refusals', () => {
  let world: BrowserWorld;
  let linkedKey = '';

  beforeAll(async () => {
    world = await startBrowserWorld();
    linkedKey = await createIssue(world.origin, 'Prepare the quarterly report');
    await settle(world.origin);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  });

  it('shows a browse-only person the linked task without any action', async () => {
    const page = await world.open(panelPath(linkedKey, 'dmitri'));
    const root = await appReady(page);
    await root.getByRole('heading', { name: 'Prepare the quarterly report' }).waitFor();
    await root
      .getByText('You may view this issue but not edit it, so syncing and linking are not available to you.')
      .waitFor();
    expect(await root.getByRole('button').count()).toBe(0);
    expect(await root.getByRole('textbox').count()).toBe(0);
    await page.context().close();
  });

  it('lets the project admin Sync now, Unlink, and Link to a task of the paired group', async () => {
    const page = await world.open(panelPath(linkedKey, 'ben'));
    const root = await appReady(page);
    await root.getByRole('heading', { name: 'Prepare the quarterly report' }).waitFor();

    await root.getByRole('button', { name: 'Sync now' }).click();
    await root.getByText('Queued: the sync runs in a few seconds.').waitFor();

    await root.getByRole('button', { name: 'Unlink' }).click();
    await root.getByText('This issue is not linked to a Bitrix24 task.').waitFor();
    expect(await root.getByRole('heading', { name: 'Prepare the quarterly report' }).count()).toBe(0);

    const taskId = await createTask(world.origin, 'Order new laptops');
    await root.getByRole('textbox', { name: 'Task number or link' }).fill(taskId);
    await root.getByRole('button', { name: 'Link to an existing task' }).click();
    await waitIdle(page);
    await root.getByRole('heading', { name: 'Order new laptops' }).waitFor();
    expect(await root.getByRole('button', { name: 'Unlink' }).count()).toBe(1);
    await page.context().close();
  });

  it('refuses a browse-only person on every settings tab with a sentence', async () => {
    const page = await world.open(settingsPath('dmitri'));
    await appReady(page);
    const refusals: [string, string][] = [
      ['Connection', 'Only Jira administrators may change the Bitrix24 connection.'],
      ['Mapping', 'Only administrators of this project may view or change its Bitrix24 sync settings.'],
      ['People', 'Only administrators of this project may view or change its Bitrix24 sync settings.'],
      ['Activity', 'Only administrators of this project may view or change its Bitrix24 sync settings.'],
      ['Migration', 'Only administrators of this project may view or change its Bitrix24 sync settings.'],
    ];
    for (const [tab, sentence] of refusals) {
      const panel = await openTab(page, tab);
      await panel.getByText(sentence, { exact: true }).waitFor();
      expect(
        await panel.getByRole('button', { name: /^(Save|Test connection|Start migration|Add override)$/ }).count(),
      ).toBe(0);
    }
    await page.context().close();
  });

  it('words the refusals in Russian for a Russian reader (the resolver sends a message code)', async () => {
    const page = await world.open(settingsPath('dmitri', 'ru-RU'));
    await appReady(page);
    let panel = await openTab(page, 'Подключение');
    await panel
      .getByText('Менять подключение к Битрикс24 могут только администраторы Jira.', { exact: true })
      .waitFor();
    panel = await openTab(page, 'Журнал');
    await panel
      .getByText('Смотреть и менять настройки синхронизации этого проекта могут только его администраторы.', {
        exact: true,
      })
      .waitFor();
    expect(await panel.getByText(/Only administrators/).count()).toBe(0);
    await page.context().close();
  });
});
