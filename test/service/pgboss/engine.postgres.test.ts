import { openDatabase } from '../../../src/adapters/sql/db';
import { describeJobEngine } from './engine-conformance';

jest.setTimeout(30_000);

const url = process.env.TEST_DATABASE_URL;

if (url) {
  describeJobEngine('PostgreSQL', async () => {
    const db = await openDatabase({ url });
    return { db, dispose: async (schema) => db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
  });
} else {
  describe.skip('the job engine on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    it('runs the conformance suite', () => undefined);
  });
  console.warn('job engine on PostgreSQL: skipped, TEST_DATABASE_URL is not set');
}
