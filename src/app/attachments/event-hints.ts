/**
 * What a Jira attachment event says about the file besides its id. Forge documents no example payload for
 * avi:jira:*:attachment; the REST attachment spells the name `filename`, the emulator (after jira.js's webhook
 * type) sends `fileName`, so both are accepted. Anything missing or malformed is simply left out: the consumer
 * then checks the size on the downloaded bytes instead.
 */
import { z } from 'zod';

export interface AttachmentHints {
  filename?: string;
  size?: number;
  mimeType?: string;
}

const text = z.string().min(1).max(255);

const payloadSchema = z.object({
  attachment: z.object({
    filename: text.optional().catch(undefined),
    fileName: text.optional().catch(undefined),
    size: z.number().int().nonnegative().optional().catch(undefined),
    mimeType: text.optional().catch(undefined),
  }),
});

export function attachmentHints(payload: unknown): AttachmentHints {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return {};
  const { filename, fileName, size, mimeType } = parsed.data.attachment;
  const name = filename ?? fileName;
  return {
    ...(name === undefined ? {} : { filename: name }),
    ...(size === undefined ? {} : { size }),
    ...(mimeType === undefined ? {} : { mimeType }),
  };
}
