/**
 * The export map: exactly the handlers manifest.yml names (`handler: index.<name>`), nothing else.
 */
export { onJiraEvent } from './entry/jira-trigger';
export { onB24Event } from './entry/b24-webtrigger';
export { onSyncJob } from './entry/sync-consumer';
export { onMigrationJob } from './entry/migration-consumer';
export { onReconcile } from './entry/reconcile';
export { onEventWatch } from './entry/event-watch';
export { settingsResolver } from './entry/settings-resolver';
export { issueResolver } from './entry/issue-resolver';
