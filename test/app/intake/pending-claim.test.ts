/**
 * The pending claim coalesces copies of an event only behind a job that is known to be queued: an intake that
 * claimed and died before its push (an instance killed, a push refused) swallows no later copy.
 */
import { PendingJobs, pushOnce } from '../../../src/app/intake/pending-jobs';
import type { SyncJob } from '../../../src/app/sync-jobs';
import { memoryKv, recordingQueue } from '../memory-ports';

const job: SyncJob = { kind: 'task-changed', taskId: '42' };

function pending() {
  const kv = memoryKv();
  let n = 0;
  return {
    kv,
    jobs: new PendingJobs(
      kv,
      () => 1_000,
      () => `id${(n += 1)}`,
    ),
  };
}

describe('the pending claim', () => {
  it('answers a copy without a job while the first copy\u2019s job is queued', async () => {
    const { jobs } = pending();
    const queue = recordingQueue();
    expect(await pushOnce(job, queue, jobs)).toBe('queued');
    expect(await pushOnce(job, queue, jobs)).toBe('already-queued');
    expect(queue.jobs()).toHaveLength(1);
  });

  it('queues the copy when the first intake claimed and died before it pushed', async () => {
    const { jobs } = pending();
    // The first intake's claim, and then nothing: its process was killed.
    expect(await jobs.claim(job)).not.toBeNull();
    const queue = recordingQueue();
    expect(await pushOnce(job, queue, jobs)).toBe('queued');
    expect(queue.jobs()).toHaveLength(1);
  });

  it('queues the copy after the job started, even when the confirmation came after the start', async () => {
    const { jobs } = pending();
    const claim = await jobs.claim(job);
    await jobs.release(job);
    await claim?.confirm();
    const queue = recordingQueue();
    expect(await pushOnce(job, queue, jobs)).toBe('queued');
  });

  it('gives the claim back when the push is refused, so the next copy queues', async () => {
    const { jobs } = pending();
    const refusing = recordingQueue(() => new Error('queue refused'));
    await expect(pushOnce(job, refusing, jobs)).rejects.toThrow('queue refused');
    const queue = recordingQueue();
    expect(await pushOnce(job, queue, jobs)).toBe('queued');
  });
});
