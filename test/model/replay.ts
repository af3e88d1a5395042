/**
 * Replays: a genuine Bitrix24 delivery of this run (a valid application token, the right portal), posted to the
 * web trigger again many times in a row, as anyone who saw it on the way could. The app re-reads current state,
 * so a replay must change nothing people did not do; the invariants judge the end state as for any run.
 */
import type fc from 'fast-check';
import type { Real } from './world';

type Cmd = fc.AsyncCommand<Real, Real, false>;

export class Replay implements Cmd {
  constructor(
    readonly which: number,
    readonly times: number,
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const original = r.deliveries[r.deliveries.length - 1 - (this.which % Math.max(1, r.deliveries.length))];
    if (!original) return;
    const body = await original.clone().text();
    const key = new URL(original.url).pathname.split('/')[2] ?? '';
    for (let i = 0; i < this.times; i += 1) {
      const response = await r.w.platform.webtrigger(
        key,
        new Request(original.url, { method: 'POST', headers: original.headers, body }),
      );
      if (response.status >= 500) throw new Error(`a replay was answered ${response.status}`);
    }
    r.log.push(`replayed ${body.slice(0, 40)}… ${this.times} times`);
  }
  toString = (): string => `replay(${this.which}, ${this.times}x)`;
}
