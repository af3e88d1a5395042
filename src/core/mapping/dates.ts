/**
 * Due dates between B24 DEADLINE (a datetime with offset) and Jira duedate (a date), always in the portal's time
 * zone. Converting in UTC is what shifts due dates by a day in other sync tools: 2025-10-24T00:30:00+03:00 is the
 * 24th for a Moscow portal although it is the 23rd in UTC.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsIn(zone: string, instant: number): Record<string, number> {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(instant))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

/** Minutes the zone is ahead of UTC at `instant`. */
function offsetMinutes(zone: string, instant: number): number {
  const p = partsIn(zone, instant);
  const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar date of a B24 deadline in the portal's zone; null when unset or unreadable. */
export function deadlineToDate(deadline: string | null, zone: string): string | null {
  if (deadline === null || deadline.trim() === '') return null;
  const instant = Date.parse(deadline);
  if (Number.isNaN(instant)) return null;
  const p = partsIn(zone, instant);
  return `${p.year}-${pad(p.month ?? 0)}-${pad(p.day ?? 0)}`;
}

/**
 * A Jira due date as a B24 DEADLINE at the configured local time, with the zone's offset on that date (so a
 * summer date gets +02:00 and a winter one +01:00 in Berlin).
 */
export function dateToDeadline(date: string, endOfDay: string, zone: string): string {
  const m = DATE.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(endOfDay);
  if (!m || !t) throw new Error(`cannot build a deadline from ${date} ${endOfDay}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]));
  // The offset depends on the instant, which depends on the offset: two rounds settle it except inside a DST gap.
  let offset = offsetMinutes(zone, wall);
  offset = offsetMinutes(zone, wall - offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${t[1]}:${t[2]}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  // Date.UTC alone reads the years 0–99 as 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.toISOString().slice(0, 10) === value;
}
