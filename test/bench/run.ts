/** `npm run bench`: measurements, not pass/fail tests. Each bench prints its own table. */
async function main(): Promise<void> {
  console.log('No benchmarks are registered yet.');
  return Promise.resolve();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
