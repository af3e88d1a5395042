// Generated from en-US.json by test/foundation/i18n-fallback.test.ts (UPDATE=1); do not edit.
// A plain module because Forge's UI bundler turns an import of a translations JSON file into an asset URL.
import type { TextTree } from './text-tree';

export const englishFallback: TextTree = {
  "common": {
    "retry": "Retry",
    "save": "Save",
    "loading": "Loading…",
    "error": "Something went wrong",
    "saved": "Saved.",
    "remove": "Remove",
    "bitrix24": "Bitrix24"
  },
  "tabs": {
    "connection": "Connection",
    "mapping": "Mapping",
    "people": "People",
    "activity": "Activity",
    "migration": "Migration"
  },
  "connection": {
    "heading": "Bitrix24 portal",
    "portal": "Portal address",
    "mode": "Authentication",
    "webhook": "Incoming webhook",
    "oauth": "OAuth 2.0 local application",
    "webhookUrl": "Incoming webhook URL",
    "clientId": "Client id",
    "clientSecret": "Client secret",
    "applicationToken": "Application token (incoming events)",
    "replace": "Replace",
    "keep": "Leave empty to keep the stored value",
    "test": "Test connection",
    "bind": "Register events",
    "eventUrl": "Event URL for Bitrix24",
    "notAdmin": "Only Jira administrators may change the connection.",
    "ok": "The connection works.",
    "scopesPresent": "Scopes present",
    "scopesMissing": "Scopes missing",
    "actingUser": "Acting user",
    "code": "Authorisation code",
    "authorise": "Authorise",
    "bound": "bound",
    "notBound": "not bound",
    "authorizeLink": "Approve the app in Bitrix24",
    "authorizeHint": "After approving, Bitrix24 redirects to the app; paste the code from that address (code=…) or the whole address here within 30 seconds.",
    "authorised": "Connected to",
    "lastEvent": "Last verified event",
    "noEvents": "No verified event has arrived yet. Save the outgoing webhook in Bitrix24, then change a task to check.",
    "eventsHint": "Paste this address into a Bitrix24 outgoing webhook (Developer resources → Other → Outgoing webhook) for the task events.",
    "refresh": "Check again",
    "or": "or",
    "events": "How changes arrive",
    "eventsOnline": "Online: Bitrix24 calls the event URL",
    "eventsOffline": "Offline: the service reads the portal's queue",
    "offlineHint": "Bitrix24 keeps each changed task and comment in its offline queue, and the service reads it every minute: nothing needs to reach the service from the portal. Needs the OAuth application approved by a Bitrix24 administrator; then Register events."
  },
  "health": {
    "notConnected": "Bitrix24 is not connected yet.",
    "eventsArriving": "Events from Bitrix24 arrive: the last one ({event}) at {at}.",
    "eventsSilent": "No event from Bitrix24 since {since}. Meanwhile the app looks for changes itself every {everyMinutes, plural, one {minute} other {# minutes}}[, last check {checkedAt}][, last change picked up {foundAt}].",
    "eventsNever": "No event from Bitrix24 has arrived since the portal was connected ({since}). Meanwhile the app looks for changes itself every {everyMinutes, plural, one {minute} other {# minutes}}[, last check {checkedAt}][, last change picked up {foundAt}].",
    "oauthRefreshFailing": "Bitrix24 has refused to renew the app's access since {since} (last try {lastAt}, {reason}).",
    "jobsGaveUp": "{count, plural, one {# sync job} other {# sync jobs}} gave up in the last {days, plural, one {# day} other {# days}} ({projects}).",
    "appUninstalled": "The app was uninstalled from the Bitrix24 portal at {at}: sync has stopped. Nothing was deleted: pairs, mappings and the activity log are kept.",
    "memberIdUnknown": "The connection does not know the portal's member_id, so every event from Bitrix24 is refused and changes made there reach Jira only through the app's own checks."
  },
  "healthFix": {
    "notConnected": "Enter the portal address and the webhook or OAuth application below, save, then press Test connection.",
    "eventsSilent": "If tasks changed since then, check in Bitrix24 that the outgoing webhook (or Register events, for OAuth) sends the task events to the event URL above with this application token. Changes still reach Jira within about 15 minutes, just later.",
    "eventsNever": "Save an outgoing webhook in Bitrix24 for the task events with the event URL above (or press Register events, for OAuth), enter its application token here, then change a task to check. Until then changes reach Jira within about 15 minutes.",
    "oauthRefreshFailing": "Approve the app in Bitrix24 again (OAuth 2.0 below: Approve the app in Bitrix24, then paste the code). Until then nothing syncs to or from Bitrix24.",
    "jobsGaveUp": "Open the Activity tab with Errors only, fix the cause each entry names, then press Retry on it.",
    "appUninstalled": "Install the app in Bitrix24 again, then approve it with the authorisation link on this tab (OAuth) or save the incoming webhook again: sync resumes where it stopped.",
    "memberIdUnknown": "Enter the portal's member_id below and save. An incoming webhook cannot ask Bitrix24 for it: it is the member_id Bitrix24 sends with every event of your outgoing webhook. Or connect with OAuth, which learns it when you approve the app."
  },
  "mapping": {
    "heading": "Mapping",
    "group": "Bitrix24 workgroup",
    "statuses": "Statuses",
    "jiraStatus": "Jira status",
    "b24Status": "Bitrix24 status",
    "direction": "Direction",
    "fields": "Fields",
    "field": "Field",
    "priorities": "Priorities",
    "timeZone": "Portal time zone",
    "endOfDay": "End of day",
    "deletePolicy": "When a task or issue is deleted",
    "problems": "Fix these problems",
    "notInWorkflow": "not in this project's workflow",
    "b24Priority": "Bitrix24 priority",
    "jiraPriority": "Jira priority",
    "addPriority": "Add priority row",
    "customFields": "Custom fields",
    "b24Field": "Bitrix24 field (UF_…)",
    "jiraField": "Jira field",
    "pickJiraField": "Choose a field on this project's screen",
    "notOnScreen": "not on this project's screen",
    "converter": "Value type",
    "noCustomFields": "No custom fields are paired.",
    "addCustomField": "Add custom field pair"
  },
  "people": {
    "heading": "People",
    "matched": "Matched",
    "unmatchedB24": "Only in Bitrix24",
    "unmatchedJira": "Only in Jira",
    "by": "Matched by",
    "override": "Override",
    "fallback": "When nobody matches",
    "leaveUnchanged": "Leave the field unchanged",
    "overrides": "Overrides",
    "b24User": "Bitrix24 user",
    "jiraUser": "Jira user",
    "addOverride": "Add override",
    "defaultUsers": "Use default users",
    "defaultB24": "Default Bitrix24 user",
    "defaultJira": "Default Jira user",
    "pickB24": "Choose a Bitrix24 user",
    "pickJira": "Choose a Jira user",
    "noOverrides": "No overrides yet.",
    "incomplete": "Choose both users first."
  },
  "activity": {
    "heading": "Activity",
    "errorsOnly": "Errors only",
    "thisWeek": "This week",
    "time": "Time",
    "direction": "Direction",
    "entity": "Entity",
    "fields": "Fields",
    "outcome": "Outcome",
    "chart": "Synced changes and errors per day",
    "empty": "Nothing synced yet.",
    "noMatch": "No entries match these filters.",
    "retried": "Queued again: the failed work is retried in the background."
  },
  "migration": {
    "heading": "Initial migration",
    "explain": "The migration pairs what existed before the app was connected: every task of the paired Bitrix24 workgroup gets a Jira issue in this project, and every issue of this project gets a Bitrix24 task. It runs in the background, one page at a time.",
    "safe": "It is safe to run twice: whatever is already paired is skipped, so a second run creates no duplicates and only pairs what is new.",
    "start": "Start migration",
    "startAgain": "Run again",
    "resume": "Resume migration",
    "refresh": "Refresh",
    "never": "The migration has not been run for this project yet.",
    "state": "State",
    "states": {
      "running": "running",
      "done": "done",
      "failed": "failed"
    },
    "stalled": "This run has not moved for more than 30 minutes. Resume it to continue from where it stopped.",
    "tasksListed": "Bitrix24 tasks listed",
    "tasksLinked": "Tasks already linked",
    "issuesListed": "Jira issues listed",
    "issuesLinked": "Issues already linked",
    "enqueued": "Sync jobs enqueued",
    "started": "Started",
    "finished": "Finished",
    "error": "The migration stopped"
  },
  "migrationRun": {
    "dryRun": "Dry run",
    "pause": "Pause",
    "resumeRun": "Resume",
    "cancel": "Cancel run",
    "states": {
      "paused": "paused",
      "cancelled": "cancelled"
    },
    "pausedNote": "The run is paused: no new page is started. What was already queued finishes pairing; Resume continues from the last recorded page.",
    "cancelledNote": "The run was cancelled: what it paired stays paired and nothing is half-made. Run it again to pair the rest.",
    "phases": {
      "tasks": "Bitrix24 tasks",
      "issues": "Jira issues"
    },
    "phaseCount": "{done} of {total}",
    "phaseUnknown": "{done} so far (a dry run tells the total)",
    "eta": "About {time} left.",
    "etaUnknown": "Run a dry run to see an estimate of the time left.",
    "duration": {
      "seconds": "{s} s",
      "minutes": "{m} min",
      "hours": "{h} h {m} min"
    },
    "dry": {
      "never": "No dry run yet: it reads both sides, writes nothing, and tells what a run would do and cost.",
      "heading": "Dry run report",
      "running": "The dry run is reading both sides. Refresh to see its report.",
      "stalled": "The dry run has not moved for more than 5 minutes. Run it again.",
      "failed": "The dry run stopped before it finished",
      "again": "A remote service refused or failed; run the dry run again.",
      "scopeCaption": "What a run would find and do",
      "tasks": "Bitrix24 tasks",
      "issues": "Jira issues",
      "rows": {
        "inScope": "In scope",
        "byLink": "Already paired",
        "byMarker": "Paired by the app's marker",
        "toCreate": "Get a new partner on the other side"
      },
      "people": "People who will not map",
      "statuses": "Statuses that will not map",
      "name": "Name",
      "side": "Where",
      "count": "Entities",
      "sides": {
        "b24": "Bitrix24",
        "jira": "Jira"
      },
      "everyoneMaps": "Everyone in scope has a counterpart on the other side.",
      "everyStatusMaps": "Every status in scope maps.",
      "prediction": "Predicted: {total, plural, one {# REST call} other {# REST calls}} ({jira} to Jira, {b24} to Bitrix24), about {time} under both services' limits."
    }
  },
  "panel": {
    "task": "Bitrix24 task",
    "status": "Status",
    "responsible": "Responsible",
    "deadline": "Deadline",
    "open": "Open in Bitrix24",
    "lastSync": "Last sync",
    "never": "Not synced yet",
    "syncNow": "Sync now",
    "link": "Link to an existing task",
    "taskRef": "Task number or link",
    "unlink": "Unlink",
    "create": "Create in Bitrix24",
    "notLinked": "This issue is not linked to a Bitrix24 task.",
    "recent": "Recent sync activity",
    "queued": "Queued: the sync runs in a few seconds.",
    "readOnly": "You may view this issue but not edit it, so syncing and linking are not available to you."
  },
  "outcome": {
    "synced": "synced",
    "skipped": "skipped",
    "conflict": "conflict",
    "warning": "warning",
    "failed": "failed"
  },
  "b24status": {
    "2": "Pending",
    "3": "In progress",
    "4": "Awaiting control",
    "5": "Completed",
    "6": "Deferred"
  },
  "b24priority": {
    "0": "Low",
    "1": "Medium",
    "2": "High"
  },
  "converter": {
    "string": "text",
    "number": "number",
    "date": "date",
    "enumeration": "list"
  },
  "policy": {
    "heading": "When both sides changed a field",
    "default": "Default for every field",
    "asDefault": "As default",
    "latest-wins": "The later change wins",
    "b24-wins": "Bitrix24 wins",
    "jira-wins": "Jira wins"
  },
  "field": {
    "title": "Title",
    "description": "Description",
    "assignee": "Assignee",
    "reporter": "Reporter",
    "dueDate": "Due date",
    "priority": "Priority",
    "status": "Status"
  },
  "deletes": {
    "close": "Close the other side",
    "delete": "Delete the other side too",
    "unlink": "Only unlink the pair"
  },
  "operation": {
    "fields": "fields",
    "create": "create",
    "update": "update",
    "delete": "delete",
    "comment": "comment",
    "status": "status",
    "link": "link",
    "unlink": "unlink",
    "migration": "migration",
    "attachment": "attachment",
    "sync": "sync",
    "held-back": "held back",
    "comment-delete": "comment deleted",
    "comment-edit": "comment edited",
    "attachment-delete": "attachment deleted",
    "migration-page": "migration page",
    "issue-changed": "issue changed",
    "issue-deleted": "issue deleted",
    "jira-attachment": "Jira attachment",
    "jira-comment": "Jira comment",
    "pair-sync": "pair sync",
    "task-changed": "task changed",
    "task-deleted": "task deleted",
    "workgroup-access": "workgroup list",
    "offline-event": "offline event"
  },
  "journal": {
    "task": "task",
    "byEmail": "e-mail"
  },
  "errors": {
    "config": {
      "invalid": "{path}: the value is not valid.",
      "fieldUnknown": "Field \"{field}\" is not a field the sync knows; use one of {known}.",
      "fieldTwice": "Field \"{field}\" is mapped more than once; keep one row per field.",
      "customB24Field": "Custom field pair {b24Field} ⇄ {jiraField}: \"{b24Field}\" is not a Bitrix24 user field name such as UF_AUTO_123.",
      "customJiraField": "Custom field pair {b24Field} ⇄ {jiraField}: \"{jiraField}\" is not a Jira custom field id such as customfield_10042.",
      "customConverter": "Custom field pair {b24Field} ⇄ {jiraField} has an unknown value type \"{converter}\"; choose text, number, date or list.",
      "customTwice": "Custom field pair {b24Field} ⇄ {jiraField} repeats a field another pair already maps.",
      "conflictField": "The conflict policy names field \"{field}\", which no mapping defines.",
      "b24StatusUnknown": "Bitrix24 status \"{status}\" does not exist; use 2 pending, 3 in progress, 4 awaiting control, 5 completed or 6 deferred.",
      "statusNotSettable": {
        "1": "Bitrix24 status 1 (new, legacy) cannot be set through the action methods; make the row \"{jiraStatus}\" Bitrix24 → Jira.",
        "4": "Bitrix24 status 4 (awaiting control) is reached only when an assignee completes a task under control, so it cannot be set from Jira; make the row \"{jiraStatus}\" Bitrix24 → Jira.",
        "7": "Bitrix24 status 7 (declined, legacy) cannot be set through the action methods; make the row \"{jiraStatus}\" Bitrix24 → Jira."
      },
      "jiraOnlyDirection": "Jira status \"{jiraStatus}\" has no Bitrix24 status, so it cannot be reached from Bitrix24; set its direction to Jira → Bitrix24.",
      "jiraOnlyField": "Jira-only status \"{jiraStatus}\" needs a Bitrix24 user field (such as UF_JIRA_STATUS) to be written to.",
      "jiraOnlyHold": "Jira-only status \"{jiraStatus}\" needs the Bitrix24 status the task keeps meanwhile (2, 3 or 6).",
      "statusTwoB24": "Bitrix24 statuses {previous} and {target} are both mapped {direction} to Jira status \"{jiraStatus}\", so a move to \"{jiraStatus}\" in Jira has two possible Bitrix24 statuses.",
      "statusTwoJira": "Jira statuses \"{previous}\" and \"{target}\" are both mapped from Bitrix24 status {status}, so a move to {status} in Bitrix24 has two possible Jira statuses.",
      "jiraStatusUnreachable": "Jira status \"{jiraStatus}\" is unreachable from Jira: no row maps it to Bitrix24, so moving an issue to it would never move the task; make the row ↔ or add a Jira → Bitrix24 row.",
      "priorityTwoB24": "Jira priority \"{jiraPriority}\" is mapped to both Bitrix24 priorities {first} and {second}.",
      "priorityTwoJira": "Bitrix24 priority {b24Priority} is mapped to both Jira priorities \"{first}\" and \"{second}\"; keep one ↔ row and make the others Jira → Bitrix24.",
      "b24UserTwice": "Bitrix24 user {user} is mapped twice; a person can have only one Jira account.",
      "jiraUserTwice": "Jira account {user} is mapped twice; a person can have only one Bitrix24 user.",
      "timeZone": "\"{value}\" is not an IANA time zone such as Europe/Berlin.",
      "endOfDay": "End-of-day time \"{value}\" is not a time of day written HH:MM, such as 18:00."
    },
    "b24": {
      "notConnected": "No Bitrix24 portal is connected yet.",
      "notAuthorised": "The OAuth application is not authorised yet: open the authorisation link and approve it in Bitrix24.",
      "unexpected": "Bitrix24 could not be reached: an unexpected error occurred.",
      "network": "The portal is unreachable: check the address and that the portal is online.",
      "timeout": "The portal is unreachable: check the address and that the portal is online.",
      "unauthorized": "Bitrix24 refused the credentials: the webhook secret or the OAuth client secret is wrong, or the access was revoked.",
      "payment-required": "The portal's plan does not allow REST access (payment required): renew or upgrade the Bitrix24 plan.",
      "scope": "The webhook or application lacks a permission (scope) the app needs.",
      "forbidden": "Bitrix24 denied access: on an unpaid or free plan REST access may be blocked, or the user lacks rights.",
      "rate-limited": "Bitrix24 is limiting requests right now: try again in a minute.",
      "server-error": "Bitrix24 answered with a server error: try again later.",
      "not-found": "Bitrix24 does not know this address or method: check the portal address.",
      "rejected": "Bitrix24 rejected the request ({code}).",
      "missingScope": {
        "webhook": "Missing scope: the webhook needs permission for {scopes}. Edit its permissions in Bitrix24 and test again.",
        "application": "Missing scope: the application needs permission for {scopes}. Edit its permissions in Bitrix24 and test again."
      }
    },
    "refused": {
      "UNCHECKED": "Jira could not be asked whether you may do this (busy, out of reach, or refusing the app's credentials), so nothing was done. Try again in a minute; if it persists, check the connection to Jira.",
      "ADMINISTER": "Only Jira administrators may change the Bitrix24 connection.",
      "ADMINISTER_PROJECTS": "Only administrators of this project may view or change its Bitrix24 sync settings.",
      "BROWSE_PROJECTS": "You do not have permission to see this project.",
      "EDIT_ISSUES": "You may see this issue but not edit it, so you cannot sync, link or unlink it."
    },
    "context": {
      "login": "You need to be logged in to Jira.",
      "project": "Open this page from a Jira project.",
      "issue": "Open this panel from a Jira issue.",
      "issueRefused": "Open this panel from an issue you can see in this project."
    },
    "busy": "A remote service is busy or unreachable right now. Try again in a minute.",
    "internal": "Something went wrong on our side. Try again; if it keeps failing, check the Activity tab.",
    "mapping": {
      "notSaved": "The mapping was not saved: {count, plural, one {# problem} other {# problems}} to fix.",
      "otherProject": "The mapping was not saved: it belongs to another project than {project}.",
      "unknown": "The mapping was not saved: it names a project or workgroup that does not exist, or a workgroup already paired with another project.",
      "notSavedBecause": "The mapping was not saved: {reason:errors}",
      "editsProject": "This page edits {project}.",
      "noProject": "Jira has no project {project}.",
      "noGroup": "Bitrix24 has no workgroup {group}, or the app may not see it.",
      "groupTaken": "Workgroup {group} is already paired with project {project}.",
      "groupNotListed": "The mapping was not saved: workgroup {group} is not listed for project {project} on the Connection tab; a Jira administrator can list it there.",
      "notListed": "Workgroup {group} is not listed for project {project} on the Connection tab. A Jira administrator can list it there; until then this pairing is not synced or migrated."
    },
    "people": {
      "notSaved": "The people settings were not saved.",
      "notSavedBecause": "The people settings were not saved: {reason:errors}",
      "mappingFirst": "Save the mapping for this project first: people are matched for a paired project.",
      "b24Twice": "Bitrix24 user {user} is mapped twice.",
      "jiraTwice": "Jira user {user} is mapped twice.",
      "notB24Id": "\"{user}\" is not a Bitrix24 user id (a number such as 12).",
      "noB24User": "Bitrix24 has no user with id {user}.",
      "b24Deactivated": "Bitrix24 user {user} ({name}) is deactivated.",
      "noJiraAccount": "Jira has no account {account}.",
      "jiraNotPerson": "Jira account {account} ({name}) is not a person.",
      "jiraDeactivated": "Jira account {account} ({name}) is deactivated.",
      "unknown": "The people settings were not saved: some people do not exist."
    },
    "jira": {
      "unexpected": "Jira could not be reached: an unexpected error occurred.",
      "not-found": "Jira does not know this project or issue, or you may not see it.",
      "forbidden": "Jira refused the request: the app lacks permission for it.",
      "rate-limited": "Jira is limiting requests right now: try again in a minute.",
      "rejected": "Jira rejected the request ({code})."
    },
    "invalidInput": "The request was not understood.",
    "invalidInputAt": "The request was not understood ({path}).",
    "noAnswer": "The app did not answer. Check your connection and try again.",
    "panel": {
      "taskGone": "Task {task} no longer exists in Bitrix24 or the app may not see it.",
      "outsideGroup": "Task {task} is not in the Bitrix24 workgroup paired with this project, so it is not shown here and cannot be linked.",
      "notLinked": "This issue is not linked to a Bitrix24 task.",
      "projectNotPaired": "Project {project} is not paired with a Bitrix24 workgroup; a project administrator can pair it on the settings page.",
      "taskReference": "Enter a task number (e.g. 123) or a task link copied from Bitrix24.",
      "unlinkFirst": "This issue is already linked; unlink it first.",
      "taskLinkedTo": "Task {task} is already linked to {issue}.",
      "taskLinkedElsewhere": "Task {task} is already linked to another issue.",
      "taskMissing": "Task {task} does not exist in Bitrix24 or the app may not see it.",
      "alreadyLinked": "This issue is already linked to a Bitrix24 task."
    },
    "events": {
      "webhookOnly": "Events can be registered only for an OAuth application. For an incoming webhook, create an outgoing webhook in Bitrix24 that sends the task events to the URL shown on this tab."
    },
    "oauth": {
      "saveClientFirst": "Save the portal address, client id and client secret first.",
      "unreachable": "The Bitrix24 authorisation server is unreachable: try again in a minute.",
      "refused": "Bitrix24 refused the authorisation: the code expired (it is valid for 30 seconds) or the client secret is wrong.",
      "otherPortal": "The authorisation came from {domain}, not from the connected portal {portal}.",
      "notAddress": "The pasted address is not a web address; paste the code or the whole address Bitrix24 opened.",
      "noCode": "The pasted address has no code=… part; approve the app again and paste the new address.",
      "staleState": "This authorisation did not start from this page (or started too long ago); use \"Approve the app in Bitrix24\" again."
    },
    "activity": {
      "entryGone": "This journal entry no longer exists (entries are kept for 30 days).",
      "notFailed": "Only failed entries can be retried.",
      "noRetryJob": "This entry cannot be retried: it did not keep the work that failed. Use \"Sync now\" on the issue instead."
    },
    "migration": {
      "notPaired": "This project is not paired with a Bitrix24 workgroup yet: choose the workgroup on the Mapping tab and save, then start the migration.",
      "nothingToPause": "There is no running migration to pause.",
      "nothingToCancel": "There is no running or paused migration to cancel.",
      "nothingToResume": "There is no paused migration to resume.",
      "unpaired": "The project is no longer paired with a Bitrix24 workgroup.",
      "pageLost": "A page of the migration was lost; start the migration again to resume.",
      "notListed": "Project {project} is paired with the Bitrix24 workgroup {group}, which the Connection tab does not list for this project, so nothing of it is synced or migrated. A Jira administrator can list the workgroup for {project} on the Connection tab, or a project administrator can pair the project with a listed workgroup on the Mapping tab."
    },
    "connection": {
      "webhookMissing": "Enter the incoming webhook URL from Bitrix24 (Developer resources → Other → Incoming webhook).",
      "webhookShape": "The webhook URL must look like https://<portal>/rest/<user id>/<secret>/.",
      "webhookOtherPortal": "The webhook URL belongs to {portal}, not to {domain}.",
      "oauthClientMissing": "Enter the client id and client secret of the Bitrix24 local application.",
      "offlineNotHere": "Offline events need the self-hosted service, which reads the portal's queue on a schedule; this app receives events at its event URL only. Choose online events.",
      "offlineNeedsApp": "Offline events need the Bitrix24 local application (OAuth): an incoming webhook cannot read the offline queue. Choose OAuth, or online events."
    },
    "portal": {
      "missing": "Enter the portal address, for example acme.bitrix24.com.",
      "notAddress": "\"{input}\" is not a web address; enter it like acme.bitrix24.com.",
      "notCloud": "{host} is not a Bitrix24 cloud portal. The app can only reach portals in Bitrix24's cloud (*.bitrix24.com, .ru, .de, .eu and the other cloud zones); a self-hosted Bitrix24 is not supported by Forge's network rules.",
      "notHttps": "{input} is not an https:// address. The service reaches Bitrix24 over https only; enter the portal's https:// address."
    },
    "jobFailed": "The work failed: {detail}",
    "access": {
      "notSaved": "The list of workgroups was not saved: {count, plural, one {# problem} other {# problems}} to fix.",
      "notSavedBecause": "The list of workgroups was not saved: {reason:errors}",
      "invalid": "{path}: the value is not valid.",
      "groupTwice": "Workgroup {group} is listed twice; keep one row per workgroup.",
      "notGroupId": "\"{value}\" is not a Bitrix24 workgroup id (a number such as 1).",
      "notProjectKey": "\"{value}\" is not a Jira project key such as DEMO, or * for any project.",
      "noProjects": "Workgroup {group}: name at least one project, or * for any project."
    }
  },
  "restricted": {
    "comments": "Jira comments restricted to a role or group",
    "securedIssues": "Jira issues under an issue security level",
    "hold-back": "Keep in Jira (the Activity tab lists them)",
    "copy": "Copy to Bitrix24 (every workgroup member will read them)"
  },
  "side": {
    "b24": "Bitrix24",
    "jira": "Jira"
  },
  "policyRule": {
    "latest-wins": "latest-wins",
    "b24-wins": "b24-wins",
    "jira-wins": "jira-wins"
  },
  "notes": {
    "offlineEvent": {
      "refused": "Bitrix24's offline queue held record {id} ({event}), which is not a task change the app can read: {problem}. Nothing was queued for it; it stays on the portal marked as failed."
    },
    "conflict": "Conflict on {field}: changed on both sides; {winner:side} wins ({policy}).",
    "unmatchedB24": "{name} (Bitrix24 {id}) has no Jira account; the field was left unchanged.",
    "unmatchedJira": "{name} (Jira {id}) has no Bitrix24 account; the field was left unchanged.",
    "skipped": "{field} not written to {to:side}: {why:notes.skip}.",
    "skip": {
      "emptyInB24": "Bitrix24 cannot leave {field} empty; kept as it is",
      "noAccount": "{name} has no {to:side} account; {field} left unchanged",
      "noMapping": "{field} has no mapping",
      "notInList": "\"{value}\" is not an item of the Bitrix24 list {field}",
      "noStatusRow": "no status row carries \"{status}\" to {to:side}",
      "noPriorityRow": "no priority row carries \"{priority}\" to {to:side}",
      "outOfB24Range": "{date} is outside the dates Bitrix24 can hold ({min} to {max}); the task keeps its deadline. Set a due date in that range in Jira",
      "invisibleTitle": "the title holds only characters {to:side} cannot show, so {to:side} keeps the title it has. Give the title visible words"
    },
    "refusedByJira": "{field} not written to Jira: {value} was refused (Jira: \"{reason}\"); the field was left as it was and the rest of the change went through.",
    "titleShortened": "The title is longer than {to:side} allows ({limit} characters): the copy there was cut after a whole character, and the original keeps the full title. Shorten the title if both should read the same.",
    "controlsRemoved": "The {field} holds control characters (such as NUL or BEL) that {to:side} cannot show: they were left out of the copy there. Remove them from the {field} if both should read the same.",
    "bidiRemoved": "The {field} holds direction overrides (U+202A–U+202E, U+2066–U+2069), which can make text read in a disguised order: they were left out of the copy in {to:side}.",
    "refusedBy": "{fields} refused by {side:side}: {detail}",
    "status": {
      "hopBudget": "Gave up moving the issue to \"{target}\" after {hops, plural, one {# transition} other {# transitions}}; it is in \"{current}\".",
      "needsFields": "Transition \"{transition}\" from \"{from}\" to \"{to}\" needs {fields} on its screen; the sync cannot fill them, so move the issue by hand.",
      "unreachable": "Status \"{target}\" is unreachable from \"{current}\": the workflow offers {offered}, every one already taken on this walk.",
      "noTransitions": "Status \"{target}\" is unreachable from \"{current}\": the workflow offers none, every one already taken on this walk.",
      "awaitsCreator": "The task awaits its creator's approval; only the creator can move it to status {target}.",
      "cannotLeave": "Bitrix24 status {status} is not one the sync knows how to leave.",
      "controlOnly": "Status 4 (awaiting control) is reached only when an assignee completes a task under TASK_CONTROL; the sync cannot set it.",
      "notSettable": "Bitrix24 status {status} cannot be set through the action methods.",
      "taskControl": "TASK_CONTROL is on: the task awaits its creator's approval (status 4) before it is completed.",
      "noCompletedRow": "No status row maps Bitrix24 \"completed\" to Jira; the issue was left open."
    },
    "failed": "{detail}",
    "gaveUp": "gave up after {attempts} attempts: {detail}",
    "heldBack": {
      "secured": "Issue {issue} is under the security level \"{level}\" in Jira, so it is not synced to Bitrix24 (the project's mapping holds back restricted issues).",
      "outsideGroup": "Task {task} is not in the Bitrix24 workgroup {group} paired with project {project}, so the pair is not synced. Unlink it in the issue panel, or move the task back to the workgroup.",
      "notListed": "Project {project} is paired with the Bitrix24 workgroup {group}, which the Connection tab does not list for this project, so nothing of it is synced or migrated. A Jira administrator can list the workgroup for {project} on the Connection tab, or a project administrator can pair the project with a listed workgroup on the Mapping tab."
    },
    "deleted": {
      "b24": {
        "unlink": "Bitrix24 task {task} was deleted; issue {issue} unlinked.",
        "delete": "Bitrix24 task {task} was deleted; issue {issue} deleted.",
        "close": "Bitrix24 task {task} was deleted; issue {issue} closed.",
        "leftOpen": "Bitrix24 task {task} was deleted; issue {issue} unlinked but left open: close it by hand.",
        "unreadable": "Bitrix24 task {task} was deleted; issue {issue} could not be read (deleted too, or hidden from the app), so it was unlinked, not closed."
      },
      "jira": {
        "unlink": "Jira issue {issue} was deleted; task {task} unlinked.",
        "delete": "Jira issue {issue} was deleted; task {task} deleted.",
        "close": "Jira issue {issue} was deleted; task {task} closed.",
        "leftOpen": "Jira issue {issue} was deleted; task {task} unlinked but left open: close it by hand.",
        "unreadable": "Jira issue {issue} was deleted; task {task} could not be read (deleted too, or hidden from the app), so it was unlinked, not closed."
      }
    },
    "closeRefused": "Closing it was refused: {detail}",
    "attachment": {
      "toJira": "Attachment \"{file}\" copied to the Jira issue.",
      "toB24": "Attachment \"{file}\" copied to the Bitrix24 task.",
      "tooLargeForJira": "Attachment \"{file}\" ({size} bytes, {sizeMb} MB) was not copied to Jira: it is larger than the {cap}-byte ({capMb} MB) attachment limit.",
      "tooLargeForB24": "Attachment \"{file}\" ({size} bytes, {sizeMb} MB) was not copied to Bitrix24: it is larger than the {cap}-byte ({capMb} MB) attachment limit.",
      "goneInB24": "Attachment {id} was removed from the Bitrix24 task before it could be copied.",
      "goneInJira": "Attachment \"{file}\" was deleted in Jira before it could be copied.",
      "deletedInJira": "Attachment \"{file}\" was deleted in Jira; its copy on the Bitrix24 task is kept."
    },
    "comment": {
      "deletedInB24": {
        "delete": "Comment deleted in Bitrix24; deleted in Jira.",
        "keep": "Comment deleted in Bitrix24; kept in Jira."
      },
      "deletedInJira": {
        "delete": "Comment deleted in Jira; deleted in Bitrix24.",
        "keep": "Comment deleted in Jira; kept in Bitrix24."
      },
      "restricted": "Comment {comment} is restricted to the {kind:restrictedTo} \"{name}\" in Jira, so it was not copied to Bitrix24 (the project's mapping holds back restricted comments).",
      "secured": "Comment {comment} is on an issue under the security level \"{level}\" in Jira, so it was not copied to Bitrix24 (the project's mapping holds back restricted issues).",
      "copyRemoved": "Its earlier copy was removed from Bitrix24.",
      "inParts": "Posted in Jira in {count} numbered parts: the comment is longer than one Jira comment may be.",
      "refused": "{side:side} refused the copy of this comment: {detail}. It was not copied; change the comment so {side:side} accepts it, and the edit is copied."
    },
    "migration": {
      "page": "Migration page {page} of {side:migrationPageOf}: {listed} listed, {alreadyPaired} already paired, {created} paired now, {handedOver} finished by marker, {refused} refused in bulk and retried one by one, {failed} could not be created (see their entries).",
      "taskRefusedInBulk": "Task {id} \"{title}\" was refused by Jira's bulk create ({reason}); retried on its own.",
      "issueRefusedInBulk": "Issue {key} \"{title}\" was refused by Bitrix24's batched add ({reason}); retried on its own.",
      "taskNotCreated": "Task {id} \"{title}\" could not be created in Jira:",
      "issueNotCreated": "Issue {key} \"{title}\" could not be created in Bitrix24:"
    },
    "access": {
      "seeded": "Workgroup {group} is now listed for project {project} on the Connection tab, because the project was already paired with it when the list was created. A Jira administrator can review the list there."
    },
    "shortened": {
      "noticeEdited": "The {field} in Jira is a shortened copy of the Bitrix24 text, and its closing notice was edited or removed, so where the copy ends is unknown: the edit was not written to Bitrix24. Put the notice back at the end and edit again, or make the edit in Bitrix24, which holds the whole text.",
      "copyStale": "The {field} in Jira is a shortened copy that no longer matches the Bitrix24 text it was cut from (it changed in Bitrix24 too): the edit was not written to Bitrix24. Make the edit in Bitrix24, which holds the whole text; Jira then gets a fresh shortened copy.",
      "cutInsideBlock": "The {field} in Jira is a shortened copy that ends inside the first paragraph of the Bitrix24 text, so the edit cannot be put back in its place: it was not written to Bitrix24. Make the edit in Bitrix24, which holds the whole text.",
      "titleEndEdited": "The {field} in Jira is a shortened copy of a longer Bitrix24 title, and its end was rewritten, so where the rest of the title belongs is unknown: the edit was not written to Bitrix24. Keep the end of the summary as it was, or rename the task in Bitrix24."
    },
    "marker": {
      "linkedElsewhere": "Issue {issue} carries a marker naming task {task}, which is linked to {other}: the marker was ignored.",
      "issueLinkedElsewhere": "Issue {issue} carries a marker naming task {task}, but it is linked to task {other}: the marker was ignored.",
      "heldApart": "Issue {issue} carries a marker naming task {task}, which was unlinked: the marker was ignored.",
      "unbound": "Issue {issue} carries a marker naming task {task} that the app did not write: nothing was paired. Link the task in the issue panel, or use \"Create task\".",
      "unboundIgnored": "Issue {issue} carries a marker naming task {task} that the app did not write: the marker was ignored.",
      "outsideScope": "Issue {issue} carries a marker naming task {task}, which is in workgroup {group}, not the one paired with {project}: the marker was ignored.",
      "otherProject": "Issue {issue} carries a marker naming task {task}, but it is not in project {project}: the marker was ignored.",
      "ambiguous": "Issue {issue} carries a marker naming task {task}, and so does another issue: nothing was paired. Link the task to the right issue in the issue panel.",
      "tasksAmbiguous": "Tasks {tasks} each carry an XML_ID naming issue {issue}: nothing was paired. Link the right task in the issue panel."
    },
    "pair": {
      "linkedByPerson": "Issue {issue} was linked to task {task} in the issue panel.",
      "unlinkedByPerson": "Issue {issue} and task {task} were unlinked in the issue panel; neither is paired again unless someone links it.",
      "markerLeft": "The marker on the {side:side} side could not be removed ({detail}); the unlink holds all the same."
    }
  },
  "restrictedTo": {
    "role": "project role",
    "group": "group"
  },
  "migrationPageOf": {
    "b24": "Bitrix24 tasks",
    "jira": "Jira issues"
  },
  "lifecycle": {
    "memberId": "Portal member_id (sent with every event of the outgoing webhook)"
  },
  "access": {
    "heading": "Workgroups that may be paired",
    "explain": "A project administrator can pair their project only with a workgroup listed here for it. The app sees every workgroup its Bitrix24 account can see: list only those whose tasks may be copied into the project.",
    "group": "Workgroup",
    "projects": "Projects",
    "projectsHint": "Project keys separated by commas, such as DEMO, or * for any project.",
    "pickGroup": "Choose a workgroup",
    "add": "Add workgroup",
    "save": "Save the list",
    "empty": "No workgroup is listed yet: no project can be paired until one is.",
    "noneListed": "No workgroup is listed for this project yet. A Jira administrator lists the workgroups each project may pair with on the Connection tab."
  }
};
