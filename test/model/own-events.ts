/**
 * The service account's own Jira webhook is ignored. Without Forge's `ignoreSelf`, every write the service makes
 * in Jira comes back as a webhook in its account's name; acting on one would make work of the service's own
 * writes, the start of an echo loop. No person can act as the service account, so this replays what such a webhook
 * would say, signed as Jira signs it, claiming an edit or a comment the app never made: the delivery must leave no
 * trace (no job, nothing stored), and the quiescent world still costs no call after such events (run.ts).
 */
import type fc from 'fast-check';
import type { Real } from './world';

type Cmd = fc.AsyncCommand<Real, Real, false>;

export class OwnJiraEvent implements Cmd {
  constructor(
    readonly pair: number,
    readonly kind: 'update' | 'comment',
  ) {}
  check = (): boolean => true;
  async run(_: Real, r: Real): Promise<void> {
    const own = r.w.ownJiraEvent?.bind(r.w);
    const p = r.pairs[this.pair % r.pairs.length];
    if (!own || !p || p.deletedOn) return;
    r.counter += 1;
    const text = `Own ${r.counter}`;
    const before = await r.w.footprint();
    const response = await own({ issueId: p.issueId, kind: this.kind, text });
    const after = await r.w.footprint();
    if (response.status !== 200)
      throw new Error(`the service account's own Jira ${this.kind} was answered ${response.status}`);
    if (after !== before)
      throw new Error(
        `the service account's own Jira ${this.kind} on issue ${p.issueId} left a trace: ${before.length} → ${after.length} characters of state, ${await response.text()}`,
      );
    r.log.push(`the service account's own ${this.kind} "${text}" on issue ${p.issueId}`);
  }
  toString = (): string => `ownJiraEvent(${this.pair}, ${this.kind})`;
}
