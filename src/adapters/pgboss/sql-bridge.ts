/**
 * pg-boss over our one SQL handle, through its documented `db` option (`executeSql(text, values)`), so PGlite and
 * PostgreSQL run the same queue code and pg-boss opens no pool of its own.
 */
import type PgBoss from 'pg-boss';
import type { SqlDb, SqlParam } from '../sql/db';

export interface BossDb extends PgBoss.Db {
  /** Resolves once every statement pg-boss has started is done: its worker completes jobs without awaiting. */
  drain(): Promise<void>;
}

/**
 * pg-boss sends its schema creation and migrations as one text of several statements inside BEGIN … COMMIT, with
 * no values; PGlite's extended protocol takes one statement per query, so those go to `exec`. A single statement
 * without values (its catalogue reads) still goes to `query`, which returns rows.
 */
function isScript(text: string, values: readonly unknown[] | undefined): boolean {
  if (values !== undefined && values.length > 0) return false;
  return /;\s*\S/.test(text.trim().replace(/;\s*$/, ''));
}

/** pg serialises a plain object as JSON and `undefined` as NULL; PGlite is told the same explicitly. */
function param(value: unknown): SqlParam {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  // Arrays (pg-boss's uuid[] id lists) pass through: both drivers serialise them as PostgreSQL arrays.
  if (Array.isArray(value)) return value as unknown as SqlParam;
  return JSON.stringify(value);
}

export function bossDb(db: SqlDb): BossDb {
  const pending = new Set<Promise<unknown>>();
  const run = async (text: string, values?: unknown[]): Promise<{ rows: unknown[] }> => {
    if (isScript(text, values)) {
      await db.exec(text);
      return { rows: [] };
    }
    return db.query(text, values?.map(param));
  };
  return {
    executeSql: (text: string, values?: unknown[]) => {
      const statement = run(text, values);
      pending.add(statement);
      const forget = () => pending.delete(statement);
      statement.then(forget, forget);
      return statement;
    },
    drain: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
