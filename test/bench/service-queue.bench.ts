/**
 * The self-hosted service's own cost per job: a no-op sync job (a Bitrix24 comment of a task nobody paired) pushed
 * to pg-boss, taken by the service's own worker (`startWork`: `runJob`, the app's job runner, the verdict), which
 * reads the job's pending claim, the uninstall flag and the link from the SQL key-value store on the same
 * database, finds nothing to do and settles the job. So the figure is the queue's and the service's overhead, not
 * the app's sync work, and no remote call is made (counted; a call fails the cell).
 *
 * The matrix: 10, 100 and 500 jobs/s pushed for a short window, on PGlite and on PostgreSQL (BENCH_DATABASE_URL or
 * TEST_DATABASE_URL), with one and two instances (two engines, each its own pool on PostgreSQL, in this process).
 * CPU is this process's (user + system) over the window and the drain, per job: PGlite's database work runs in
 * this process and is counted, a PostgreSQL server's is not. Latency is push to verdict. Printed beside the
 * remote's own limits and one Bitrix24 call's time (./b24-call.ts). A measurement, not a test.
 */
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import { startJobEngine } from '../../src/adapters/pgboss/engine';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { createSqlKeyValueStore } from '../../src/adapters/sql/kv-store';
import { migrateSchema } from '../../src/adapters/sql/schema';
import { composeService, unconfiguredJira } from '../../src/service/compose';
import type { JobEngine } from '../../src/service/engines';
import { syncJobKeys } from '../../src/service/job-keys';
import { createMemoryStorage } from '../../src/service/memory-engines';
import { createServiceMetrics } from '../../src/service/metrics';
import { startWork } from '../../src/service/service';
import { silentLog, sleep } from '../service/pgboss/support';
import { B24_PUBLISHED, measureB24Call, type B24CallTime } from './b24-call';

const RATES = [10, 100, 500];
const WINDOW_S = 2.5;
/** A cell whose queue has not drained this long after the window is reported with the jobs it finished. */
const DRAIN_S = 6;
const CONCURRENCY = 4;
const POLL_S = 0.5;

interface Cell {
  engine: string;
  instances: number;
  rate: number;
  pushed: number;
  done: number;
  cpuMsPerJob: number;
  p50: number;
  p99: number;
  remoteCalls: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** One instance of the service's job side on `db`: its engine, and its workers over the app's composition. */
async function instance(db: SqlDb, schema: string, onDone: (taskId: string) => void, calls: { n: number }) {
  const kv = createSqlKeyValueStore(db);
  const engine = await startJobEngine(db, {
    schema,
    log: silentLog,
    pollingIntervalSeconds: POLL_S,
    concurrency: CONCURRENCY,
    keys: { sync: syncJobKeys(kv) },
  });
  const metrics = createServiceMetrics({ defaultMetrics: false });
  const noRemote = (() => {
    calls.n += 1;
    return Promise.reject(new Error('the bench job must make no remote call'));
  }) as unknown as typeof fetch;
  const app = composeService({
    config: { remoteTimeoutMs: 5000, jobTimeoutSeconds: 900 },
    storage: { kv, secrets: createMemoryStorage().secrets },
    jobs: engine,
    jiraTransport: (path, init) => {
      calls.n += 1;
      return unconfiguredJira(path, init);
    },
    metrics,
    log: silentLog,
    fetch: noRemote,
  });
  // The service's own worker; the bench only watches each job's verdict go by.
  // Bound one by one: the engine is a class, whose methods a spread would lose.
  const watched: JobEngine = {
    queue: (name) => engine.queue(name),
    schedule: (name, cron, run) => engine.schedule(name, cron, run),
    deadLetters: (limit) => engine.deadLetters(limit),
    stats: () => engine.stats(),
    stop: (options) => engine.stop(options),
    work: (queue, handler) =>
      engine.work(queue, async (delivery) => {
        const verdict = await handler(delivery);
        const taskId = (delivery.body as { taskId?: unknown }).taskId;
        if (verdict.kind === 'done' && typeof taskId === 'string') onDone(taskId);
        return verdict;
      }),
  };
  await startWork(watched, app, metrics);
  return engine;
}

async function measure(label: string, dbs: SqlDb[], rate: number): Promise<Cell> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const pushedAt = new Map<string, number>();
  const latencies: number[] = [];
  const calls = { n: 0 };
  const onDone = (taskId: string) => {
    const at = pushedAt.get(taskId);
    if (at !== undefined) latencies.push(Date.now() - at);
  };
  const engines: JobEngine[] = [];
  for (const db of dbs) engines.push(await instance(db, schema, onDone, calls));
  const total = Math.round(rate * WINDOW_S);
  const cpu = process.cpuUsage();
  const started = Date.now();
  const pushes: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const taskId = `${i + 1}`;
    pushedAt.set(taskId, Date.now());
    // Intake's side of the cost: the instances take turns, as a load balancer would send them the events.
    pushes.push(
      engines[i % engines.length]!.queue('sync').push([
        { kind: 'b24-comment', taskId, commentId: taskId, action: 'added' },
      ]),
    );
  }
  await Promise.all(pushes);
  const deadline = Date.now() + DRAIN_S * 1000;
  while (latencies.length < total && Date.now() < deadline) await sleep(20);
  const used = process.cpuUsage(cpu);
  for (const each of engines) await each.stop({ timeoutMs: 1000 });
  await dbs[0]!.exec(`DROP SCHEMA ${schema} CASCADE`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    engine: label,
    instances: dbs.length,
    rate,
    pushed: total,
    done: latencies.length,
    cpuMsPerJob: (used.user + used.system) / 1000 / Math.max(1, latencies.length),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    remoteCalls: calls.n,
  };
}

