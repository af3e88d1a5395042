/**
 * Forge's async-events limit of 500 events pushed per minute per installation, on the simulated clock: the push
 * past it fails as `@forge/events` fails on the service's 429, with its own RateLimitError.
 */
import { Queue, RateLimitError } from '@forge/events';
import { buildRuntime } from './harness';

const fifty = (tag: string): { body: Record<string, unknown> }[] =>
  Array.from({ length: 50 }, (_, i) => ({ body: { id: `${tag}${i}`, mode: 'ok' } }));

describe('the queue push rate of one installation', () => {
  it('takes 500 events in a minute, refuses the 501st with RateLimitError, and takes it once the minute has passed', async () => {
    const h = buildRuntime();
    const queue = new Queue({ key: 'work' });
    for (let i = 0; i < 9; i += 1) await queue.push(fifty(`p${i}-`));
    h.clock.advance(30_000);
    await queue.push(fifty('late-'));
    await expect(queue.push({ body: { id: 'one-more', mode: 'ok' } })).rejects.toBeInstanceOf(RateLimitError);
    await expect(queue.push({ body: { id: 'one-more', mode: 'ok' } })).rejects.toThrow('Too many requests.');

    h.clock.advance(29_999);
    await expect(queue.push({ body: { id: 'one-more', mode: 'ok' } })).rejects.toBeInstanceOf(RateLimitError);
    h.clock.advance(1); // the first 450 leave the window; the 50 pushed at 30 s stay
    for (let i = 0; i < 9; i += 1) await queue.push(fifty(`again${i}-`));
    await expect(queue.push({ body: { id: 'over', mode: 'ok' } })).rejects.toBeInstanceOf(RateLimitError);
  });

  it('refuses a whole push that would cross the limit, and nothing of it runs', async () => {
    const h = buildRuntime();
    const queue = new Queue({ key: 'work' });
    for (let i = 0; i < 9; i += 1) await queue.push(fifty(`p${i}-`));
    await queue.push(fifty('x').slice(0, 49));
    await expect(
      queue.push([{ body: { id: 'a', mode: 'ok' } }, { body: { id: 'b', mode: 'ok' } }]),
    ).rejects.toBeInstanceOf(RateLimitError);
    await queue.push({ body: { id: 'last', mode: 'ok' } });
    const report = await h.runtime.settle();
    expect(report.jobsRun).toBe(500);
  });
});
