/**
 * The resolver call names per function key, for the local platform's `info().resolvers` and the sandbox. Kept
 * next to the definitions; a test checks each name is defined.
 */
export const SETTINGS_CALLS = [
  'getAccess',
  'getConnection',
  'saveConnection',
  'testConnection',
  'getAuthorizeUrl',
  'completeOAuth',
  'bindEvents',
  'getWorkgroupAccess',
  'saveWorkgroupAccess',
  'getMapping',
  'saveMapping',
  'getPeople',
  'savePeople',
  'getActivity',
  'retry',
  'getMigration',
  'startMigration',
  'migrationDryRun',
  'pauseMigration',
  'resumeMigration',
  'cancelMigration',
] as const;

export const ISSUE_CALLS = ['getLinkedTask', 'syncNow', 'linkTask', 'unlink', 'createInB24'] as const;

export const RESOLVER_CALLS: Record<string, string[]> = {
  'settings-resolver-fn': [...SETTINGS_CALLS],
  'issue-resolver-fn': [...ISSUE_CALLS],
};
