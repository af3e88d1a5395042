/** Placeholder until its issue lands: accepts the Jira product event and does nothing yet. */
export function onJiraEvent(_event: unknown, _context?: unknown): Promise<void> {
  console.info(JSON.stringify({ handler: 'onJiraEvent', message: 'received; not implemented yet' }));
  return Promise.resolve();
}
