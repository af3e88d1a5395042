/**
 * The Connection tab: the event address with the last verified event (or the advice when none arrived), and the
 * OAuth approval — open the authorize address, paste the code back, and the page reloads connected — and, where
 * the runtime can drain the portal's offline queue, the choice of how changes arrive.
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { ConnectionView } from '../../src/app/admin/connection';
import { ConnectionTab } from '../../src/frontend/settings/ConnectionTab';

const EVENT_URL = 'https://x.hello.atlassian-dev.net/x1/b24-events';
const view = (over: Partial<ConnectionView> = {}): ConnectionView => ({
  connected: true,
  domain: 'sandbox.bitrix24.com',
  authMode: 'webhook',
  webhookUrl: 'https://sandbox.bitrix24.com/rest/1/••••z1a5/',
  eventUrl: EVENT_URL,
  offlineEventsAvailable: false,
  ...over,
});
const button = (doc: ForgeNode, label: string) => findAll(doc, 'Button').find((b) => textOf(b) === label);
const click = (doc: ForgeNode, label: string) => (button(doc, label)?.props.onClick as () => void)();

describe('the Connection tab', () => {
  it('shows the event address and when the last verified event arrived', async () => {
    answerInvokes({
      getConnection: () => view({ lastEvent: { at: Date.UTC(2026, 10, 3, 9, 30), event: 'ONTASKUPDATE' } }),
    });
    ForgeReconciler.render(<ConnectionTab />);
    const text = textOf(await waitForDoc((d) => textOf(d).includes('Last verified event')));
    expect(text).toContain(`Event URL for Bitrix24: ${EVENT_URL}`);
    expect(text).toContain('Last verified event: ONTASKUPDATE, 2026-11-03 09:30 UTC');
  });

  it('says when no event has arrived yet, and checks again on request', async () => {
    const invocations = answerInvokes({ getConnection: () => view() });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('No verified event has arrived yet'));
    click(doc, 'Check again');
    await waitForDoc(() => invocations.filter((i) => i.call === 'getConnection').length === 2);
  });

  it('offers offline events for an OAuth connection where the runtime reads the queue, and saves the choice', async () => {
    const invocations = answerInvokes({
      getConnection: () =>
        view({ authMode: 'oauth', offlineEventsAvailable: true, clientId: 'local.1', webhookUrl: undefined }),
      saveConnection: () => null,
    });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => findAll(d, 'Select').some((s) => String(s.props.inputId).endsWith('-events')));
    expect(textOf(doc)).toContain(`Event URL for Bitrix24: ${EVENT_URL}`);
    const events = findAll(doc, 'Select').find((s) => String(s.props.inputId).endsWith('-events'));
    (events?.props.onChange as (o: unknown) => void)({ value: 'offline' });
    const offline = await waitForDoc((d) => textOf(d).includes('offline queue'));
    expect(textOf(offline)).not.toContain('Event URL for Bitrix24');
    click(offline, 'Save');
    await waitForDoc(() => invocations.some((i) => i.call === 'saveConnection'));
    expect(invocations.find((i) => i.call === 'saveConnection')?.payload).toMatchObject({
      mode: 'oauth',
      events: 'offline',
    });
  });

  it.each([
    ['an incoming webhook', { authMode: 'webhook' as const, offlineEventsAvailable: true }],
    ['a runtime that cannot read the queue (Forge)', { authMode: 'oauth' as const, offlineEventsAvailable: false }],
  ])('offers no event choice for %s, and saves none', async (_name, over) => {
    const invocations = answerInvokes({ getConnection: () => view(over), saveConnection: () => null });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => button(d, 'Save') !== undefined);
    expect(findAll(doc, 'Select').some((s) => String(s.props.inputId).endsWith('-events'))).toBe(false);
    click(doc, 'Save');
    await waitForDoc(() => invocations.some((i) => i.call === 'saveConnection'));
    expect(invocations.find((i) => i.call === 'saveConnection')?.payload).not.toHaveProperty('events');
  });

  it('walks an OAuth admin through approval: the authorize link, then the pasted code', async () => {
    let connected = false;
    const authorize = 'https://sandbox.bitrix24.com/oauth/authorize/?client_id=local.1&state=s1';
    const invocations = answerInvokes({
      getConnection: () =>
        view({ authMode: 'oauth', connected, clientId: 'local.1', clientSecret: '••••k8Lz', webhookUrl: undefined }),
      getAuthorizeUrl: () => ({ url: authorize }),
      completeOAuth: () => {
        connected = true;
        return { domain: 'sandbox.bitrix24.com' };
      },
    });
    ForgeReconciler.render(<ConnectionTab />);
    click(
      await waitForDoc((d) => button(d, 'Approve the app in Bitrix24') !== undefined),
      'Approve the app in Bitrix24',
    );
    const withLink = await waitForDoc((d) => findAll(d, 'Link').length > 0);
    expect(findAll(withLink, 'Link')[0]?.props.href).toBe(authorize);
    const codeField = findAll(withLink, 'Textfield').find((f) => f.props.name === 'code');
    (codeField?.props.onChange as (e: unknown) => void)({ target: { value: 'abc123' } });
    click(
      await waitForDoc((d) =>
        findAll(d, 'Textfield').some((f) => f.props.name === 'code' && f.props.value === 'abc123'),
      ),
      'Authorise',
    );
    await waitForDoc(() => invocations.filter((i) => i.call === 'getConnection').length === 2);
    expect(invocations.find((i) => i.call === 'completeOAuth')?.payload).toEqual({ code: 'abc123' });
  });
});
