/**
 * A database of its own for each run, on the server TEST_DATABASE_URL names, dropped afterwards; and what the test
 * reads of it: the pairs the service recorded, the queue's open and dead jobs.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type SqlDb } from '../../../src/adapters/sql/db';
import { createSqlKeyValueStore } from '../../../src/adapters/sql/kv-store';

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export class RunDatabase {
  private db: SqlDb | null = null;

  private constructor(
    private readonly serverUrl: string,
    private readonly name: string,
    readonly url: string,
  ) {}

  static async create(serverUrl: string): Promise<RunDatabase> {
    const name = `cluster_${randomBytes(6).toString('hex')}`;
    await admin(serverUrl, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return new RunDatabase(serverUrl, name, url.toString());
  }

  private async open(): Promise<SqlDb> {
    this.db ??= await openDatabase({ url: this.url, poolSize: 2 });
    return this.db;
  }

  /** Task id → issue id, as the service linked them. */
  async links(): Promise<Map<string, { issueId: string; issueKey: string }>> {
    const kv = createSqlKeyValueStore(await this.open());
    const links = new Map<string, { issueId: string; issueKey: string }>();
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await kv.listByPrefix('link:b24:', cursor ? { cursor } : undefined);
      for (const { key, value } of page.entries) {
        const link = value as { issueId?: unknown; issueKey?: unknown };
        if (typeof link.issueId === 'string' && typeof link.issueKey === 'string')
          links.set(key.slice('link:b24:'.length), { issueId: link.issueId, issueKey: link.issueKey });
      }
      cursor = page.cursor;
    }
    return links;
  }

  /** Jobs of the sync and migration queues not finished yet (queued, retrying or running). */
  async openJobs(): Promise<number> {
    const { rows } = await (
      await this.open()
    ).query<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name IN ('sync', 'migration') AND state < 'completed'`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Dead letters, and jobs failed for good, of both queues. */
  async deadJobs(): Promise<{ name: string; state: string; output: unknown }[]> {
    const { rows } = await (
      await this.open()
    ).query<{ name: string; state: string; output: unknown }>(
      `SELECT name, state, output FROM pgboss.job
       WHERE name IN ('sync-dead', 'migration-dead') OR (name IN ('sync', 'migration') AND state = 'failed')`,
    );
    return rows;
  }

  async syncJobsCount(): Promise<number> {
    const { rows } = await (
      await this.open()
    ).query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'sync'`);
    return Number(rows[0]?.n ?? 0);
  }

  async drop(): Promise<void> {
    await this.db?.close();
    this.db = null;
    await admin(this.serverUrl, `DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }
}
