/**
 * Portal-time rendering and parsing. Bitrix24 stores instants and prints them with the portal zone's offset;
 * an input without an offset is read as portal local time, which is where "due dates shifted by a day" bugs live.
 */

function offsetMinutes(ms: number, timeZone: string): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** e.g. 2025-10-24T19:00:00+02:00 */
export function formatPortalDate(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

function localToInstant(wall: number, timeZone: string): number {
  // Two passes settle the offset across a DST change.
  const first = wall - offsetMinutes(wall, timeZone) * 60_000;
  return wall - offsetMinutes(first, timeZone) * 60_000;
}

/**
 * The years a task date keeps as sent. The docs give no range; task dates live in a MySQL DATETIME (documented
 * from 1000 to 9999) and PHP's date functions read a year up to 100 as a two-digit one, so an earlier year cannot
 * be relied on to come back as sent. Refusing it is at least as strict as the service.
 */
const MIN_YEAR = 1000;

/**
 * ISO-8601 with or without offset, `YYYY-MM-DD HH:MM:SS` or a bare date (portal local); undefined if invalid or
 * before the year 1000.
 */
export function parsePortalDate(value: string, timeZone: string): number | undefined {
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  // Also spares `Date.UTC`, which reads the years 0–99 as 1900–1999: the 1901 a year-1 deadline used to become.
  if (Number(y) < MIN_YEAR) return undefined;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d)) return undefined;
  if (zone === undefined) return localToInstant(wall, timeZone);
  if (zone === 'Z') return wall;
  const zm = /([+-])(\d{2}):?(\d{2})/.exec(zone);
  if (!zm) return undefined;
  const minutes = Number(zm[2]) * 60 + Number(zm[3]);
  return wall - (zm[1] === '-' ? -minutes : minutes) * 60_000;
}
