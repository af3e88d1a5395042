/**
 * Every storage key the app writes, in one place (design §5). Keys are deterministic so the hot path reads by
 * `get`, never by the eventually consistent prefix query; Forge KVS keys may not contain `/`.
 */
const safe = (part: string): string => part.replace(/[^a-zA-Z0-9._-]/g, '_');

export const keys = {
  taskLink: (taskId: string) => `link:b24:${safe(taskId)}`,
  taskLinkPrefix: () => 'link:b24:',
  /** The survivor of a pair dissolved by a delete: never paired again by itself (only on a person's request). */
  dissolved: (side: 'b24' | 'jira', id: string) => `dissolved:${side}:${safe(id)}`,
  /** An entity a person unlinked: never paired again by itself, whatever markers or events say. */
  unlinked: (side: 'b24' | 'jira', id: string) => `unlinked:${side}:${safe(id)}`,
  /**
   * The app sent a tasks.task.add for this issue and has not linked its reply yet: only then may a task carrying the
   * issue's id in XML_ID be taken as the one it made (anyone may write XML_ID). The single path and the migration share it.
   */
  taskAddSent: (issueId: string) => `msent:jira:${safe(issueId)}`,
  /** Who makes the marker-sealing key (marker-seal.ts): claimed once, so two first jobs cannot make two keys. */
  markerSealClaim: () => 'marker-seal-claim',
  /** Reconciliation's sweep of links for tasks that are gone: where it resumes and when the next one starts. */
  linkSweepCursor: () => 'reconcile-links',
  issueLink: (issueId: string) => `link:jira:${safe(issueId)}`,
  pairState: (taskId: string, issueId: string) => `state:${safe(taskId)}-${safe(issueId)}`,
  intent: (side: 'b24' | 'jira', id: string) => `intent:${side}:${safe(id)}`,
  b24CommentLink: (taskId: string, commentRef: string) => `clink:b24:${safe(taskId)}-${safe(commentRef)}`,
  jiraCommentLink: (issueId: string, commentId: string) => `clink:jira:${safe(issueId)}-${safe(commentId)}`,
  commentClaim: (side: 'b24' | 'jira', parentId: string, ref: string) =>
    `cclaim:${side}:${safe(parentId)}-${safe(ref)}`,
  commentIntent: (side: 'b24' | 'jira', parentId: string, fingerprint: string) =>
    `cintent:${side}:${safe(parentId)}-${safe(fingerprint)}`,
  /** Attachment ⇄ attachment: a Jira attachment id and the Bitrix24 task attachment id it became (or came from). */
  jiraFileLink: (issueId: string, attachmentId: string) => `flink:jira:${safe(issueId)}-${safe(attachmentId)}`,
  b24FileLink: (taskId: string, fileId: string) => `flink:b24:${safe(taskId)}-${safe(fileId)}`,
  fileClaim: (side: 'b24' | 'jira', parentId: string, ref: string) => `fclaim:${side}:${safe(parentId)}-${safe(ref)}`,
  /** A Drive object the sync is attaching to a task (a Jira file's copy), so that task's event does not copy it back. */
  fileIntent: (taskId: string, driveObjectId: string) => `fintent:b24:${safe(taskId)}-${safe(driveObjectId)}`,
  /** A Bitrix24 file the sync decided never to copy (over the size cap, or gone): not looked up again. */
  skippedB24File: (taskId: string, attachmentId: string) => `fskip:b24:${safe(taskId)}-${safe(attachmentId)}`,
  /** The root folder of the Drive storage Jira files are uploaded to, per owner (`user-<id>` or `app`). */
  uploadFolder: (owner: string) => `b24-folder:${safe(owner)}`,
  projectConfig: (projectKey: string) => `config:${safe(projectKey)}`,
  projectIndex: () => 'config-index',
  connection: () => 'connection',
  /** The site admin's list of which workgroups may pair with which projects (absent on installs that predate it). */
  workgroupAccess: () => 'workgroup-access',
  /** Set (for a day) when reconciliation last journalled that a project's workgroup is not listed for it. */
  notListedNotice: (projectKey: string) => `not-listed:${safe(projectKey)}`,
  lastB24Event: () => 'b24-last-event',
  /** The offline-event drain's process_id while it holds reserved records (app/intake/offline-drain.ts). */
  offlineProcess: () => 'b24-offline-process',
  /** The five-minute watch: the newest Bitrix24 change it has seen and when it last looked. */
  b24Watch: () => 'b24-watch',
  /** The last failed OAuth token refresh, cleared by the next one that works (health on the Connection tab). */
  oauthRefreshFailure: () => 'health-oauth-refresh',
  jiraOAuthRefreshFailure: () => 'health-oauth-refresh-jira',
  userByB24: (b24UserId: string) => `users:b24:${safe(b24UserId)}`,
  userByJira: (accountId: string) => `users:jira:${safe(accountId)}`,
  userMatchReport: () => 'users-report',
  journalPrefix: (projectKey: string) => `journal:${safe(projectKey)}:`,
  /** Newest first under a prefix query: the time part counts down. */
  journalEntry: (projectKey: string, at: number, seq: string) =>
    `journal:${safe(projectKey)}:${String(9_999_999_999_999 - at).padStart(13, '0')}-${safe(seq)}`,
  migration: (projectKey: string) => `migration:${safe(projectKey)}`,
  reconcileCursor: (projectKey: string) => `reconcile:${safe(projectKey)}`,
  /** A job that ran out of retries (the remote stayed down): reconciliation queues it again. */
  gaveUpPrefix: () => 'gaveup:',
  gaveUp: (jobKey: string) => `gaveup:${safe(jobKey)}`,
  /** What a reconciliation spanning invocations has seen so far (its continuation events carry only a position). */
  reconcileRun: (projectKey: string) => `reconcile-run:${safe(projectKey)}`,
} as const;

/** Secret storage keys (kvs.setSecret): credentials never live under a plain key. */
export const secretKeys = {
  b24Credentials: () => 'b24-credentials',
  applicationToken: () => 'b24-application-token',
  /** The key that seals the app's issue markers (marker-seal.ts). */
  markerSeal: () => 'marker-seal-key',
} as const;
