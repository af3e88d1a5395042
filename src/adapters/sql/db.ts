/**
 * One SQL handle for both sizes of the self-hosted service: PGlite (PostgreSQL in WebAssembly, one process) by
 * default, a real PostgreSQL server when a connection URL is given. Everything above this file writes the same
 * SQL against the same interface, so the embedded and the clustered install run one code path.
 */
import { PGlite } from '@electric-sql/pglite';
import { Pool, type PoolClient } from 'pg';

export type SqlParam = string | number | boolean | null | Date | Buffer;

export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<SqlResult<R>>;
}

export interface SqlDb extends SqlRunner {
  readonly engine: 'pglite' | 'postgres';
  /** Several statements without parameters, e.g. a schema migration. */
  exec(text: string): Promise<void>;
  /** Runs `work` on one connection inside BEGIN … COMMIT; ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…`: a PostgreSQL server. Absent: PGlite in `dataDir`. */
  url?: string;
  /** PGlite's data directory (`memory://` keeps it in memory, for tests). */
  dataDir?: string;
  /** Connections per process for PostgreSQL (pg-boss takes its own on top). */
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDb> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir ?? './data');
}

async function openPglite(dataDir: string): Promise<SqlDb> {
  const db = await PGlite.create(dataDir);
  const run = async <R>(
    runner: Pick<PGlite, 'query'>,
    text: string,
    params?: readonly SqlParam[],
  ): Promise<SqlResult<R>> => {
    const result = await runner.query<R>(text, params ? [...params] : undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };
  return {
    engine: 'pglite',
    query: (text, params) => run(db, text, params),
    exec: async (text) => {
      await db.exec(text);
    },
    transaction: (work) => db.transaction((tx) => work({ query: (text, params) => run(tx, text, params) })),
    close: () => db.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<SqlDb> {
  const pool = new Pool({ connectionString: url, max });
  const run = async <R>(
    client: Pool | PoolClient,
    text: string,
    params?: readonly SqlParam[],
  ): Promise<SqlResult<R>> => {
    const result = await client.query(text, params ? [...params] : undefined);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
  };
  // A bad URL or a server that is down should stop the start with its own error, not at the first job.
  await pool.query('select 1');
  return {
    engine: 'postgres',
    query: (text, params) => run(pool, text, params),
    exec: async (text) => {
      await pool.query(text);
    },
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await work({ query: (text, params) => run(client, text, params) });
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
