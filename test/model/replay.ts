/**
 * Replays: a genuine delivery of this run sent again many times in a row, as anyone who saw it on the way could: on
 * Forge a Bitrix24 event (a valid application token, the right portal) to the web trigger; on the service a signed
 * Jira webhook to `/events/jira`, or a portal change left again in the offline queue. The app re-reads current
 * state, so a replay must change nothing people did not do; the invariants judge the end state as for any run.
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
    let sent = '';
    for (let i = 0; i < this.times; i += 1) sent = await original.send();
    r.log.push(`replayed ${sent} ${this.times} times`);
  }
  toString = (): string => `replay(${this.which}, ${this.times}x)`;
}
