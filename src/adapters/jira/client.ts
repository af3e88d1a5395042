/**
 * The Jira REST v3 client: one function per endpoint (issues.ts, comments.ts, directory.ts, attachments.ts), all
 * through one requester that translates errors and validates replies.
 */
import type { Clock } from '../../ports/clock';
import type { JiraPort } from '../../ports/jira';
import { attachmentEndpoints } from './attachments';
import { bulkEndpoints } from './bulk';
import { commentEndpoints } from './comments';
import { directoryEndpoints } from './directory';
import { issueEndpoints } from './issues';
import { metadataEndpoints } from './metadata';
import { type JiraTransport, createJiraRequester } from './request';
import { userEmailEndpoints } from './user-emails';
import { userListEndpoints } from './users-list';

export type { JiraTransport };

export interface JiraClientOptions {
  /** The app's clock (the composition root passes it): Retry-After dates are read against it. */
  clock: Clock;
  /** Multipart boundary source; tests pass a fixed one. */
  boundary?: () => string;
}

const randomBoundary = (): string => `----b24sync${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

export const createJiraClient = (transport: JiraTransport, options: JiraClientOptions): JiraPort => {
  const requester = createJiraRequester(transport, options.clock);
  return {
    ...issueEndpoints(requester),
    ...bulkEndpoints(requester),
    ...commentEndpoints(requester),
    ...directoryEndpoints(requester),
    ...userEmailEndpoints(requester),
    ...userListEndpoints(requester),
    ...metadataEndpoints(requester),
    ...attachmentEndpoints(requester, options.boundary ?? randomBoundary),
  };
};
