/** Placeholder until its issue lands: accepts the hourly reconciliation and does nothing yet. */
export function onReconcile(_event: unknown, _context?: unknown): Promise<void> {
  console.info(JSON.stringify({ handler: 'onReconcile', message: 'received; not implemented yet' }));
  return Promise.resolve();
}
