/**
 * The portal's offline event queue (events/event-offline-get.md, -clear.md, -error.md). A record must carry its ID
 * and MESSAGE_ID, so the drain can confirm or mark it; its name and data come back as sent, and the drain reads
 * them with the event intake's rules (app/intake/offline-drain.ts), refusing what is not a task change.
 */
import { z } from 'zod';
import type { B24OfflineRecord, B24Port } from '../../ports/b24';
import type { B24Caller } from './request';
import { idString } from './schemas';

type OfflineEndpoints = Pick<
  B24Port,
  'bindOfflineEvent' | 'getOfflineEvents' | 'clearOfflineEvents' | 'markOfflineEventsFailed'
>;

/** ID and MESSAGE_ID must be there: without them a record can be neither confirmed nor marked. */
const recordSchema = z.object({
  ID: idString.pipe(z.string().regex(/^\d+$/)),
  MESSAGE_ID: idString.pipe(z.string().min(1)),
  EVENT_NAME: z.unknown(),
  EVENT_DATA: z.unknown(),
  TIMESTAMP_X: z.unknown(),
});
const getSchema = z.object({ process_id: z.string().min(1), events: z.array(recordSchema) });

function toRecord(raw: z.infer<typeof recordSchema>): B24OfflineRecord {
  const event = typeof raw.EVENT_NAME === 'string' ? raw.EVENT_NAME.toUpperCase() : '';
  const at = typeof raw.TIMESTAMP_X === 'string' ? Date.parse(raw.TIMESTAMP_X) : Number.NaN;
  return {
    id: raw.ID,
    messageId: raw.MESSAGE_ID,
    event,
    data: raw.EVENT_DATA,
    ...(Number.isFinite(at) ? { ts: Math.floor(at / 1000) } : {}),
  };
}

export const offlineEventEndpoints = (c: B24Caller): OfflineEndpoints => ({
  async bindOfflineEvent(event) {
    await c.call('event.bind', { event, event_type: 'offline' }, z.unknown());
  },

  async getOfflineEvents({ processId, limit }) {
    const { result } = await c.call('event.offline.get', { clear: 0, process_id: processId, limit }, getSchema);
    return { processId: result.process_id, records: result.events.map(toRecord) };
  },

  async clearOfflineEvents(processId, ids) {
    await c.call('event.offline.clear', { process_id: processId, id: ids }, z.literal(true));
  },

  async markOfflineEventsFailed(processId, messageIds) {
    await c.call('event.offline.error', { process_id: processId, message_id: messageIds }, z.literal(true));
  },
});
