/**
 * The Jira Data Center / Server client behind the same port as Cloud's: REST v2 with a personal access token (the
 * transport adds `Authorization: Bearer`), wiki markup converted at the boundary, people by key. What the two
 * flavours share (the requester, error typing, reply schemas, bulk reading, site metadata) is the Cloud adapter's
 * own code, given v2's root.
 */
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';
import { directoryEndpoints } from '../jira/directory';
import { metadataEndpoints } from '../jira/metadata';
import { type JiraTransport, createJiraRequester } from '../jira/request';
import { dcAttachmentEndpoints } from './attachments';
import { dcBulkEndpoints } from './bulk';
import { dcCommentEndpoints } from './comments';
import { translateDcFailure } from './errors';
import { dcIssueEndpoints } from './issues';
import { peopleEndpoints } from './people';

export interface JiraDcClientOptions {
  clock: Clock;
  /** The site's base URL (with its context path, if any): attachment content links are checked against it. */
  baseUrl: string;
  boundary?: () => string;
}

const V2 = '/rest/api/2';
const randomBoundary = (): string => `----b24sync${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

export const createJiraDcClient = (transport: JiraTransport, options: JiraDcClientOptions): JiraPort => {
  const r = createJiraRequester(transport, options.clock, translateDcFailure);
  const site = directoryEndpoints(r, V2);
  const metadata = metadataEndpoints(r, V2, { issueTypes: 'values', fields: 'values' });
  return {
    ...dcIssueEndpoints(r),
    ...dcBulkEndpoints(r),
    ...dcCommentEndpoints(r),
    ...peopleEndpoints(r),
    getMyPermissions: site.getMyPermissions,
    getProjectStatuses: site.getProjectStatuses,
    getProject: site.getProject,
    getFields: metadata.getFields,
    getCreateFieldMeta: metadata.getCreateFieldMeta,
    ...dcAttachmentEndpoints(r, options.baseUrl, options.boundary ?? randomBoundary),
  };
};
