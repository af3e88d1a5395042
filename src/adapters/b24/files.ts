/**
 * Task attachments read back from Bitrix24: the attachment's Drive file (disk.attachedObject.get) and its content
 * through DOWNLOAD_URL. The URL carries an access token, so no error message or log line may contain it.
 */
import { z } from 'zod';
import { isPermanent, PermanentError, RetryableError } from '../../core/errors';
import type { B24Port } from '../../ports/b24';
import type { HttpTransport } from '../../ports/http';
import { translateB24Failure } from './errors';
import type { B24Caller } from './request';
import { idString } from './schemas';

type FileEndpoints = Pick<B24Port, 'getAttachedObject' | 'downloadFile'>;

const WHAT = 'Bitrix24 file download';

const attachedObjectSchema = z.object({
  ID: idString,
  OBJECT_ID: idString,
  NAME: z.string().min(1),
  // In the documented reply (a string of bytes); optional so a portal that leaves it out still works.
  SIZE: z.coerce.number().int().nonnegative().optional().catch(undefined),
  DOWNLOAD_URL: z.string().url(),
});

/**
 * The headers a browser sends; Bitrix24 answers a bare GET of a download URL with 404
 * (settings/how-to-call-rest-api/general-principles.md#headers).
 */
function browserHeaders(url: string): Record<string, string> {
  return {
    'User-Agent': 'Mozilla/5.0 (compatible; Bitrix24SyncForJira/1.0)',
    Accept: '*/*',
    'Accept-Language': 'en-US,en;q=0.9',
    Referer: `${new URL(url).origin}/`,
  };
}

export const fileEndpoints = (c: B24Caller, transport: HttpTransport, now: () => number): FileEndpoints => ({
  async getAttachedObject(attachmentId) {
    try {
      const { result } = await c.call('disk.attachedObject.get', { id: attachmentId }, attachedObjectSchema);
      return {
        id: result.ID,
        objectId: result.OBJECT_ID,
        name: result.NAME,
        downloadUrl: result.DOWNLOAD_URL,
        ...(result.SIZE === undefined ? {} : { size: result.SIZE }),
      };
    } catch (error) {
      if (isPermanent(error, 'not-found')) return null;
      throw error;
    }
  },

  async downloadFile(url) {
    let reply;
    try {
      reply = await transport(url, { method: 'GET', headers: browserHeaders(url) });
    } catch {
      // The transport's own message may quote the URL, token included, so it is not passed on.
      throw new RetryableError('network', `${WHAT}: network failure`, { code: 'b24:network' });
    }
    if (reply.status !== 200) throw translateB24Failure(WHAT, reply.status, null, now());
    if (!reply.arrayBuffer)
      throw new PermanentError('invalid-request', `${WHAT}: the transport cannot read binary replies`, {
        code: 'b24:binary',
      });
    return new Uint8Array(await reply.arrayBuffer());
  },
});
