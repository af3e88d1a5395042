/**
 * Attachments: multipart upload under the field name `file` with `X-Atlassian-Token: no-check` (Jira's XSRF guard
 * answers 403 without it), a size cap answering 413, download and delete.
 */
import type { Handler } from '../context';
import { emptyResponse, JiraHttpError, jsonResponse, notFound } from '../errors';
import { attachmentEvent } from '../events';
import { attachmentView } from '../issue-view';
import type { StoredAttachment } from '../state';

const MAX_FILES_PER_REQUEST = 60;

async function readFiles(request: Request): Promise<File[]> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data'))
    throw new JiraHttpError(415, ['Unsupported Media Type: send multipart/form-data.']);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new JiraHttpError(400, ['The multipart body could not be read.']);
  }
  const files = form.getAll('file').filter((v): v is File => typeof v !== 'string');
  if (files.length === 0) throw new JiraHttpError(400, ["No file was sent under the multipart field name 'file'."]);
  return files;
}

export const addAttachments: Handler = async (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  if ((ctx.request.headers.get('x-atlassian-token') ?? '').toLowerCase() !== 'no-check') {
    return new Response('XSRF check failed', { status: 403, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
  }
  const files = await readFiles(ctx.request);
  if (files.length > MAX_FILES_PER_REQUEST)
    throw new JiraHttpError(413, [`You can attach up to ${MAX_FILES_PER_REQUEST} files in one request.`]);
  const tooBig = files.find((f) => f.size > ctx.limits.attachmentMaxBytes);
  if (tooBig !== undefined) {
    throw new JiraHttpError(413, [
      `The file '${tooBig.name}' is too large to attach. The limit is ${ctx.limits.attachmentMaxBytes} bytes.`,
    ]);
  }
  if (ctx.state.attachmentsOf(issue.id).length + files.length > 2000)
    throw new JiraHttpError(413, ['The issue has reached its limit of 2000 attachments.']);
  ctx.limiter.admitIssueWrite(issue.id);
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    const attachment: StoredAttachment = {
      id: ctx.state.allocateAttachmentId(),
      issueId: issue.id,
      filename: file.name || 'file',
      mimeType: file.type || 'application/octet-stream',
      bytes: new Uint8Array(await file.arrayBuffer()),
      authorId: ctx.actor.accountId,
      created: ctx.clock.now(),
    };
    ctx.state.attachments.set(attachment.id, attachment);
    stored.push(attachment);
  }
  for (const a of stored) ctx.emit(attachmentEvent('created', ctx.state, ctx.actor, a));
  return jsonResponse(
    200,
    stored.map((a) => attachmentView(ctx.state, a.id)),
  );
};

function requireAttachment(id: string): (attachments: Map<string, StoredAttachment>) => StoredAttachment {
  return (attachments) => {
    const a = attachments.get(id);
    if (a === undefined) throw notFound(`The attachment with id '${id}' does not exist.`);
    return a;
  };
}

export const getAttachment: Handler = (ctx) => {
  const a = requireAttachment(ctx.params.id ?? '')(ctx.state.attachments);
  // AttachmentMetadata types the id as an integer, unlike the upload reply.
  return jsonResponse(200, { ...attachmentView(ctx.state, a.id), id: Number(a.id) });
};

/** Real Jira redirects (303) to the media service unless redirect=false; the emulator redirects to itself. */
export const getAttachmentContent: Handler = (ctx) => {
  const a = requireAttachment(ctx.params.id ?? '')(ctx.state.attachments);
  if (ctx.url.searchParams.get('redirect') !== 'false') {
    return emptyResponse(303, {
      Location: `${ctx.state.seed.baseUrl}/rest/api/3/attachment/content/${a.id}?redirect=false`,
    });
  }
  const body = new Uint8Array(a.bytes);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': a.mimeType,
      'Content-Length': String(a.bytes.byteLength),
      'Content-Disposition': `attachment; filename="${encodeURIComponent(a.filename)}"`,
    },
  });
};

export const deleteAttachment: Handler = (ctx) => {
  const a = requireAttachment(ctx.params.id ?? '')(ctx.state.attachments);
  ctx.limiter.admitIssueWrite(a.issueId);
  ctx.state.attachments.delete(a.id);
  ctx.emit(attachmentEvent('deleted', ctx.state, ctx.actor, a));
  return emptyResponse(204);
};
