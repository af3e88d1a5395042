/**
 * Attachments on REST v2: the upload is Cloud's multipart with the XSRF opt-out header; the content is not a REST
 * resource on Data Center but the attachment's `content` URL (`/secure/attachment/{id}/{filename}`), which is
 * fetched only when it lies under the configured base URL, because the request carries the token.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JiraPort } from '../../ports/jira';
import { attachmentSchema, buildMultipart } from '../jira/attachments';
import { type JiraRequester, enc, jsonBody } from '../jira/request';

const metaSchema = z.object({ content: z.string().url() });

/** The content URL as a path under the base URL, or a refusal naming both. */
export const contentPath = (baseUrl: string, content: string): string => {
  const base = new URL(baseUrl.replace(/\/+$/, ''));
  const target = new URL(content);
  const prefix = base.pathname.replace(/\/+$/, '');
  if (target.origin !== base.origin || !target.pathname.startsWith(`${prefix}/`))
    throw new PermanentError(
      'invalid-reply',
      `Jira get attachment content: ${content} is not under the configured base URL ${baseUrl}`,
      { code: 'jira:attachment-host' },
    );
  return `${target.pathname.slice(prefix.length)}${target.search}`;
};

type AttachmentEndpoints = Pick<JiraPort, 'addAttachment' | 'getAttachmentContent'>;

export const dcAttachmentEndpoints = (
  r: JiraRequester,
  baseUrl: string,
  boundary: () => string,
): AttachmentEndpoints => ({
  async addAttachment(issueIdOrKey, file) {
    const b = boundary();
    const init = {
      method: 'POST' as const,
      headers: {
        'X-Atlassian-Token': 'no-check',
        'Content-Type': `multipart/form-data; boundary=${b}`,
        Accept: 'application/json',
      },
      body: buildMultipart(file, b),
    };
    const path = `/rest/api/2/issue/${enc(issueIdOrKey)}/attachments`;
    return r.json('add attachment', path, init, z.array(attachmentSchema));
  },

  async getAttachmentContent(attachmentId) {
    const meta = await r.json(
      'get attachment',
      `/rest/api/2/attachment/${enc(attachmentId)}`,
      jsonBody('GET'),
      metaSchema,
    );
    const reply = await r.send('get attachment content', contentPath(baseUrl, meta.content), {
      method: 'GET',
      headers: { Accept: '*/*' },
    });
    if (reply.arrayBuffer === undefined)
      throw new PermanentError(
        'invalid-reply',
        'Jira get attachment content: the transport cannot read binary bodies',
        {
          code: 'jira:binary',
        },
      );
    return new Uint8Array(await reply.arrayBuffer());
  },
});
