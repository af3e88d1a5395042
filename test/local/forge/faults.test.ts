import type { FaultPlan } from '../../../src/local/contracts';
import { FaultInjector } from '../../../src/local/forge/faults';
import { buildRuntime, issueEvent, trace } from './harness';

const STORM: FaultPlan = { seed: 7, duplicateEvents: 0.3, reorderEvents: 0.3, delayEvents: 0.3, dropEvents: 0.2 };

function b24Delivery(n: number): Request {
  return new Request('https://local-forge.test/webtrigger/inbox', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `event=E${n}`,
  });
}

async function storm(plan: FaultPlan) {
  const h = buildRuntime();
  h.runtime.setFaults(plan);
  for (let n = 0; n < 20; n += 1) {
    h.runtime.deliverJiraEvent(issueEvent({ eventType: 'avi:jira:created:issue', key: `DEMO-${n}` }));
    h.runtime.deliverB24(b24Delivery(n));
  }
  const report = await h.runtime.settle();
  return {
    report,
    jiraOrder: trace(h, 'issue-events').map((e) => (e as { key: string }).key),
    b24Order: trace(h, 'inbox').map((e) => (e as { body: string }).body),
  };
}

describe('the fault plan', () => {
  it('gives the same deliveries in the same order for the same seed', async () => {
    const first = await storm(STORM);
    const second = await storm(STORM);

    expect(second.jiraOrder).toEqual(first.jiraOrder);
    expect(second.b24Order).toEqual(first.b24Order);
    expect(second.report).toEqual(first.report);
  });

  it('changes the schedule with the seed', async () => {
    const a = await storm(STORM);
    const b = await storm({ ...STORM, seed: 8 });
    expect([b.jiraOrder, b.b24Order]).not.toEqual([a.jiraOrder, a.b24Order]);
  });

  it('duplicates and reorders events, loses dropped Bitrix24 deliveries, and redelivers dropped Jira events', async () => {
    const { report, jiraOrder, b24Order } = await storm(STORM);
    const sorted = (xs: string[]) => [...xs].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));

    expect(new Set(jiraOrder).size).toBe(20);
    expect(jiraOrder.length).toBeGreaterThan(20);
    expect(jiraOrder).not.toEqual(sorted(jiraOrder));
    expect(report.b24EventsDropped).toBeGreaterThan(0);
    expect(new Set(b24Order).size).toBe(20 - report.b24EventsDropped);
    expect(report.idle).toBe(true);
  });

  it("drops and counts Bitrix24 deliveries to URLs that are not the app's web triggers", async () => {
    const h = buildRuntime();
    h.runtime.deliverB24(new Request('https://elsewhere.example/hook', { method: 'POST', body: 'event=ONTASKADD' }));

    const report = await h.runtime.settle();

    expect(report).toMatchObject({ b24Undeliverable: 1, b24EventsDelivered: 0 });
    expect(trace(h, 'inbox')).toEqual([]);
  });

  it('delivers every event once, in order, with no plan', async () => {
    const { jiraOrder, b24Order, report } = await storm({});
    expect(jiraOrder).toEqual(Array.from({ length: 20 }, (_, n) => `DEMO-${n}`));
    expect(b24Order).toEqual(Array.from({ length: 20 }, (_, n) => `event=E${n}`));
    expect(report.advancedMs).toBe(0);
  });

  it('hands the emulators seeded per-call fault rates, and none when the plan sets none', () => {
    const plan = { seed: 3, jira429: 0.5, b24RateLimit: 0.25, serverErrors: 0.1 };
    const jiraA = new FaultInjector(plan).serviceFaults('jira');
    const jiraB = new FaultInjector(plan).serviceFaults('jira');
    const b24 = new FaultInjector(plan).serviceFaults('b24');

    expect(jiraA).toMatchObject({ rateLimit: 0.5, serverError: 0.1 });
    expect(b24).toMatchObject({ rateLimit: 0.25, serverError: 0.1 });
    expect([jiraA?.random(), jiraA?.random()]).toEqual([jiraB?.random(), jiraB?.random()]);
    expect(new FaultInjector({ seed: 3, duplicateEvents: 1 }).serviceFaults('jira')).toBeNull();
  });
});
