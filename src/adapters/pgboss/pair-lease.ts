/**
 * The cross-instance guard of one pair: a lease row with an expiry, taken before a job of the pair runs and kept
 * alive while its handler runs. A row rather than a PostgreSQL advisory lock because PGlite is one session (a
 * session lock taken twice in it succeeds twice) and because a session lock would pin one pooled connection per
 * running job; a row works the same on both engines. Expiry is judged by the database clock, the one clock every
 * instance shares, so a crashed instance's lease frees itself after `seconds` without anyone trusting its clock.
 */
import { randomUUID } from 'node:crypto';
import type { SqlDb } from '../sql/db';

export interface HeldLease {
  /** Gives the pair up; safe to call twice, and never frees a lease another holder has taken since it expired. */
  release(): Promise<void>;
}

export class PairLeases {
  private readonly table: string;
  private readonly renewals = new Set<NodeJS.Timeout>();

  constructor(
    private readonly db: SqlDb,
    schema: string,
    private readonly seconds: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.table = `${schema}.pair_lease`;
  }

  /** Two instances starting together must not both create the table: the DDL runs under a transaction lock. */
  async install(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [this.table]);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (key text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL)`,
      );
    });
  }

  /** The lease of `key`, or null while another holder's lease on it has not expired. */
  async take(key: string): Promise<HeldLease | null> {
    const holder = randomUUID();
    const { rows } = await this.db.query(
      `INSERT INTO ${this.table} AS l (key, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')
       ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at WHERE l.expires_at < now()
       RETURNING holder`,
      [key, holder, this.seconds],
    );
    if (rows.length === 0) return null;
    // Renewed at a third of its length, so two missed renewals still leave it held.
    const timer = setInterval(
      () => {
        this.db
          .query(
            `UPDATE ${this.table} SET expires_at = now() + $3 * interval '1 second' WHERE key = $1 AND holder = $2`,
            [key, holder, this.seconds],
          )
          .catch(this.onError);
      },
      (this.seconds * 1000) / 3,
    );
    timer.unref();
    this.renewals.add(timer);
    let released = false;
    return {
      release: async () => {
        clearInterval(timer);
        this.renewals.delete(timer);
        if (released) return;
        released = true;
        await this.db.query(`DELETE FROM ${this.table} WHERE key = $1 AND holder = $2`, [key, holder]);
      },
    };
  }

  /** At shutdown: handlers still running keep their leases until they expire, since nothing renews them any more. */
  stopRenewing(): void {
    for (const timer of this.renewals) clearInterval(timer);
    this.renewals.clear();
  }
}
