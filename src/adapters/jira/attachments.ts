/**
 * Attachment upload and download. The upload is multipart with the part named `file` and the XSRF opt-out header
 * Jira requires; the body is built by hand as bytes because Forge's fetch takes no FormData.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { JiraFileUpload, JiraPort } from '../../ports/jira';
import { type JiraRequester, enc } from './request';

/** The spec's own example omits `id` on one attachment; its `content` URL (…/attachment/content/<id>) still names it. */
export const attachmentSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    content: z.string().optional(),
    filename: z.string(),
    mimeType: z.string(),
    size: z.number(),
  })
  .transform(({ id, content, ...rest }) => ({
    id: id ?? /\/attachment\/content\/(\d+)/.exec(content ?? '')?.[1],
    ...rest,
  }))
  .refine((a): a is typeof a & { id: string } => a.id !== undefined, 'attachment without id or content URL');

/** Quotes and line breaks would end the header early; the name is the only caller-controlled header text. */
const safeFilename = (name: string): string => name.replace(/["\r\n\\]/g, '_');

export const buildMultipart = (file: JiraFileUpload, boundary: string): ArrayBuffer => {
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeFilename(file.filename)}"\r\n` +
      `Content-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const bytes = new Uint8Array(head.length + file.content.length + tail.length);
  bytes.set(head, 0);
  bytes.set(file.content, head.length);
  bytes.set(tail, head.length + file.content.length);
  return bytes.buffer;
};

type AttachmentEndpoints = Pick<JiraPort, 'addAttachment' | 'getAttachmentContent'>;

export const attachmentEndpoints = (r: JiraRequester, boundary: () => string): AttachmentEndpoints => ({
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
    return r.json(
      'add attachment',
      `/rest/api/3/issue/${enc(issueIdOrKey)}/attachments`,
      init,
      z.array(attachmentSchema),
    );
  },

  async getAttachmentContent(attachmentId) {
    // redirect=false: a 303 to the media host would need a second, differently authenticated request.
    const reply = await r.send(
      'get attachment content',
      `/rest/api/3/attachment/content/${enc(attachmentId)}?redirect=false`,
      {
        method: 'GET',
        headers: { Accept: '*/*' },
      },
    );
    if (reply.arrayBuffer === undefined) {
      throw new PermanentError(
        'invalid-reply',
        'Jira get attachment content: the transport cannot read binary bodies',
        { code: 'jira:binary' },
      );
    }
    return new Uint8Array(await reply.arrayBuffer());
  },
});
