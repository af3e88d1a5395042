/** Placeholder until its issue lands: accepts the migration queue job and does nothing yet. */
export function onMigrationJob(_event: unknown, _context?: unknown): Promise<void> {
  console.info(JSON.stringify({ handler: 'onMigrationJob', message: 'received; not implemented yet' }));
  return Promise.resolve();
}
