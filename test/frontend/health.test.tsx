/**
 * Health notices as people read them: the Connection tab and the issue panel word each code the resolver returns
 * (events arriving or silent, OAuth refresh failing, jobs that gave up) with what to do, in English and Russian;
 * and every Select is named by a Label pointing at its inputId (UI Kit's Select has no aria-label).
 */
import { answerInvokes, findAll, textOf, waitForDoc, type ForgeNode } from './bridge';
import ForgeReconciler from '@forge/react';
import type { ConnectionView } from '../../src/app/admin/connection';
import type { HealthNotice } from '../../src/app/health/health-notices';
import english from '../../src/frontend/i18n/en-US.json';
import russian from '../../src/frontend/i18n/ru-RU.json';
import { IssuePanel } from '../../src/frontend/issue-panel/IssuePanel';
import { ConnectionTab } from '../../src/frontend/settings/ConnectionTab';
import { PeopleTab } from '../../src/frontend/settings/PeopleTab';
import { fillHealthText } from '../../src/frontend/shared/Health';

const AT = Date.UTC(2026, 10, 3, 9, 30);
const view = (health: HealthNotice[]): ConnectionView => ({
  connected: true,
  domain: 'sandbox.bitrix24.com',
  authMode: 'webhook',
  eventUrl: 'https://x/b24-events',
  offlineEventsAvailable: false,
  health,
});
const silent: HealthNotice = {
  code: 'health.eventsSilent',
  level: 'warning',
  params: { since: AT, everyMinutes: 5, checkedAt: AT + 15 * 60_000 },
};
const messages = (doc: ForgeNode) =>
  findAll(doc, 'SectionMessage').map((m) => ({ appearance: m.props.appearance, text: textOf(m) }));

describe('health on the Connection tab', () => {
  it('says events are silent since when, that the app checks every 5 minutes, and what to do', async () => {
    answerInvokes({ getConnection: () => view([silent]) });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('No event from Bitrix24'));
    expect(messages(doc)).toContainEqual({
      appearance: 'warning',
      text: expect.stringContaining(
        'No event from Bitrix24 since 2026-11-03 09:30 UTC. Meanwhile the app looks for changes itself every 5 minutes, last check 2026-11-03 09:45 UTC.',
      ) as unknown,
    });
    expect(textOf(doc)).toContain('check in Bitrix24 that the outgoing webhook');
  });

  it('says events arrive, with the last one, and offers no fix', async () => {
    answerInvokes({
      getConnection: () =>
        view([{ code: 'health.eventsArriving', level: 'ok', params: { at: AT, event: 'ONTASKUPDATE' } }]),
    });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('Events from Bitrix24 arrive'));
    expect(messages(doc)).toContainEqual({
      appearance: 'success',
      text: 'Events from Bitrix24 arrive: the last one (ONTASKUPDATE) at 2026-11-03 09:30 UTC.',
    });
  });

  it('names a failing OAuth refresh and jobs that gave up as errors, each with its fix', async () => {
    answerInvokes({
      getConnection: () =>
        view([
          silent,
          {
            code: 'health.oauthRefreshFailing',
            level: 'error',
            params: { since: AT, lastAt: AT + 60_000, reason: 'b24:invalid_grant' },
          },
          { code: 'health.jobsGaveUp', level: 'error', params: { count: 3, days: 7, projects: 'DEMO' } },
        ]),
      getWorkgroupAccess: () => ({ entries: [], groups: [] }),
    });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => textOf(d).includes('gave up'));
    const errors = messages(doc)
      .filter((m) => m.appearance === 'error')
      .map((m) => m.text);
    expect(errors).toEqual([
      expect.stringMatching(
        /^Bitrix24 has refused to renew the app's access since 2026-11-03 09:30 UTC \(last try 2026-11-03 09:31 UTC, b24:invalid_grant\)\. Approve the app in Bitrix24 again/,
      ),
      expect.stringMatching(
        /^3 sync jobs gave up in the last 7 days \(DEMO\)\. Open the Activity tab with Errors only/,
      ),
    ]);
  });
});

