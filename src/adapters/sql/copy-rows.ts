/**
 * Copies whole rows of one table from one service database to another (PGlite to PostgreSQL, when an install
 * outgrows one machine). Each row travels as `row_to_json` text and lands through `json_populate_recordset`, so
 * every column keeps its type and exact value: `json` values keep their text as written, `bytea` ciphertexts their
 * bytes, timestamps their time zone. Rows go in pages of PAGE, in primary-key order.
 */
import type { SqlRunner } from './db';

const PAGE = 500;
/** Table and column names here come from this codebase, never from input; checked anyway, since they are spliced. */
const NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

export interface CopySpec {
  table: string;
  /** The same table's name on the target, when it differs (another schema). */
  targetTable?: string;
  /** The primary-key column the pages are ordered and cut by (text or uuid). */
  key: string;
  /** An SQL condition on the source rows (no parameters), e.g. a state filter. */
  where?: string;
  /** Changes a row on the way (e.g. a job that was running becomes runnable again). */
  adjust?: (row: Record<string, unknown>) => Record<string, unknown>;
}

function checked(name: string): string {
  if (!NAME.test(name)) throw new Error(`Refusing to copy the table or column "${name}": not a plain SQL name.`);
  return name;
}

/** Copies the rows and returns how many; `target` is meant to be inside the caller's transaction. */
export async function copyRows(source: SqlRunner, target: SqlRunner, spec: CopySpec): Promise<number> {
  const table = checked(spec.table);
  const into = checked(spec.targetTable ?? spec.table);
  const key = checked(spec.key);
  const filter = spec.where ? `AND (${spec.where})` : '';
  let after: string | null = null;
  let copied = 0;
  for (;;) {
    const { rows }: { rows: { k: string; row: string }[] } = await source.query<{ k: string; row: string }>(
      `SELECT ${key}::text AS k, row_to_json(t)::text AS row FROM ${table} t
       WHERE ($1::text IS NULL OR ${key}::text > $1::text) ${filter} ORDER BY ${key}::text LIMIT ${PAGE}`,
      [after],
    );
    if (rows.length === 0) return copied;
    // Without an adjustment the row text is passed on untouched: parsing it in JavaScript would round numbers
    // past 2^53 and rewrite escapes inside `json` values that the database keeps as written.
    const { adjust } = spec;
    const batch = adjust
      ? JSON.stringify(rows.map((r) => adjust(JSON.parse(r.row) as Record<string, unknown>)))
      : `[${rows.map((r) => r.row).join(',')}]`;
    await target.query(`INSERT INTO ${into} SELECT * FROM json_populate_recordset(NULL::${into}, $1::json)`, [batch]);
    copied += rows.length;
    after = rows[rows.length - 1]!.k;
  }
}

/** How many rows a table holds (0 when it does not exist). */
export async function countRows(db: SqlRunner, table: string, where?: string): Promise<number> {
  const name = checked(table);
  const { rows } = await db.query<{ exists: string | null }>('SELECT to_regclass($1)::text AS exists', [name]);
  if (rows[0]?.exists == null) return 0;
  const counted = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${name}${where ? ` WHERE ${where}` : ''}`,
  );
  return Number(counted.rows[0]?.n ?? 0);
}
