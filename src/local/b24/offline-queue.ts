/**
 * The portal's offline event queue (events/offline-events.md): instead of a POST, a change leaves a record with the
 * event name and the object's ids. The queue keeps the object's latest change, not its history: a second change to
 * the same object while its record waits only moves the record's timestamp. A record reserved by a reader
 * (event.offline.get with clear=0) is no longer "waiting": a change after the reservation leaves a new record, so
 * confirming the reserved one can never swallow a change the reader did not see. (The docs say only "one record
 * per object"; this split is the only reading under which their get-then-confirm flow loses nothing.)
 */
import { createHash } from 'node:crypto';
import { formatPortalDate } from './dates';

export interface OfflineRecord {
  id: number;
  /** What makes two changes "the same object": the event and its data. */
  messageId: string;
  eventName: string;
  eventData: Record<string, unknown>;
  /** ms; moved forward by each further change while the record waits. */
  timestamp: number;
  /** '' while waiting; the reader's process id once reserved. */
  processId: string;
  /** ms of the reservation: reserved batches are dropped after 30 days (offline-events.md). */
  reservedAt: number | null;
  error: boolean;
  /** auth_connector of the binding: the queue is divided by sources. */
  connector: string;
}

const RESERVATION_MS = 30 * 24 * 3600 * 1000;

export type OfflineField = 'ID' | 'TIMESTAMP_X' | 'EVENT_NAME' | 'MESSAGE_ID' | 'PROCESS_ID' | 'ERROR';
export interface OfflineCondition {
  field: OfflineField;
  op: '=' | '!' | '>' | '<' | '>=' | '<=';
  value: string;
}
export interface OfflineOrder {
  field: OfflineField;
  direction: 'ASC' | 'DESC';
}

function fieldValue(r: OfflineRecord, field: OfflineField): string | number {
  switch (field) {
    case 'ID':
      return r.id;
    case 'TIMESTAMP_X':
      return r.timestamp;
    case 'EVENT_NAME':
      return r.eventName;
    case 'MESSAGE_ID':
      return r.messageId;
    case 'PROCESS_ID':
      return r.processId;
    case 'ERROR':
      return r.error ? 1 : 0;
  }
}

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function matches(r: OfflineRecord, c: OfflineCondition): boolean {
  const actual = fieldValue(r, c.field);
  const wanted =
    typeof actual === 'number' && c.field !== 'TIMESTAMP_X'
      ? Number(c.value)
      : c.field === 'TIMESTAMP_X'
        ? Date.parse(c.value)
        : c.value;
  const d = compare(actual, wanted);
  return { '=': d === 0, '!': d !== 0, '>': d > 0, '<': d < 0, '>=': d >= 0, '<=': d <= 0 }[c.op];
}

export class OfflineQueue {
  private readonly records: OfflineRecord[] = [];
  private nextId = 1;

  record(eventName: string, eventData: Record<string, unknown>, connector: string, now: number): void {
    const messageId = createHash('md5')
      .update(JSON.stringify([eventName, eventData]))
      .digest('hex');
    const waiting = this.records.find(
      (r) => r.messageId === messageId && r.connector === connector && r.processId === '' && !r.error,
    );
    if (waiting) {
      waiting.timestamp = now;
      return;
    }
    this.records.push({
      id: this.nextId++,
      messageId,
      eventName,
      eventData,
      timestamp: now,
      processId: '',
      reservedAt: null,
      error: false,
      connector,
    });
  }

  /** event.offline.get: the waiting records (and, given `processId`, those it already holds), reserved or removed. */
  take(q: {
    connector: string;
    processId: string;
    clear: boolean;
    withErrors: boolean;
    filter: OfflineCondition[];
    order: OfflineOrder[];
    limit: number;
    now: number;
  }): OfflineRecord[] {
    this.expire(q.now);
    const candidates = this.records.filter(
      (r) =>
        r.connector === q.connector &&
        (r.error ? q.withErrors : r.processId === '' || r.processId === q.processId) &&
        q.filter.every((c) => matches(r, c)),
    );
    const picked = sortRecords(
      candidates,
      q.order.length > 0 ? q.order : [{ field: 'TIMESTAMP_X', direction: 'ASC' }],
    ).slice(0, q.limit);
    if (q.clear) this.remove((r) => picked.includes(r));
    else for (const r of picked) Object.assign(r, { processId: q.processId, reservedAt: r.reservedAt ?? q.now });
    return picked;
  }

  /** event.offline.list: the whole queue of one source, unchanged. */
  list(q: { connector: string; filter: OfflineCondition[]; order: OfflineOrder[]; now: number }): OfflineRecord[] {
    this.expire(q.now);
    const all = this.records.filter((r) => r.connector === q.connector && q.filter.every((c) => matches(r, c)));
    return sortRecords(all, q.order.length > 0 ? q.order : [{ field: 'ID', direction: 'ASC' }]);
  }

  /** event.offline.clear: the process's records, narrowed by `ids` or else by `messageIds`. */
  clear(processId: string, ids: number[] | null, messageIds: string[] | null): void {
    this.remove(
      (r) =>
        r.processId === processId && (ids ? ids.includes(r.id) : messageIds ? messageIds.includes(r.messageId) : true),
    );
  }

  /** event.offline.error: the process's records with these MESSAGE_IDs stay, marked as erroneous. */
  markError(processId: string, messageIds: string[]): void {
    for (const r of this.records) if (r.processId === processId && messageIds.includes(r.messageId)) r.error = true;
  }

  /** Read-only view for tests and the sandbox. */
  all(): readonly OfflineRecord[] {
    return this.records;
  }

  private expire(now: number): void {
    this.remove((r) => r.reservedAt !== null && now - r.reservedAt > RESERVATION_MS);
  }

  private remove(drop: (r: OfflineRecord) => boolean): void {
    const kept = this.records.filter((r) => !drop(r));
    this.records.splice(0, this.records.length, ...kept);
  }
}

function sortRecords(records: OfflineRecord[], order: OfflineOrder[]): OfflineRecord[] {
  return [...records].sort((a, b) => {
    for (const o of order) {
      const d = compare(fieldValue(a, o.field), fieldValue(b, o.field));
      if (d !== 0) return o.direction === 'ASC' ? d : -d;
    }
    return a.id - b.id;
  });
}

/** A record as event.offline.get prints it; event.offline.list adds PROCESS_ID and ERROR. */
export function renderRecord(r: OfflineRecord, timeZone: string, full: boolean): Record<string, unknown> {
  return {
    ID: String(r.id),
    TIMESTAMP_X: formatPortalDate(r.timestamp, timeZone),
    EVENT_NAME: r.eventName,
    EVENT_DATA: r.eventData,
    // The docs print `false` here, and nothing about what else it may carry.
    EVENT_ADDITIONAL: false,
    MESSAGE_ID: r.messageId,
    ...(full ? { PROCESS_ID: r.processId, ERROR: r.error ? '1' : '0' } : {}),
  };
}
