import { runModel } from './run';
it('quick', async () => {
  const started = Date.now();
  await runModel({ seed: Number(process.env.SEED ?? 1), numRuns: Number(process.env.RUNS ?? 3), ...(process.env.FCPATH ? { path: process.env.FCPATH } : {}) });
  console.log(`took ${Date.now() - started} ms`);
}, 600_000);
