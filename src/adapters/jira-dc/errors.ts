/**
 * Data Center failures on top of Cloud's translation: the statuses and error collections are the same, but a 401
 * there almost always means the personal access token expired or was revoked (Seraph answers
 * `X-Seraph-LoginReason: AUTHENTICATED_FAILED`), and the administrator can act only if the message says so.
 */
import { PermanentError, type SyncError } from '../../core/errors';
import { translateJiraFailure } from '../jira/errors';
import type { JiraFailureTranslator } from '../jira/request';

export const translateDcFailure: JiraFailureTranslator = (what, status, headers, bodyText, nowMs): SyncError => {
  const base = translateJiraFailure(what, status, headers, bodyText, nowMs);
  if (status !== 401) return base;
  const reason = headers.get('x-seraph-loginreason');
  return new PermanentError(
    'unauthorized',
    `${base.message}. Jira Data Center refused the personal access token` +
      `${reason === null ? '' : ` (${reason})`}: it has expired, was revoked or is wrong; ` +
      'create a new one in the service account profile (Personal Access Tokens) and set JIRA_DC_PAT',
    { code: 'jira:pat-refused', cause: base },
  );
};
