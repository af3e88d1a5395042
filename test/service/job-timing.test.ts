/**
 * How soon a crashed instance's work runs again follows from the one setting an operator chooses,
 * SYNC_JOB_TIMEOUT_SECONDS: expired jobs are looked for at least three times per timeout, and a pair's lease is
 * never longer than the timeout, so the job found expired can take its pair at once.
 */
import { queueTimings } from '../../src/service/wiring';

describe('the job engine timings of a job timeout', () => {
  it('keeps pg-boss and lease defaults for the default 15 minutes', () => {
    expect(queueTimings(900)).toEqual({ expireInSeconds: 900, maintenanceIntervalSeconds: 60, leaseSeconds: 60 });
  });

  it('looks for expired jobs a third of a short timeout apart, and leases no longer than the timeout', () => {
    expect(queueTimings(30)).toEqual({ expireInSeconds: 30, maintenanceIntervalSeconds: 10, leaseSeconds: 30 });
    expect(queueTimings(45)).toEqual({ expireInSeconds: 45, maintenanceIntervalSeconds: 15, leaseSeconds: 45 });
  });
});
