/**
 * Instances behind a load balancer are started together, on a database none of them has seen: every one of them
 * must come up, creating the queues and schedules once between them. pg-boss creates a queue in one statement
 * that locks the queue table and then the job table, so two instances creating different queues at once can
 * deadlock, and PostgreSQL aborts one of them.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, type SqlDb } from '../../../src/adapters/sql/db';
import { startJobEngine } from '../../../src/adapters/pgboss/engine';
import type { JobEngine } from '../../../src/service/engines';
import { silentLog } from './support';

const url = process.env.TEST_DATABASE_URL;

if (url) {
  describe('job engines starting together on a fresh PostgreSQL schema', () => {
    let db: SqlDb;
    const schemas: string[] = [];
    const engines: JobEngine[] = [];

    beforeAll(async () => {
      db = await openDatabase({ url, poolSize: 12 });
    });

    afterAll(async () => {
      for (const engine of engines) await engine.stop({ timeoutMs: 1000 });
      for (const schema of schemas) await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    });

    it('all start, with their schedules, however their queue creations interleave', async () => {
      for (let round = 0; round < 6; round += 1) {
        const schema = `start_${randomBytes(4).toString('hex')}`;
        schemas.push(schema);
        const started = await Promise.allSettled(
          [0, 1, 2].map(async () => {
            const engine = await startJobEngine(db, { schema, log: silentLog, maintenanceIntervalSeconds: 60 });
            engines.push(engine);
            for (const name of ['reconcile', 'event-watch', 'offline-events'])
              await engine.schedule(name, '7 * * * *', () => Promise.resolve());
          }),
        );
        expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
      }
    }, 120_000);
  });
} else {
  describe.skip('job engines starting together on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('all start', () => undefined);
  });
  console.warn('job engines starting together on PostgreSQL: skipped, TEST_DATABASE_URL is not set');
}
