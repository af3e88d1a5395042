/**
 * Forge's invocation and egress rates (developer.atlassian.com/platform/forge/limits-invocation, last updated
 * Jan 13, 2026): user-led invocations per person and per installation on a fixed one-minute window, and an
 * invocation's external requests per minute of its runtime.
 */
import { fetch } from '@forge/api';
import { InvocationBudget } from '../../../src/local/forge/budget';
import { runInvocation } from '../../../src/local/forge/context';
import { InvocationRateLimit } from '../../../src/local/forge/rate-limits';
import { buildRuntime } from './harness';

describe('user-led invocations a minute', () => {
  it('admits 1,200 per person and refuses the next until the minute turns', () => {
    let now = 60_000 * 10 + 59_000;
    const limit = new InvocationRateLimit({ now: () => now });
    for (let i = 0; i < 1_200; i += 1) limit.admit('anna');
    expect(() => limit.admit('anna')).toThrow(/1,200 invocations a minute per user/);
    // Another person is counted on their own; the window is fixed, so the next minute starts afresh.
    expect(() => limit.admit('ben')).not.toThrow();
    now += 1_000;
    expect(() => limit.admit('anna')).not.toThrow();
  });

  it('admits 5,000 per installation across people', () => {
    const limit = new InvocationRateLimit({ now: () => 0 });
    for (let i = 0; i < 5_000; i += 1) limit.admit(`person-${i % 10}`);
    expect(() => limit.admit('someone-new')).toThrow(/5,000 invocations a minute per installation/);
  });
});

describe('external requests per runtime minute', () => {
  it('lets an invocation make 100 in a minute of its runtime and refuses the 101st', () => {
    const budget = new InvocationBudget('fn', 900);
    for (let i = 0; i < 100; i += 1) {
      budget.charge(300);
      expect(budget.admitEgress()).toBe(true);
    }
    budget.charge(300);
    expect(budget.admitEgress()).toBe(false);
    // 30 s of runtime so far: the next runtime minute starts at 60 s.
    budget.charge(30_000);
    expect(budget.admitEgress()).toBe(true);
  });

  it("is the proxy's own 429 inside an invocation: the request never reaches Bitrix24", async () => {
    const h = buildRuntime();
    const budget = new InvocationBudget('fn', 900);
    const statuses = await runInvocation({ host: h.runtime, functionKey: 'fn', budget }, async () => {
      const seen: number[] = [];
      for (let i = 0; i < 101; i += 1)
        seen.push((await fetch('https://sandbox.bitrix24.com/rest/1/s/user.get.json')).status);
      return seen;
    });
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
    expect(h.b24.requests).toHaveLength(100);
  });
});
