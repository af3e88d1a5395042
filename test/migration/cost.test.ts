/**
 * The cost model of the current engine (src/core/migration/cost.ts): calls grow with what is created, not with what
 * is already paired, and the time is the tightest of the engine's own pacing, Bitrix24's bucket and Jira's hourly
 * points.
 */
import { predictMigration, type MigrationScope, type QuotaLimits } from '../../src/core/migration/cost';

const LIMITS: QuotaLimits = { b24: { requestsPerSecond: 2, burst: 50 }, jira: { pointsPerHour: 65_000, pointsPerCall: 1, pointsPerObject: 1 }, secondsPerJob: 1.5 };
const scope = (over: Partial<MigrationScope> = {}): MigrationScope => ({ tasks: 0, issues: 0, issuesToCreate: 0, tasksToCreate: 0, pairedByMarker: 0, ...over });

describe('the migration cost model', () => {
  it('an empty project costs one page per side and about no time', () => {
    const empty = predictMigration(scope(), LIMITS);
    expect(empty.calls).toEqual({ jira: 1, b24: 1, total: 2 });
    expect(empty.seconds).toBeLessThanOrEqual(1);
  });

  it('already paired entities cost their listing pages only; a short page ends a side', () => {
    const paired = predictMigration(scope({ tasks: 100, issues: 100 }), LIMITS);
    expect(paired.calls).toEqual({ jira: 2, b24: 3, total: 5 });
  });

  it('each created entity costs its jobs calls on both sides, and the pacing bounds the time', () => {
    const one = predictMigration(scope({ tasks: 1, issuesToCreate: 1 }), LIMITS);
    const two = predictMigration(scope({ tasks: 2, issuesToCreate: 2 }), LIMITS);
    expect(two.calls.jira - one.calls.jira).toBe(3);
    expect(two.calls.b24 - one.calls.b24).toBe(1);
    expect(two.seconds).toBe(3);
  });

  it("at 10,000 + 10,000 the current engine needs some 90,000 calls and Bitrix24's bucket or the pacing sets the hours", () => {
    const big = predictMigration(scope({ tasks: 10_000, issues: 10_000, issuesToCreate: 10_000, tasksToCreate: 10_000 }), LIMITS);
    expect(big.calls.total).toBeGreaterThan(80_000);
    expect(big.seconds).toBe(Math.ceil(Math.max(20_000 * 1.5, (big.calls.b24 - 50) / 2, ((big.calls.jira + 50_000) / 65_000) * 3600)));
    expect(big.seconds).toBeGreaterThan(4 * 3600);
  });

  it("Jira's hourly points bound the time when the pacing would allow more", () => {
    const fast = predictMigration(scope({ issues: 10_000, issuesToCreate: 0, tasksToCreate: 10_000 }), { ...LIMITS, secondsPerJob: 0, jira: { ...LIMITS.jira, pointsPerHour: 10_000 } });
    expect(fast.seconds).toBeGreaterThan(3 * 3600);
  });
});