describe('health on the issue panel', () => {
  it('shows the same notices under the linked task', async () => {
    answerInvokes({
      getLinkedTask: () => ({ linked: false, projectPaired: true, recent: [], canEdit: true, health: [silent] }),
    });
    ForgeReconciler.render(<IssuePanel />);
    const doc = await waitForDoc((d) => textOf(d).includes('No event from Bitrix24'));
    expect(textOf(doc)).toContain('every 5 minutes');
  });
});

describe('health wording', () => {
  type Tree = { health: Record<string, string>; healthFix: Record<string, string> };
  it.each([
    ['en-US', english as unknown as Tree],
    ['ru-RU', russian as unknown as Tree],
  ])('%s words every code with every parameter filled', (_locale, tree) => {
    const params = {
      since: AT,
      at: AT,
      lastAt: AT,
      checkedAt: AT,
      foundAt: AT,
      everyMinutes: 5,
      event: 'ONTASKADD',
      reason: 'x',
      count: 2,
      days: 7,
      projects: 'DEMO',
    };
    for (const template of [...Object.values(tree.health), ...Object.values(tree.healthFix)]) {
      expect(fillHealthText(template, params)).not.toMatch(/[{}[\]]/);
    }
    expect(fillHealthText(tree.health.eventsSilent ?? '', { since: AT, everyMinutes: 5 })).not.toContain('{checkedAt}');
  });

  it('drops an optional part whose parameter is missing and keeps it when present', () => {
    expect(fillHealthText('every {n} minutes[, last check {checkedAt}].', { n: 5 })).toBe('every 5 minutes.');
    expect(fillHealthText('every {n} minutes[, last check {checkedAt}].', { n: 5, checkedAt: AT })).toBe(
      'every 5 minutes, last check 2026-11-03 09:30 UTC.',
    );
  });
});

describe('Select labels', () => {
  const labelled = (doc: ForgeNode) => {
    const labels = new Set(findAll(doc, 'Label').map((l) => l.props.labelFor));
    return findAll(doc, 'Select')
      .filter((s) => s.props.inputId !== undefined || s.props['aria-label'] !== undefined)
      .map((s) => ({ ariaLabel: s.props['aria-label'], named: labels.has(s.props.inputId) }));
  };

  it('the Connection tab names its Select through a Label and inputId', async () => {
    answerInvokes({ getConnection: () => view([]) });
    ForgeReconciler.render(<ConnectionTab />);
    const doc = await waitForDoc((d) => findAll(d, 'Select').length > 0);
    expect(labelled(doc)).toEqual([{ ariaLabel: undefined, named: true }]);
  });

  it("the People tab's Bitrix24 user pickers have no aria-label and a Label each", async () => {
    const person = (id: string, name: string) => ({ id, name, email: null });
    answerInvokes({
      getPeople: () => ({
        matched: [],
        unmatchedB24: [person('5', 'Farid')],
        unmatchedJira: [],
        overrides: [],
        fallback: { kind: 'default-user', b24UserId: '5', jiraAccountId: 'x' },
      }),
    });
    ForgeReconciler.render(<PeopleTab />);
    const doc = await waitForDoc((d) =>
      findAll(d, 'Select').some((s) => s.props.placeholder === 'Choose a Bitrix24 user'),
    );
    const pickers = findAll(doc, 'Select').filter((s) => s.props.placeholder === 'Choose a Bitrix24 user');
    expect(pickers.length).toBe(2);
    expect(new Set(pickers.map((s) => s.props.inputId)).size).toBe(2);
    expect(labelled(doc).filter((s) => s.ariaLabel !== undefined)).toEqual([]);
    for (const picker of pickers)
      expect(findAll(doc, 'Label').some((l) => l.props.labelFor === picker.props.inputId)).toBe(true);
  });
});
