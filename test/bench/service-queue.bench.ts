/**
 * The self-hosted service's own cost per job on its durable queue (pg-boss on PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set): CPU ms of this process per job (push, fetch, settle; PGlite's database work runs in
 * this process, a PostgreSQL server's does not) and the latency from push to handler, at steady push rates.
 * A measurement, not a test: it prints and never fails on a figure.
 */
import { randomUUID } from 'node:crypto';
import { startJobEngine } from '../../src/adapters/pgboss/engine';
import { openDatabase, type SqlDb } from '../../src/adapters/sql/db';
import { syncJobKeys } from '../../src/service/job-keys';
import { memoryKv, silentLog, sleep } from '../service/pgboss/support';

const RATES = [10, 100];
const SECONDS = 5;

interface Figures {
  engine: string;
  instances: number;
  rate: number;
  jobs: number;
  cpuMsPerJob: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** `dbs` are the instances: each its own connection pool, the first one also pushes. */
async function measure(label: string, dbs: SqlDb[], rate: number): Promise<Figures> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const latencies: number[] = [];
  const engines = [];
  for (const db of dbs) {
    const engine = await startJobEngine(db, {
      schema,
      log: silentLog,
      pollingIntervalSeconds: 0.5,
      concurrency: 4,
      keys: { sync: syncJobKeys(memoryKv()) },
    });
    await engine.work('sync', ({ body }) => {
      latencies.push(Date.now() - Number((body as { sentAt: number }).sentAt));
      return Promise.resolve({ kind: 'done' });
    });
    engines.push(engine);
  }
  const engine = engines[0]!;
  const total = rate * SECONDS;
  const cpu = process.cpuUsage();
  const started = Date.now();
  const pushes: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    pushes.push(
      engine.queue('sync').push([{ kind: 'pair-sync', taskId: String(i), origin: 'reconcile', sentAt: Date.now() }]),
    );
  }
  await Promise.all(pushes);
  while (latencies.length < total && Date.now() - started < (SECONDS + 60) * 1000) await sleep(20);
  const used = process.cpuUsage(cpu);
  for (const each of engines) await each.stop({ timeoutMs: 1000 });
  await dbs[0]!.exec(`DROP SCHEMA ${schema} CASCADE`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    engine: label,
    instances: dbs.length,
    rate,
    jobs: latencies.length,
    cpuMsPerJob: (used.user + used.system) / 1000 / total,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

export async function benchServiceQueue(): Promise<void> {
  // PGlite is one process's database: a second instance cannot open it, so it runs as one.
  const targets: { label: string; instances: number; open: () => Promise<SqlDb> }[] = [
    { label: 'PGlite', instances: 1, open: () => openDatabase({ dataDir: 'memory://' }) },
  ];
  const url = process.env.TEST_DATABASE_URL;
  if (url)
    for (const instances of [1, 2]) targets.push({ label: 'PostgreSQL', instances, open: () => openDatabase({ url }) });
  else console.log('service queue on PostgreSQL: skipped, TEST_DATABASE_URL is not set');
  const rows: Figures[] = [];
  for (const target of targets) {
    const dbs: SqlDb[] = [];
    for (let i = 0; i < target.instances; i++) dbs.push(await target.open());
    for (const rate of RATES) rows.push(await measure(target.label, dbs, rate));
    for (const db of dbs) await db.close();
  }
  console.log(
    '\nService queue (pg-boss, 4 jobs at once per instance, empty handler): cost per job and push-to-handler latency',
  );
  console.log('For scale: one Bitrix24 call takes 100-300 ms, and a portal allows 2 calls/s.');
  console.table(
    rows.map((r) => ({
      engine: r.engine,
      instances: r.instances,
      'jobs/s': r.rate,
      jobs: r.jobs,
      'CPU ms/job': r.cpuMsPerJob.toFixed(2),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
    })),
  );
}

if (require.main === module) {
  benchServiceQueue().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
