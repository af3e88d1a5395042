/** Placeholder until its issue lands: accepts the sync queue job and does nothing yet. */
export function onSyncJob(_event: unknown, _context?: unknown): Promise<void> {
  console.info(JSON.stringify({ handler: 'onSyncJob', message: 'received; not implemented yet' }));
  return Promise.resolve();
}
