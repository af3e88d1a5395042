import { InvalidPushSettingsError, PayloadTooBigError, Queue, TooManyEventsError } from '@forge/events';
import { buildRuntime, pushWork, trace } from './harness';

const HOUR = 3_600_000;

describe('@forge/events on the local runtime: at-least-once delivery with Forge retry semantics', () => {
  it('runs a pushed job once with the event shape a consumer receives', async () => {
    const h = buildRuntime();
    const jobId = await pushWork({ id: 'a', mode: 'ok' });

    const report = await h.runtime.settle();

    expect(report).toMatchObject({ idle: true, jobsRun: 1, retriesScheduled: 0, deadLetters: 0, advancedMs: 0 });
    expect(trace(h, 'work:a')).toEqual([{ retry: 0, reason: null, data: null, queue: 'work' }]);
    expect(await new Queue({ key: 'work' }).getJob(jobId).getStats()).toEqual({ success: 1, failed: 0, inProgress: 0 });
  });

  it('holds a job back for delayInSeconds of simulated time', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'd', mode: 'ok' }, 600);

    const report = await h.runtime.settle();

    expect(report.advancedMs).toBe(600_000);
    expect(trace(h, 'work:d')).toHaveLength(1);
  });

  it('retries a returned InvocationError after its retryAfter, passing retryContext with reason and retryData', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'r', mode: 'retry-once' });

    const report = await h.runtime.settle();

    expect(report).toMatchObject({ jobsRun: 2, retriesScheduled: 1, advancedMs: 120_000 });
    expect(trace(h, 'work:r')).toEqual([
      { retry: 0, reason: null, data: null, queue: 'work' },
      { retry: 1, reason: 'FUNCTION_UPSTREAM_RATE_LIMITED', data: { page: 2 }, queue: 'work' },
    ]);
  });

  it('retries a thrown error with backoff', async () => {
    const h = buildRuntime();
    await pushWork({ id: 't', mode: 'throw-once' });

    const report = await h.runtime.settle();

    expect(report.jobsRun).toBe(2);
    expect(report.advancedMs).toBeGreaterThan(0);
    expect(report.failures).toEqual([{ function: 'work-fn', error: 'Error: transient' }]);
    expect(trace(h, 'work:t')[1]).toMatchObject({ retry: 1, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' });
  });

  it('makes a job that keeps failing a dead letter once its retries pass the 24 h retention window', async () => {
    const h = buildRuntime();
    const jobId = await pushWork({ id: 'p', mode: 'always-retry' });

    const report = await h.runtime.settle();

    const attempts = trace(h, 'work:p').length;
    expect(attempts).toBe(Math.floor((24 * HOUR) / 900_000) + 1);
    expect(report).toMatchObject({ idle: true, deadLetters: 1 });
    expect(report.deadLetterDetails[0]).toMatchObject({
      kind: 'job',
      target: 'work',
      body: { id: 'p', mode: 'always-retry' },
    });
    expect(report.advancedMs).toBeLessThanOrEqual(24 * HOUR);
    expect(await new Queue({ key: 'work' }).getJob(jobId).getStats()).toEqual({ success: 0, failed: 1, inProgress: 0 });
  });

  it('stops at maxSteps and says the system is not idle yet', async () => {
    const h = buildRuntime();
    await pushWork({ id: 'x', mode: 'always-throw' });

    const report = await h.runtime.settle({ maxSteps: 3 });

    expect(report).toMatchObject({ idle: false, steps: 3, jobsRun: 3, pending: 1 });
  });

  it('enforces the SDK push limits: 50 events, 200 KB, delayInSeconds 0–900', async () => {
    buildRuntime();
    const queue = new Queue({ key: 'work' });
    const many = Array.from({ length: 51 }, () => ({ body: { mode: 'ok' } }));

    await expect(queue.push(many)).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(queue.push({ body: { blob: 'x'.repeat(201 * 1024) } })).rejects.toBeInstanceOf(PayloadTooBigError);
    await expect(queue.push({ body: { mode: 'ok' }, delayInSeconds: 901 })).rejects.toBeInstanceOf(
      InvalidPushSettingsError,
    );
    await expect(queue.push(many.slice(0, 50))).resolves.toEqual({ jobId: expect.any(String) });
  });

  it('rejects a push to a queue no consumer listens on', async () => {
    buildRuntime();
    await expect(new Queue({ key: 'nobody' }).push({ body: {} })).rejects.toThrow(/404/);
  });

  it('cancels the pending events of a job', async () => {
    const h = buildRuntime();
    const queue = new Queue({ key: 'work' });
    const { jobId } = await queue.push([{ body: { id: 'c', mode: 'ok' }, delayInSeconds: 60 }]);

    await queue.cancel(jobId);
    const report = await h.runtime.settle();

    expect(report.jobsRun).toBe(0);
  });
});