interface Target {
  label: string;
  instances: number;
  open: () => Promise<SqlDb[]>;
}

function targets(): Target[] {
  const pglite = async (instances: number) => {
    // One PGlite database serves one process: two instances are two engines on its one handle.
    const db = await openDatabase({ dataDir: 'memory://' });
    return Array.from({ length: instances }, () => db);
  };
  const list: Target[] = [1, 2].map((n) => ({ label: 'PGlite', instances: n, open: () => pglite(n) }));
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) console.log('service queue on PostgreSQL: skipped: no PostgreSQL (set BENCH_DATABASE_URL)');
  else
    for (const n of [1, 2])
      list.push({
        label: 'PostgreSQL',
        instances: n,
        open: () => Promise.all(Array.from({ length: n }, () => openDatabase({ url }))),
      });
  return list;
}

function print(cells: Cell[], call: B24CallTime, load: string): void {
  console.log(
    `\nService queue: a no-op sync job, push → pg-boss → the service's worker → verdict (${CONCURRENCY} jobs at once ` +
      `per instance, polling every ${POLL_S} s, ${WINDOW_S} s windows); load average ${load}`,
  );
  console.table(
    cells.map((c) => ({
      engine: c.engine,
      instances: c.instances,
      'jobs/s pushed': c.rate,
      done: `${c.done}/${c.pushed}`,
      'CPU ms/job': c.cpuMsPerJob.toFixed(2),
      'p50 ms': c.p50,
      'p99 ms': c.p99,
      'remote calls': c.remoteCalls,
      'portals at 2 calls/s per job': Math.ceil(c.rate / 2),
    })),
  );
  console.log(
    `Bitrix24's own limit: ${B24_PUBLISHED.limit}. One job of real sync makes at least one call, so one portal ` +
      `takes at most 2 jobs/s: 100 jobs/s needs 50 portals' worth of quota, 500 jobs/s 250.`,
  );
  console.log(
    `One Bitrix24 call: emulated, through the service's HTTP transport over loopback, p50 ${call.p50.toFixed(1)} ms, ` +
      `p99 ${call.p99.toFixed(1)} ms (${call.calls} calls); a real portal: ${B24_PUBLISHED.latency}.`,
  );
  const budget = B24_PUBLISHED.latencyLowMs * 0.1;
  for (const c of cells.filter((x) => x.rate === 100)) {
    const verdict = c.cpuMsPerJob < budget ? 'under' : 'NOT under';
    console.log(
      `At 100 jobs/s, ${c.engine} × ${c.instances}: ${c.cpuMsPerJob.toFixed(2)} CPU ms per job is ${verdict} 10% of ` +
        `one real Bitrix24 call (${budget} ms of ${B24_PUBLISHED.latencyLowMs} ms, the low end assumed)` +
        (c.done < c.pushed ? `; only ${c.done} of ${c.pushed} jobs finished in the window and drain` : ''),
    );
  }
}

export async function benchServiceQueue(): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const call = await measureB24Call();
  const cells: Cell[] = [];
  for (const target of targets()) {
    const dbs = await target.open();
    await migrateSchema(dbs[0]!);
    for (const rate of RATES) {
      const cell = await measure(target.label, dbs, rate);
      console.log(
        `service queue: ${cell.engine} × ${cell.instances} at ${rate} jobs/s: ${cell.done}/${cell.pushed} done`,
      );
      cells.push(cell);
    }
    for (const db of new Set(dbs)) await db.close();
  }
  print(cells, call, load);
}

if (require.main === module) {
  benchServiceQueue().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
