/**
 * Attachment ⇄ attachment links, written under both sides' keys so a duplicated event on either side finds the
 * pair with one `get`. A claim (set-if-absent with a short lifetime) keeps two workers handling the same
 * duplicated event from uploading the file twice; it expires so a worker that crashed mid-copy does not block Retry.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from './keys';

export interface FileLink {
  taskId: string;
  /** The task attachment id (what `ufTaskWebdavFiles` lists), not the Drive object id. */
  b24AttachmentId: string;
  issueId: string;
  jiraAttachmentId: string;
  filename: string;
}

const schema = z.object({
  taskId: z.string(),
  b24AttachmentId: z.string(),
  issueId: z.string(),
  jiraAttachmentId: z.string(),
  filename: z.string(),
});

/** Long enough for one download + upload + attach of a file under the cap; short enough for a prompt Retry. */
const FILE_CLAIM_TTL_SECONDS = 300;

export class FileLinkStore {
  constructor(private readonly kv: KeyValueStore) {}

  async byJira(issueId: string, attachmentId: string): Promise<FileLink | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.jiraFileLink(issueId, attachmentId)));
    return parsed.success ? parsed.data : null;
  }

  async byB24(taskId: string, attachmentId: string): Promise<FileLink | null> {
    const parsed = schema.safeParse(await this.kv.get(keys.b24FileLink(taskId, attachmentId)));
    return parsed.success ? parsed.data : null;
  }

  async save(link: FileLink): Promise<void> {
    await this.kv.set(keys.b24FileLink(link.taskId, link.b24AttachmentId), { ...link });
    await this.kv.set(keys.jiraFileLink(link.issueId, link.jiraAttachmentId), { ...link });
  }

  async remove(link: FileLink): Promise<void> {
    await this.kv.delete(keys.b24FileLink(link.taskId, link.b24AttachmentId));
    await this.kv.delete(keys.jiraFileLink(link.issueId, link.jiraAttachmentId));
  }

  /** True for the one worker that may copy this file now. */
  claim(side: 'b24' | 'jira', parentId: string, ref: string): Promise<boolean> {
    return this.kv.setIfAbsent(keys.fileClaim(side, parentId, ref), true, { ttlSeconds: FILE_CLAIM_TTL_SECONDS });
  }

  release(side: 'b24' | 'jira', parentId: string, ref: string): Promise<void> {
    return this.kv.delete(keys.fileClaim(side, parentId, ref));
  }
}
