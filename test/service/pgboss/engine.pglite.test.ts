import { openDatabase } from '../../../src/adapters/sql/db';
import { describeJobEngine } from './engine-conformance';

jest.setTimeout(30_000);

describeJobEngine('PGlite', async () => {
  const db = await openDatabase({ dataDir: 'memory://' });
  return { db, dispose: async (schema) => db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
});
